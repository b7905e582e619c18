// Peers further along as models (docs/ODD.md §3.3.6.1, "Group composition"): colleagues in the
// group who already apply the method pull the others towards acceptance. Rogers (2003, ch. 7):
// early adopters are the role models of their colleagues; seed 003 (learning phases):
// "Socialisatie: de lerende participeert in de praktijk en het team".
#pragma once
#include "parameters.hpp"

namespace adoptsim {

// The acceptance impulse one attendee gets from the rest of the group: `applying_others` of the
// `others` apply the method; only those not yet applying are pulled, in proportion to safety.
inline double peer_model_impulse(const Parameters& p, int applying_others, int others, bool applying, double safety) {
  if (applying || others <= 0) return 0.0;
  return p[Param::peer_model_acceptance] * safety * static_cast<double>(applying_others) / others;
}

}  // namespace adoptsim
