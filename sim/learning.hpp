// The learning rule of MODEL.md §7: learning needs both safety and challenge.
#pragma once
#include "parameters.hpp"

namespace adoptsim {

// What one attendee brings to one session.
struct SessionInput {
  double challenge = 0.5;        // c of the session
  double trainer_quality = 0.7;
  double learning_rate = 0.2;    // eta of the session type
  int group_size = 1;
  bool plenary = false;          // communication, kick-off, evaluation: no group dynamics
  double familiarity = 0;        // share of the rest of the group from one's own team
  bool manager_incongruent_present = false;  // own manager in the group, not applying the method
  double inclusion = 0.7, affection = 0.7, mean_need = 0.7;
  double skill = 0, resistance = 0;
};

struct SessionOutcome {
  double safety = 0;    // perceived safety sigma
  double stress = 0;    // how far challenge exceeds safety beyond the margin (stress zone)
  double gain = 0;      // skill gained
  double reaction = 0;  // expected reaction score (Kirkpatrick L1), before individual noise
};

// Perceived safety: trainer, group size, familiarity, one's inclusion and affection, and the
// presence of one's own manager who does not role-model the method.
double session_safety(const Parameters& p, const SessionInput& in);

// Learning zone: gain = eta * c * sigma * (1 - skill); comfort zone (low c): little learning;
// stress zone (c well above sigma): learning impaired. Groups above the ideal size share airtime.
SessionOutcome session_outcome(const Parameters& p, const SessionInput& in);

}  // namespace adoptsim
