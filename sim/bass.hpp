// The Bass reduction (docs/ODD.md §3.3.12): no programme, needs, resistance or skill; a person
// who has not adopted adopts with probability p + q * (share of neighbours adopted last week).
#pragma once
#include <cstdint>

#include "parameters.hpp"

namespace adoptsim {

struct BassRates {
  double p, q;
  static BassRates from(const Parameters& x) { return {x[Param::bass_p], x[Param::bass_q]}; }
};

// On a complete network: everyone sees the population's share.
inline double adoption_probability(const BassRates& r, double population_share) { return r.p + r.q * population_share; }

inline double adoption_probability(const BassRates& r, std::uint32_t adopted_neighbours, std::uint64_t degree) {
  return r.p + (degree > 0 ? r.q * adopted_neighbours / static_cast<double>(degree) : 0.0);
}

}  // namespace adoptsim
