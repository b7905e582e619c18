// Skill (docs/ODD.md §3.3.9): practice while applying the method raises skill for a while after a
// session (consolidation); after that an applier's skill wears off, slowed by practice
// (sim/erosion.hpp, §3.3.15I); without practice and without a session this week it decays.
// (What sessions teach: sim/session.cpp, §3.3.6.)
#pragma once
#include <cstddef>

#include "agents.hpp"
#include "erosion.hpp"
#include "parameters.hpp"

namespace adoptsim {

struct SkillRates {
  float practice_gain, decay;
  Erosion erosion;
  static SkillRates from(const Parameters& p) {
    return {static_cast<float>(p[Param::skill_practice_gain]), static_cast<float>(p[Param::skill_decay]), adoptsim::erosion(p)};
  }
};

// Also books this week's session in last_session_week (read by the stage transition).
inline float update_skill(const SkillRates& r, Agents& a, std::size_t ui, int week) {
  float skill = a.skill[ui];
  if (a.had_session[ui]) a.last_session_week[ui] = static_cast<std::int16_t>(week);
  if (is_applying(a.stage[ui])) {
    if (a.had_session[ui] || r.erosion.consolidating(Erosion::weeks_since(week, a.last_session_week[ui])))
      skill += r.practice_gain * (1.f - skill);
    else
      skill -= r.erosion.applier_decay(r.decay) * skill;
  } else if (!a.had_session[ui]) {
    skill -= r.decay * skill;
  }
  return a.skill[ui] = skill;
}

}  // namespace adoptsim
