// The mix of skill levels in a group (docs/ODD.md §3.3.6.1): one learns more in a session with
// colleagues who are clearly further along. Seed 002, "8. Met wie?": "Wat is de juiste mix,
// niveau ook gezien veilige leeromgeving. Denk bijvoorbeeld aan het combineren van meer en minder
// digivaardige medewerkers in een groep."
// The session's own gain is raised by the share of the rest of the group whose skill exceeds one's
// own by at least `composition.skill_mix_gap`: a bounded effect of who is in the room, not a pull
// in proportion to the skill one has lost since the last session (that would act as the inverse
// of skill decay, §3.3.9, and make the two indistinguishable in evaluation data).
#pragma once
#include "parameters.hpp"

namespace adoptsim {

// `abler_others` of the `others` in the group are at least the gap ahead; `session_gain` is what
// the learning rule gives (sim/learning.cpp).
inline double skill_mix_gain(const Parameters& p, double session_gain, int abler_others, int others) {
  if (others <= 0) return 0.0;
  return p[Param::skill_mix_learning] * session_gain * static_cast<double>(abler_others) / others;
}

}  // namespace adoptsim
