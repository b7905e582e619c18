#include "programme.hpp"

#include <algorithm>
#include <boost/random/normal_distribution.hpp>

#include "grouping.hpp"
#include "learning.hpp"
#include "rng.hpp"
#include "rules.hpp"

namespace adoptsim {

Schedule build_schedule(const Scenario& s) {
  Schedule sch;
  sch.by_week.resize(static_cast<std::size_t>(s.weeks) + 1);
  for (int k = 0; k < static_cast<int>(s.programme.size()); ++k)
    for (int w : s.programme[static_cast<std::size_t>(k)].weeks)
      if (w >= 1 && w <= s.weeks) sch.by_week[static_cast<std::size_t>(w)].push_back(k);
  return sch;
}

TargetFilter::TargetFilter(const Target& t, const Structure& st) : status(t.status) {
  for (Role r : t.roles) roles |= static_cast<std::uint8_t>(1u << idx(r));
  for (Category c : t.categories) categories |= static_cast<std::uint8_t>(1u << idx(c));
  if (!t.teams.empty()) {
    teams.assign(static_cast<std::size_t>(st.teams()), 0);
    for (int team : t.teams) teams[static_cast<std::size_t>(team)] = 1;
  }
}

bool TargetFilter::matches(const Structure& st, const Agents& a, int i) const {
  const auto ui = static_cast<std::size_t>(i);
  if (roles && !(roles & (1u << idx(st.role[ui])))) return false;
  if (categories && !(categories & (1u << idx(a.category[ui])))) return false;
  if (!teams.empty() && !teams[st.team_of[ui]]) return false;
  switch (status) {
    case TargetStatus::all: return true;
    case TargetStatus::trained: return a.has(i, kTrained);
    case TargetStatus::untrained: return !a.has(i, kTrained);
    case TargetStatus::enrolled: return a.has(i, kEnrolled);
    case TargetStatus::new_hires: return a.has(i, kNewHire);
    case TargetStatus::applying: return is_applying(a.stage[ui]);
    case TargetStatus::not_applying: return !is_applying(a.stage[ui]);
  }
  return false;
}

namespace {

using CostMatrix = std::array<double, kCostRows * kCostKinds>;

void book(CostMatrix& m, int row, CostKind kind, double amount) { m[static_cast<std::size_t>(row * kCostKinds + idx(kind))] += amount; }

// Who of the targeted comes: mandatory sessions lose the absent, voluntary ones are a choice.
// One uniform per targeted person, whatever the outcome.
std::vector<std::uint32_t> attendees_of(const Intervention& iv, const std::vector<std::uint32_t>& invited,
                                        const ProgrammeContext& ctx, Engine& rng) {
  const auto& p = ctx.params;
  const auto& a = ctx.agents;
  std::vector<std::uint32_t> came;
  for (auto i : invited) {
    const double w = ctx.team_workload[ctx.structure.team_of[i]];
    double prob;
    if (iv.mandatory) {
      prob = 1.0 - p[Param::absence_base] - p[Param::absence_workload] * w;
    } else {
      prob = logistic(p[Param::voluntary_base] + p.per_category(Param::propensity_innovator, a.category[i]) -
                      p[Param::voluntary_resistance] * a.resistance[i] -
                      p[Param::voluntary_workload] * (w - p[Param::workload_mean]) +
                      (a.has(static_cast<int>(i), kEnrolled) ? p[Param::voluntary_enrolled] : 0.0));
    }
    if (uniform01d(rng) < prob) came.push_back(i);
  }
  if (iv.capacity > 0 && static_cast<int>(came.size()) > iv.capacity) {
    // Places go first to those who had this activity least often, at random among equals.
    shuffle(came, rng);
    const auto& had = a.sessions_by_type[static_cast<std::size_t>(idx(iv.type))];
    std::stable_sort(came.begin(), came.end(), [&](std::uint32_t x, std::uint32_t y) { return had[x] < had[y]; });
    came.resize(static_cast<std::size_t>(iv.capacity));
  }
  return came;
}

void add_need(Agents& a, Need k, int i, double delta) {
  float& s = a.need[static_cast<std::size_t>(idx(k))][static_cast<std::size_t>(i)];
  s = clamp01(static_cast<float>(s + delta));
}

// The type-specific effects on the needs and resistance (MODEL.md §6 table).
void type_effects(const Intervention& iv, const Parameters& p, Agents& a, int i, double safety) {
  using T = InterventionType;
  switch (iv.type) {
    case T::think_tank:
      add_need(a, Need::autonomy, i, p[Param::think_tank_autonomy_gain]);
      add_need(a, Need::inclusion, i, p[Param::think_tank_inclusion_gain]);
      break;
    case T::kick_off: add_need(a, Need::inclusion, i, p[Param::kick_off_inclusion_gain]); break;
    case T::theme_meeting: add_need(a, Need::autonomy, i, p[Param::theme_meeting_autonomy_gain]); break;
    case T::intervision:
      add_need(a, Need::inclusion, i, p[Param::intervision_inclusion_gain]);
      add_need(a, Need::affection, i, p[Param::intervision_affection_gain]);
      a.resistance[i] = clamp01(static_cast<float>(a.resistance[i] - p[Param::intervision_resistance_relief]));
      break;
    case T::masterclass: add_need(a, Need::competence, i, p[Param::masterclass_competence_gain]); break;
    case T::coaching_on_the_job: add_need(a, Need::competence, i, -p[Param::coaching_face_threat] * (1.0 - safety)); break;
    case T::evaluation:
      add_need(a, Need::affection, i, iv.feedback_acted_on ? p[Param::need_feedback_effect] : -p[Param::need_feedback_effect]);
      break;
    default: break;
  }
}

}  // namespace

Occurrence run_occurrence(const ProgrammeContext& ctx, int k, CostMatrix& cost_matrix, ReactionTally& reactions) {
  const Intervention& iv = ctx.scenario.programme[static_cast<std::size_t>(k)];
  const Structure& st = ctx.structure;
  const Parameters& p = ctx.params;
  Agents& a = ctx.agents;
  Engine rng = make_engine(ctx.seed, static_cast<std::uint64_t>(ctx.replicate), Stream::programme,
                           name_hash(iv.name) ^ (static_cast<std::uint64_t>(ctx.week) * 0x9E3779B97F4A7C15ULL));

  const TargetFilter filter(iv.target, st);
  std::vector<std::uint32_t> invited;
  for (int i = 0; i < st.people; ++i)
    if (filter.matches(st, a, i)) invited.push_back(static_cast<std::uint32_t>(i));
  const auto came = attendees_of(iv, invited, ctx, rng);
  // Communication is a message, not a session: it reaches people, without groups or learning.
  const bool message = iv.type == InterventionType::communication;
  const Groups groups = message ? Groups{} : form_groups(came, iv.grouping, std::max(1, iv.group_size), iv.groups, st, a, rng);

  Occurrence occ;
  occ.week = ctx.week;
  occ.intervention = k;
  occ.type = iv.type;
  occ.targeted = static_cast<int>(invited.size());
  occ.attendees = static_cast<int>(came.size());
  occ.groups = groups.count();
  if (ctx.keep_attendee_ids) occ.attendee_ids = came;

  const bool plenary = is_plenary(iv.type);
  const double challenge = iv.challenge >= 0 ? iv.challenge : type_param(p, iv.type, TypeField::challenge);
  const double eta = type_param(p, iv.type, TypeField::learning_rate);
  const double awareness = type_param(p, iv.type, TypeField::awareness);
  const double acceptance = type_param(p, iv.type, TypeField::acceptance);
  const double practice = type_param(p, iv.type, TypeField::practice);
  const bool training = is_training(iv.type);
  const bool scored = iv.type != InterventionType::evaluation;
  boost::random::normal_distribution<double> noise(0.0, p[Param::reaction_noise]);
  double staff_cost = 0, safety_sum = 0, gain_sum = 0, reaction_sum = 0, stress_sum = 0;
  std::vector<std::uint32_t> teams_in_group;

  if (message) {
    for (auto i : came) {
      a.awareness_impulse[i] += static_cast<float>(awareness);
      a.acceptance_impulse[i] += static_cast<float>(acceptance * p.per_category(Param::openness_innovator, a.category[i]));
      a.practice_impulse[i] += static_cast<float>(practice);
      staff_cost += iv.hours * ctx.scenario.costs.hourly_wage[static_cast<std::size_t>(idx(st.role[i]))];
    }
  }
  for (int g = 0; g < groups.count(); ++g) {
    const auto begin = groups.members.begin() + groups.start[static_cast<std::size_t>(g)];
    const auto end = groups.members.begin() + groups.start[static_cast<std::size_t>(g) + 1];
    const int size = groups.size(g);
    for (auto it = begin; it != end; ++it) ctx.scratch[*it] = 1;
    teams_in_group.clear();
    for (auto it = begin; it != end; ++it) teams_in_group.push_back(st.team_of[*it]);
    std::sort(teams_in_group.begin(), teams_in_group.end());

    for (auto it = begin; it != end; ++it) {
      const int i = static_cast<int>(*it);
      const auto same_team = std::upper_bound(teams_in_group.begin(), teams_in_group.end(), st.team_of[i]) -
                             std::lower_bound(teams_in_group.begin(), teams_in_group.end(), st.team_of[i]);
      const int m = st.manager_of[i];
      SessionInput in;
      in.challenge = challenge;
      in.trainer_quality = iv.trainer_quality;
      in.learning_rate = eta;
      in.group_size = size;
      in.plenary = plenary;
      in.familiarity = size > 1 ? static_cast<double>(same_team - 1) / (size - 1) : 0.0;
      in.manager_incongruent_present = m >= 0 && ctx.scratch[static_cast<std::size_t>(m)] && !a.applied_last_week(m);
      in.inclusion = a.need[idx(Need::inclusion)][i];
      in.affection = a.need[idx(Need::affection)][i];
      double mean_need = 0;
      for (int n = 0; n < kNeeds; ++n) mean_need += a.need[n][i];
      in.mean_need = mean_need / kNeeds;
      in.skill = a.skill[i];
      in.resistance = a.resistance[i];
      const SessionOutcome out = session_outcome(p, in);

      a.skill[i] = clamp01(static_cast<float>(a.skill[i] + out.gain));
      add_need(a, Need::competence, i, p[Param::need_mastery_gain] * out.gain - p[Param::stress_need_loss] * out.stress);
      add_need(a, Need::affection, i, -p[Param::stress_need_loss] * out.stress);
      a.resistance[i] = clamp01(static_cast<float>(a.resistance[i] + p[Param::stress_resistance_gain] * out.stress));
      type_effects(iv, p, a, i, out.safety);
      // Being told to come to communication or an evaluation is not a mandate to change.
      if (iv.mandatory && iv.type != InterventionType::communication && iv.type != InterventionType::evaluation) {
        a.mandate_impulse[i] = 1.f;
        // "Why is it decided for us?": obligation costs autonomy to those not yet convinced.
        if (a.stage[i] < Stage::acceptance) add_need(a, Need::autonomy, i, -p[Param::need_mandate_cost]);
      }
      // "We have had so many trainings, do you still think we are not doing it right?"
      if (training && a.stage[i] >= Stage::acceptance) add_need(a, Need::competence, i, -p[Param::need_overtraining_cost]);
      a.awareness_impulse[i] += static_cast<float>(awareness);
      a.acceptance_impulse[i] += static_cast<float>(acceptance * out.safety * p.per_category(Param::openness_innovator, a.category[i]));
      a.practice_impulse[i] += static_cast<float>(practice);
      if (eta > 0) a.had_session[i] = 1;
      if (a.sessions[i] < 65535) ++a.sessions[i];
      auto& by_type = a.sessions_by_type[static_cast<std::size_t>(idx(iv.type))][static_cast<std::size_t>(i)];
      if (by_type < 255) ++by_type;
      if (is_skill_training(iv.type)) a.flags[i] |= kTrained;
      if (iv.type == InterventionType::masterclass && !is_method_user(st.role[i])) a.flags[i] |= kMasterclassed;
      if (iv.type == InterventionType::onboarding) a.flags[i] &= static_cast<std::uint8_t>(~kNewHire);
      if (!iv.mandatory) a.flags[i] |= kEnrolled;

      const double reaction = clamp01(out.reaction + noise(rng));
      if (scored) {
        reactions.sum += reaction;
        ++reactions.count;
      }
      staff_cost += iv.hours * ctx.scenario.costs.hourly_wage[static_cast<std::size_t>(idx(st.role[i]))];
      safety_sum += out.safety;
      gain_sum += out.gain;
      reaction_sum += reaction;
      stress_sum += out.stress;
    }
    for (auto it = begin; it != end; ++it) ctx.scratch[*it] = 0;
  }

  const int row = idx(iv.type);
  // Fees are per group session; a message is produced once per occurrence.
  const double per_group = message ? (came.empty() ? 0.0 : 1.0) : static_cast<double>(groups.count());
  occ.groups = static_cast<int>(per_group);
  const double direct = per_group * (iv.trainer_fee + iv.actor_fee + iv.venue) + occ.attendees * iv.materials + staff_cost;
  book(cost_matrix, row, CostKind::trainer, per_group * iv.trainer_fee);
  book(cost_matrix, row, CostKind::actor, per_group * iv.actor_fee);
  book(cost_matrix, row, CostKind::venue, per_group * iv.venue);
  book(cost_matrix, row, CostKind::materials, occ.attendees * iv.materials);
  book(cost_matrix, row, CostKind::staff_time, staff_cost);
  book(cost_matrix, row, CostKind::evaluation, ctx.scenario.costs.evaluation_share * direct);
  occ.cost = direct * (1.0 + ctx.scenario.costs.evaluation_share);
  if (occ.attendees > 0) {
    occ.mean_safety = static_cast<float>(safety_sum / occ.attendees);
    occ.mean_gain = static_cast<float>(gain_sum / occ.attendees);
    occ.mean_reaction = static_cast<float>(reaction_sum / occ.attendees);
    occ.mean_stress = static_cast<float>(stress_sum / occ.attendees);
  }
  return occ;
}

}  // namespace adoptsim
