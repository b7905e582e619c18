#include "session.hpp"

#include <algorithm>

#include "cross_team_ties.hpp"
#include "learning.hpp"
#include "manager_model.hpp"
#include "peer_models.hpp"
#include "skill_mix.hpp"
#include "programme.hpp"
#include "rules.hpp"

namespace adoptsim {

namespace {

void add_need(Agents& a, Need k, int i, double delta) {
  float& s = a.need[static_cast<std::size_t>(idx(k))][static_cast<std::size_t>(i)];
  s = clamp01(static_cast<float>(s + delta));
}

// The type's own effects on the needs, resistance, the social norm and erosion, as its row in
// sim/intervention_types.hpp lists them (docs/ODD.md §3.3.5, the effect table). A message has no
// session: `safety` is 1 for it. `share_applying`: the method's users applying last week.
void type_effects(const Intervention& iv, const Parameters& p, const Structure& st, Agents& a, int i, double safety, double share_applying) {
  const InterventionTypeInfo& d = type_info(iv.type);
  for (const TypeEffect& e : d.effects) {
    if (e.on == EffectOn::none) break;
    double amount = p[e.amount];
    switch (e.scale) {
      case EffectScale::plus: break;
      case EffectScale::minus: amount = -amount; break;
      case EffectScale::minus_unsafe: amount = -amount * (1.0 - safety); break;
      case EffectScale::feedback: amount = iv.feedback_acted_on ? amount : -amount; break;
      case EffectScale::share_applying: amount *= share_applying; break;
    }
    switch (e.on) {
      case EffectOn::none: break;
      case EffectOn::autonomy: add_need(a, Need::autonomy, i, amount); break;
      case EffectOn::inclusion: add_need(a, Need::inclusion, i, amount); break;
      case EffectOn::affection: add_need(a, Need::affection, i, amount); break;
      case EffectOn::competence: add_need(a, Need::competence, i, amount); break;
      case EffectOn::resistance: a.resistance[i] = clamp01(static_cast<float>(a.resistance[i] + amount)); break;
      case EffectOn::norm: a.norm_impulse[i] += static_cast<float>(amount); break;
      case EffectOn::erosion_relief: a.erosion_relief[i] = std::max(a.erosion_relief[i], clamp01(static_cast<float>(amount))); break;
    }
  }
  // A manager who responds to resistance in the method's style (§3.3.8).
  if (d.role_model && !is_method_user(st.role[i])) a.masterclassed[i] = 1;
  if (d.onboards) a.flags[i] &= static_cast<std::uint8_t>(~kNewHire);
}

}  // namespace

SessionSettings::SessionSettings(const Intervention& iv, const Parameters& p)
    : challenge(iv.challenge >= 0 ? iv.challenge : type_param(p, iv.type, TypeField::challenge)),
      learning_rate(type_param(p, iv.type, TypeField::learning_rate)),
      awareness(type_param(p, iv.type, TypeField::awareness)),
      acceptance(type_param(p, iv.type, TypeField::acceptance)),
      practice(type_param(p, iv.type, TypeField::practice)),
      plenary(is_plenary(iv.type)),
      training(is_training(iv.type)),
      scored(type_info(iv.type).scored),
      // Being told to come to communication or an evaluation is not a mandate to change.
      mandate(iv.mandatory && type_info(iv.type).mandate) {}

void deliver_message(const ProgrammeContext& ctx, const Intervention& iv, const SessionSettings& set, const std::vector<std::uint32_t>& came,
                     SessionSums& sums) {
  Agents& a = ctx.agents;
  const Parameters& p = ctx.params;
  for (auto i : came) {
    a.awareness_impulse[i] += static_cast<float>(set.awareness);
    a.acceptance_impulse[i] += static_cast<float>(set.acceptance * p.per_category(Param::openness_innovator, a.category[i]));
    a.practice_impulse[i] += static_cast<float>(set.practice);
    type_effects(iv, p, ctx.structure, a, static_cast<int>(i), 1.0, ctx.users_applying);
    sums.staff_cost += iv.hours * ctx.scenario.costs.hourly_wage[static_cast<std::size_t>(idx(ctx.structure.role[i]))];
  }
}

void hold_session(const ProgrammeContext& ctx, const Intervention& iv, const SessionSettings& set, const Groups& groups, int g,
                  boost::random::normal_distribution<double>& noise, Engine& rng, std::vector<std::uint32_t>& teams,
                  std::vector<float>& start_skill, SessionSums& sums, ReactionTally& reactions) {
  const Structure& st = ctx.structure;
  const Parameters& p = ctx.params;
  Agents& a = ctx.agents;
  const auto begin = groups.members.begin() + groups.start[static_cast<std::size_t>(g)];
  const auto end = groups.members.begin() + groups.start[static_cast<std::size_t>(g) + 1];
  const int size = groups.size(g);
  for (auto it = begin; it != end; ++it) ctx.scratch[*it] = 1;
  teams.clear();
  for (auto it = begin; it != end; ++it) teams.push_back(st.team_of[*it]);
  std::sort(teams.begin(), teams.end());
  // Group composition (docs/ODD.md §3.3.6.1): who applies and how skilled the group is, at its start.
  int applying = 0;
  for (auto it = begin; it != end; ++it) applying += a.applied_last_week(static_cast<int>(*it)) ? 1 : 0;
  const float mix_gap = static_cast<float>(p[Param::skill_mix_gap]);
  const bool mixes = !set.plenary && p[Param::skill_mix_learning] > 0;
  start_skill.clear();
  if (mixes)
    for (auto it = begin; it != end; ++it) start_skill.push_back(a.skill[*it]);

  for (auto it = begin; it != end; ++it) {
    const int i = static_cast<int>(*it);
    const auto same_team = std::upper_bound(teams.begin(), teams.end(), st.team_of[i]) - std::lower_bound(teams.begin(), teams.end(), st.team_of[i]);
    const int m = st.manager_of[i];
    SessionInput in;
    in.challenge = set.challenge;
    in.trainer_quality = iv.trainer_quality;
    in.learning_rate = set.learning_rate;
    in.group_size = size;
    in.plenary = set.plenary;
    in.familiarity = size > 1 ? static_cast<double>(same_team - 1) / (size - 1) : 0.0;
    const bool manager_present = m >= 0 && ctx.scratch[static_cast<std::size_t>(m)];
    in.manager_incongruent_present = manager_present && !a.applied_last_week(m);
    in.inclusion = a.need[idx(Need::inclusion)][i];
    in.affection = a.need[idx(Need::affection)][i];
    double mean_need = 0;
    for (int n = 0; n < kNeeds; ++n) mean_need += a.need[n][i];
    in.mean_need = mean_need / kNeeds;
    in.skill = a.skill[i];
    in.resistance = a.resistance[i];
    const SessionOutcome out = session_outcome(p, in);
    const bool self_applying = a.applied_last_week(i);
    int abler = 0;  // the others clearly further along, by their skill at the session's start
    if (mixes) {
      const auto self = static_cast<std::size_t>(it - begin);
      for (std::size_t j = 0; j < start_skill.size(); ++j) abler += j != self && start_skill[j] >= start_skill[self] + mix_gap ? 1 : 0;
    }
    const double mix_gain = mixes ? skill_mix_gain(p, out.gain, abler, size - 1) : 0.0;
    const double composition_pull =
        set.plenary ? 0.0
                    : peer_model_impulse(p, applying - (self_applying ? 1 : 0), size - 1, self_applying, out.safety) +
                          manager_model_impulse(p, manager_present, manager_present && !in.manager_incongruent_present, out.safety);

    a.skill[i] = clamp01(static_cast<float>(a.skill[i] + out.gain + mix_gain));
    add_need(a, Need::competence, i, p[Param::need_mastery_gain] * out.gain - p[Param::stress_need_loss] * out.stress);
    add_need(a, Need::affection, i, -p[Param::stress_need_loss] * out.stress);
    a.resistance[i] = clamp01(static_cast<float>(a.resistance[i] + p[Param::stress_resistance_gain] * out.stress));
    type_effects(iv, p, st, a, i, out.safety, ctx.users_applying);
    if (set.mandate) {
      a.mandate_impulse[i] = 1.f;
      // "Why is it decided for us?": obligation costs autonomy to those not yet convinced.
      if (a.stage[i] < Stage::acceptance) add_need(a, Need::autonomy, i, -p[Param::need_mandate_cost]);
    }
    // "We have had so many trainings, do you still think we are not doing it right?"
    if (set.training && a.stage[i] >= Stage::acceptance) add_need(a, Need::competence, i, -p[Param::need_overtraining_cost]);
    a.awareness_impulse[i] += static_cast<float>(set.awareness);
    a.acceptance_impulse[i] += static_cast<float>((set.acceptance * out.safety + composition_pull) * p.per_category(Param::openness_innovator, a.category[i]));
    a.practice_impulse[i] += static_cast<float>(set.practice);
    if (set.learning_rate > 0) a.had_session[i] = 1;
    if (a.sessions[i] < 65535) ++a.sessions[i];
    auto& by_type = a.sessions_by_type[static_cast<std::size_t>(idx(iv.type))][static_cast<std::size_t>(i)];
    if (by_type < 255) ++by_type;
    if (is_skill_training(iv.type)) a.flags[i] |= kTrained;
    if (!iv.mandatory) a.flags[i] |= kEnrolled;

    const double reaction = clamp01(out.reaction + noise(rng));
    if (set.scored) {
      reactions.sum += reaction;
      ++reactions.count;
    }
    sums.staff_cost += iv.hours * ctx.scenario.costs.hourly_wage[static_cast<std::size_t>(idx(st.role[i]))];
    sums.safety += out.safety;
    sums.gain += out.gain + mix_gain;
    sums.reaction += reaction;
    sums.stress += out.stress;
  }
  for (auto it = begin; it != end; ++it) ctx.scratch[*it] = 0;
  // Learning together with colleagues of other teams leaves ties (docs/ODD.md §3.3.6.1).
  if (!set.plenary && set.learning_rate > 0 && p[Param::cross_team_tie_weight] > 0) tie_across_teams(a, st, begin, end, ctx.week);
}

}  // namespace adoptsim
