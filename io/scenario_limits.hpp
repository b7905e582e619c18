// The sizes a scenario may have, checked on its totals when it is read (scenarios/README.md,
// "Limits"). Each per-key range can be within bounds while the product is not: 10^7 copies of a
// 300-person team. The limits keep validation linear and a run's memory within reason; the
// memory a command needs is estimated separately (io/memory_estimate.hpp) against a limit.
#pragma once
#include <cstdint>

namespace adoptsim {

inline constexpr int kMaxWeeks = 1040;                              // 20 years, one step a week
inline constexpr std::int64_t kMaxPeople = 10'000'000;              // people (or Bass agents) per scenario
inline constexpr std::int64_t kMaxPersonWeeks = 2'000'000'000;      // people x weeks of one replicate
inline constexpr std::int64_t kMaxOccurrences = 100'000;            // sessions of all interventions together

}  // namespace adoptsim
