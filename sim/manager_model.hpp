// One's own manager in the group, role-modelling the method (docs/ODD.md §3.3.6.1). Seed 000:
// "Creëer een veilige leeromgeving, laat managers een voorbeeldrol vervullen" and "Voorbeeldgedrag
// van managers en HR-adviseurs: pas zelf ook de basishouding en technieken ... toe". A manager
// who does not apply the method costs safety (safety.manager_presence, learning.cpp); one who
// does pulls their reports towards acceptance: congruence of word and deed.
#pragma once
#include "parameters.hpp"

namespace adoptsim {

inline double manager_model_impulse(const Parameters& p, bool manager_present, bool manager_applying, double safety) {
  return manager_present && manager_applying ? p[Param::manager_role_model_acceptance] * safety : 0.0;
}

}  // namespace adoptsim
