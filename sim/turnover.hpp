// Turnover and onboarding (docs/ODD.md §3.3.4): each week a position's occupant leaves with the
// weekly probability of the annual turnover; the position gets a new hire at once, unaware and
// untrained until onboarded.
#pragma once
#include <cstdint>

#include "agents.hpp"
#include "direct_adoption.hpp"
#include "parameters.hpp"
#include "people.hpp"
#include "rng.hpp"
#include "rules.hpp"

namespace adoptsim {

struct TurnoverRates {
  float leave;  // weekly probability of leaving
  static TurnoverRates from(const Parameters& p) { return {static_cast<float>(weekly_leave_probability(p[Param::turnover_annual]))}; }
};

inline bool leaves(const TurnoverRates& r, float u) { return u < r.leave; }

// The position's new occupant: fresh traits from the hires stream, flagged as a new hire; its
// weeks since support count from the hiring week (§3.3.15I); outside the susceptible share with
// probability 1 - m, drawn from the hires stream only when m < 1 (§3.3.15).
inline void hire(Agents& a, int i, const Parameters& p, Engine& hires, int week) {
  draw_person(a, i, draw_category(p, hires), p, hires);
  a.flags[static_cast<std::size_t>(i)] = kNewHire;
  a.hire_week[static_cast<std::size_t>(i)] = a.last_session_week[static_cast<std::size_t>(i)] = static_cast<std::int16_t>(week);
  if (draws_susceptibility(p) && uniform01d(hires) >= p[Param::adoption_susceptible_share]) a.flags[static_cast<std::size_t>(i)] |= kNeverAdopts;
}

}  // namespace adoptsim
