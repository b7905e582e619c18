#include "learning.hpp"

#include <algorithm>
#include <cmath>

#include "rules.hpp"

namespace adoptsim {

double session_safety(const Parameters& p, const SessionInput& in) {
  const double ideal = p[Param::ideal_group_size];
  double s = p[Param::safety_base] + p[Param::safety_trainer_quality] * in.trainer_quality +
             p[Param::safety_inclusion] * (in.inclusion - 0.5) + p[Param::safety_affection] * (in.affection - 0.5) +
             p[Param::safety_familiarity] * in.familiarity;
  if (!in.plenary) s -= p[Param::safety_group_size] * std::max(0.0, in.group_size - ideal) / ideal;
  if (in.manager_incongruent_present) s -= p[Param::safety_manager_presence];
  return clamp01(s);
}

SessionOutcome session_outcome(const Parameters& p, const SessionInput& in) {
  SessionOutcome out;
  out.safety = session_safety(p, in);
  const double c = in.challenge;
  out.stress = std::max(0.0, c - out.safety - p[Param::stress_margin]);
  double airtime = 1.0;
  const double ideal = p[Param::ideal_group_size];
  if (!in.plenary && in.group_size > ideal) airtime = std::pow(ideal / in.group_size, p[Param::airtime_exponent]);
  const double impairment = std::max(0.0, 1.0 - p[Param::stress_learning_penalty] * out.stress);
  out.gain = in.learning_rate * c * out.safety * (1.0 - in.skill) * airtime * impairment;
  // A positive reaction does not mean learning: the comfort zone (low c, high safety) scores best.
  out.reaction = clamp01(p[Param::reaction_base] + p[Param::reaction_safety] * out.safety - p[Param::reaction_challenge] * c -
                         p[Param::reaction_stress] * out.stress +
                         p[Param::reaction_needs] * (in.mean_need - 0.7) - p[Param::reaction_resistance] * in.resistance);
  return out;
}

}  // namespace adoptsim
