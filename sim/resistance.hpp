// Resistance (docs/ODD.md §3.3.8): resistance relaxes towards a target set by need pressure
// (around the category's base), the resistance of one's colleagues (contagion) and one's manager:
// a masterclassed manager mitigates it; a manager who does not apply the method while one is
// trained adds to it (incongruence).
#pragma once
#include <array>
#include <cstddef>

#include "agents.hpp"
#include "organisation.hpp"
#include "parameters.hpp"
#include "rules.hpp"

namespace adoptsim {

struct ResistanceRates {
  float contagion, relaxation, need_gain, pressure_reference, mitigation, incongruence;
  std::array<float, kCategories> base;
  static ResistanceRates from(const Parameters& p) {
    ResistanceRates r{static_cast<float>(p[Param::resistance_contagion]), static_cast<float>(p[Param::resistance_relaxation]),
                      static_cast<float>(p[Param::resistance_need_gain]), static_cast<float>(p[Param::need_pressure_reference]),
                      static_cast<float>(p[Param::manager_mitigation]), static_cast<float>(p[Param::manager_incongruence]), {}};
    for (int c = 0; c < kCategories; ++c) r.base[c] = static_cast<float>(p.per_category(Param::resistance_base_innovator, static_cast<Category>(c)));
    return r;
  }
};

// Updates and returns person ui's resistance. `visible` is last week's (the manager's applying).
inline float update_resistance(const ResistanceRates& r, Agents& a, const Structure& st, const Agents::Visible* visible,
                               std::size_t ui, float pressure, float neighbour_resistance) {
  const float resting = clamp01(r.base[idx(a.category[ui])] + r.need_gain * (pressure - r.pressure_reference));
  float target = (1 - r.contagion) * resting + r.contagion * neighbour_resistance;
  if (const int m = st.manager_of[ui]; m >= 0) {
    if (a.masterclassed[static_cast<std::size_t>(m)]) target -= r.mitigation;
    if ((a.flags[ui] & kTrained) && !(visible[m].applying > 0)) target += r.incongruence;
  }
  const float old = a.resistance[ui];
  return a.resistance[ui] = clamp01(old + r.relaxation * (clamp01(target) - old));
}

}  // namespace adoptsim
