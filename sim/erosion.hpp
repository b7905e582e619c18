// Erosion without support (docs/ODD.md "Erosion"): 000 phase 5, "juist dit soort technieken
// hebben continu opfrissing nodig" (these techniques need continuous refreshing) and "denk niet
// dat er een moment komt waarop 'het klaar is'". Three parts, each a function of the weeks since
// one's last session (any intervention that teaches: training, refresher, coaching on the job,
// intervision, ...):
//  1. skill: practice consolidates what a session taught only for a while after it
//     (skill.consolidation_weeks); after that an applier's skill wears off, slowed by practice
//     (skill.practice_protection) but not stopped;
//  2. relapse: a hazard that grows linearly with the weeks since the last session up to
//     stage.relapse_unsupported at stage.relapse_onset weeks;
//  3. coming back: someone who relapsed returns to applying only with support: in a week with a
//     session (the ordinary application hazard and the session's practice impulse) or pulled
//     by applying colleagues (stage.comeback_pull times exposure), never by time alone.
// Defaults and their sources: sim/parameters.def and docs/ODD.md.
#pragma once
#include <algorithm>
#include <cstdint>

#include "parameters.hpp"

namespace adoptsim {

struct Erosion {
  float consolidation_weeks = 0;  // practice raises skill only this long after a session
  float practice_protection = 0;  // share of the decay that practice prevents while applying
  float relapse_unsupported = 0;  // relapse hazard added at full erosion
  float relapse_onset = 1;        // weeks without a session to full erosion
  float comeback_pull = 0;        // hazard of coming back per unit exposure, for relapsers

  // Weeks since the last session; people who never had one count from their hiring week.
  static float weeks_since(int week, std::int16_t last_session_week) { return static_cast<float>(week - last_session_week); }

  bool consolidating(float weeks_since_session) const { return weeks_since_session <= consolidation_weeks; }

  // Relative skill lost this week by someone applying without a session.
  float applier_decay(float decay) const { return decay * (1.f - practice_protection); }

  float relapse_hazard(float weeks_since_session) const {
    return relapse_unsupported * std::min(1.f, weeks_since_session / relapse_onset);
  }
};

inline Erosion erosion(const Parameters& p) {
  return {static_cast<float>(p[Param::skill_consolidation_weeks]), static_cast<float>(p[Param::skill_practice_protection]),
          static_cast<float>(p[Param::relapse_unsupported]), static_cast<float>(p[Param::relapse_onset]),
          static_cast<float>(p[Param::comeback_pull])};
}

}  // namespace adoptsim
