// Skill (docs/ODD.md §3.3.9): practice while applying the method raises skill; without practice
// and without a session this week it decays. (What sessions teach: sim/session.cpp, §3.3.6.)
#pragma once
#include <cstddef>

#include "agents.hpp"
#include "parameters.hpp"

namespace adoptsim {

struct SkillRates {
  float practice_gain, decay;
  static SkillRates from(const Parameters& p) {
    return {static_cast<float>(p[Param::skill_practice_gain]), static_cast<float>(p[Param::skill_decay])};
  }
};

inline float update_skill(const SkillRates& r, Agents& a, std::size_t ui) {
  float skill = a.skill[ui];
  if (is_applying(a.stage[ui])) {
    skill += r.practice_gain * (1.f - skill);
  } else if (!a.had_session[ui]) {
    skill -= r.decay * skill;
  }
  return a.skill[ui] = skill;
}

}  // namespace adoptsim
