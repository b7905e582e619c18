// Direct adoption and the susceptible share (docs/ODD.md "Direct adoption: the Bass nesting").
// Besides the staged path orientation -> insight -> acceptance -> change, anyone not applying
// may start applying directly, with weekly hazard
//     p + q * [(1 - omega) * exposure_network + omega * share_population],
// exposure_network the role-weighted share of one's neighbours applying last week and
// share_population the share of everyone applying last week (Bass 1969; its network form:
// Valente 1995). A share 1 - m of the people, drawn when a position gets its occupant, never
// adopts (Bass's market potential m). With p = q = 0 and m = 1 (the defaults) the mechanism is
// off and draws no random numbers; with the staged hazards at zero the full model is the
// discrete Bass model in hazard form:  F(t+1) = F(t) + (1 - F(t)) (1 - exp(-(p + q m F(t)))),
// F the adopted share of the susceptible (tests/test_bass_nesting.cpp).
#pragma once
#include "parameters.hpp"

namespace adoptsim {

struct DirectAdoption {
  float p = 0, q = 0, omega = 0;
  bool active() const { return p > 0 || q > 0; }
  // The weekly hazard of moving straight to `change`.
  float hazard(float exposure_network, float share_population) const {
    return p + q * ((1.f - omega) * exposure_network + omega * share_population);
  }
};

inline DirectAdoption direct_adoption(const Parameters& p) {
  return {static_cast<float>(p[Param::adoption_innovation]), static_cast<float>(p[Param::adoption_imitation]),
          static_cast<float>(p[Param::adoption_population_weight])};
}

// Whether people are drawn as susceptible at all (m < 1); when not, no numbers are drawn.
inline bool draws_susceptibility(const Parameters& p) { return p[Param::adoption_susceptible_share] < 1.0; }

}  // namespace adoptsim
