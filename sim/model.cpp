#include "model.hpp"

#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <limits>

#include "parallel.hpp"
#include "direct_adoption.hpp"
#include "erosion.hpp"
#include "people.hpp"
#include "posterior.hpp"
#include "rules.hpp"

namespace adoptsim {

// One person's contribution to the week's outputs.
inline void WeekTally::add(Category cat, Role role, Stage stage, std::uint32_t team, float resistance_now, const float* needs_now, float skill_now,
                           bool is_trained) {
  ++counts[static_cast<std::size_t>((idx(cat) * kRoles + idx(role)) * kStages + idx(stage))];
  ++team_stages[(team - first_team) * kStages + static_cast<std::uint32_t>(idx(stage))];
  resistance_all += resistance_now;
  if (!is_method_user(role)) return;
  for (int k = 0; k < kNeeds; ++k) needs[static_cast<std::size_t>(idx(cat) * kNeeds + k)] += needs_now[k];
  skill += skill_now;
  resistance += resistance_now;
  if (is_trained) {
    trained_skill += skill_now;
    ++trained;
  }
  if (is_applying(stage)) skilled_application += skill_now;
}

void WeekTally::clear() {
  counts.fill(0);
  needs.fill(0.0);
  skill = resistance = resistance_all = trained_skill = skilled_application = 0;
  trained = leavers = 0;
  std::fill(team_stages.begin(), team_stages.end(), 0);
}

namespace {

int count_index(Category c, Role r, Stage s) { return (idx(c) * kRoles + idx(r)) * kStages + idx(s); }

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr std::size_t kPrefetchDistance = 8;  // agents
constexpr int kPrefetchAbove = 100000;        // people

}  // namespace

Model::Model(const Scenario& scenario, std::uint64_t seed, int replicate, ThreadPool* pool)
    : scenario_(scenario_for_replicate(scenario, seed, replicate)), seed_(seed), replicate_(replicate), pool_(pool) {
  initialise();
}

// ---------------------------------------------------------------------------------------------
// Set-up: structure, people, network, streams; then record week 0.
// ---------------------------------------------------------------------------------------------
void Model::initialise() {
  const Parameters& p = scenario_.parameters;
  structure_ = build_structure(scenario_);
  const int n = structure_.people;
  agents_.resize(n);

  // The organisation stream draws the people first, then the network: a programme never
  // changes who works where, so comparisons see the same organisation.
  Engine org = make_engine(seed_, static_cast<std::uint64_t>(replicate_), Stream::organisation, 0);
  for (int i = 0; i < n; ++i) {
    const auto fixed = structure_.fixed_category[static_cast<std::size_t>(i)];
    const Category c = fixed >= 0 ? static_cast<Category>(fixed) : draw_category(p, org);
    draw_person(agents_, i, c, p, org);
  }
  const auto& spec = scenario_.organisation.network;
  switch (spec.kind) {
    case NetworkKind::organisation: network_ = organisation_network(structure_, scenario_.organisation, org); break;
    case NetworkKind::complete: network_ = complete_network(n); break;
    case NetworkKind::small_world: network_ = small_world_network(n, spec.degree, spec.rewire, org); break;
    case NetworkKind::external: {
      std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
      edges.reserve(scenario_.organisation.external.edges.size());
      for (const auto& [x, y] : scenario_.organisation.external.edges)
        edges.emplace_back(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y));
      network_ = network_from_edges(n, std::move(edges));
      break;
    }
  }
  schedule_ = build_schedule(scenario_);
  if (draws_susceptibility(p)) {  // Bass's market potential m: its own stream, drawn only when m < 1
    Engine susceptibility = make_engine(seed_, static_cast<std::uint64_t>(replicate_), Stream::susceptibility, 0);
    for (int i = 0; i < n; ++i)
      if (uniform01d(susceptibility) >= p[Param::adoption_susceptible_share]) agents_.flags[static_cast<std::size_t>(i)] |= kNeverAdopts;
  }

  for (int b = 0; b < blocks(); ++b) {
    agent_streams_.push_back(make_engine(seed_, static_cast<std::uint64_t>(replicate_), Stream::agents, static_cast<std::uint64_t>(b)));
    hire_streams_.push_back(make_engine(seed_, static_cast<std::uint64_t>(replicate_), Stream::hires, static_cast<std::uint64_t>(b)));
  }
  environment_ = make_engine(seed_, static_cast<std::uint64_t>(replicate_), Stream::environment, 0);
  boost::random::normal_distribution<double> spread(0.0, p[Param::workload_team_spread]);
  for (int t = 0; t < structure_.teams(); ++t) team_workload_offset_.push_back(static_cast<float>(spread(environment_)));
  workload_ = p[Param::workload_mean];
  team_workload_.resize(team_workload_offset_.size());
  for (std::size_t t = 0; t < team_workload_.size(); ++t) team_workload_[t] = clamp01(static_cast<float>(workload_ + team_workload_offset_[t]));

  // Managers and MT count more among one's neighbours: they are role models (congruence).
  role_weight_.fill(1.f);
  role_weight_[idx(Role::manager)] = role_weight_[idx(Role::mt)] = static_cast<float>(p[Param::role_model_weight]);
  inverse_weight_.assign(static_cast<std::size_t>(n), 0.f);
  for (int i = 0; i < n && !network_.complete; ++i) {
    double sum = 0;
    for (auto e = network_.offset[static_cast<std::size_t>(i)]; e < network_.offset[static_cast<std::size_t>(i) + 1]; ++e)
      sum += role_weight_[idx(structure_.role[network_.neighbour[e]])];
    inverse_weight_[static_cast<std::size_t>(i)] = sum > 0 ? static_cast<float>(1.0 / sum) : 0.f;
  }
  for (int i = 0; i < n; ++i) show(i);
  for (Role r : scenario_.goal.roles) goal_roles_ |= static_cast<std::uint8_t>(1u << idx(r));

  tallies_.resize(static_cast<std::size_t>(blocks()));
  for (int b = 0; b < blocks(); ++b) {
    const int begin = b * kBlockSize, end = std::min(n, begin + kBlockSize);
    auto& t = tallies_[static_cast<std::size_t>(b)];
    t.first_team = structure_.team_of[static_cast<std::size_t>(begin)];
    t.team_stages.assign((structure_.team_of[static_cast<std::size_t>(end - 1)] - t.first_team + 1) * kStages, 0);
  }
  scratch_.assign(static_cast<std::size_t>(n), 0);
  if (scenario_.kind == ModelKind::bass) {
    new_adopters_.resize(static_cast<std::size_t>(blocks()));
    if (!network_.complete) adopted_neighbours_.assign(static_cast<std::size_t>(n), 0);
  }
  result_.allocate(scenario_.weeks, n, structure_.teams());
  result_.seed = seed_;
  result_.replicate = replicate_;
  result_.users = structure_.users;

  for_blocks(pool_, blocks(), [this](int b) { tally_block(b); });
  record();
}

// ---------------------------------------------------------------------------------------------
// The week: (1) workload and turnover, (2) interventions, (3+4) per agent: exposure from last
// week's states, then needs, resistance, skill and the stage transition, (5) outputs. The
// week's interventions take effect before the update (a manager trained this week already
// responds in the method's style). See docs/ODD.md.
// ---------------------------------------------------------------------------------------------
void Model::step() {
  if (done()) return;
  ++week_;
  this_week_.clear();
  advance_workload();
  if (scenario_.kind == ModelKind::full) {
    for_blocks(pool_, blocks(), [this](int b) { turnover_block(b); });
    run_programme();
    for_blocks(pool_, blocks(), [this](int b) { update_block(b); });
  } else {
    for_blocks(pool_, blocks(), [this](int b) { bass_block(b); });
    count_new_adopters();
  }
  std::swap(agents_.visible_last, agents_.visible_next);
  record();
}

void Model::run() {
  while (!done()) step();
}

void Model::advance_workload() {
  const Parameters& p = scenario_.parameters;
  boost::random::normal_distribution<double> shock(0.0, p[Param::workload_volatility]);
  const double mean = p[Param::workload_mean];
  workload_ = clamp01(mean + p[Param::workload_persistence] * (workload_ - mean) + shock(environment_));
  for (std::size_t t = 0; t < team_workload_.size(); ++t) team_workload_[t] = clamp01(static_cast<float>(workload_ + team_workload_offset_[t]));
}

void Model::turnover_block(int b) {
  const Parameters& p = scenario_.parameters;
  auto& tally = tallies_[static_cast<std::size_t>(b)];
  tally.clear();
  const auto leave = static_cast<float>(weekly_leave_probability(p[Param::turnover_annual]));
  Engine& rng = agent_streams_[static_cast<std::size_t>(b)];
  const int begin = b * kBlockSize, end = std::min(structure_.people, begin + kBlockSize);
  for (int i = begin; i < end; ++i) {
    if (uniform01(rng) >= leave) continue;
    // The position gets a new occupant: unaware and untrained until onboarded.
    draw_person(agents_, i, draw_category(p, hire_streams_[static_cast<std::size_t>(b)]), p, hire_streams_[static_cast<std::size_t>(b)]);
    agents_.flags[static_cast<std::size_t>(i)] = kNewHire;
    agents_.hire_week[static_cast<std::size_t>(i)] = agents_.last_session_week[static_cast<std::size_t>(i)] = static_cast<std::int16_t>(week_);
    if (draws_susceptibility(p) && uniform01d(hire_streams_[static_cast<std::size_t>(b)]) >= p[Param::adoption_susceptible_share])
      agents_.flags[static_cast<std::size_t>(i)] |= kNeverAdopts;
    show(i);  // colleagues see the newcomer, not the leaver
    ++tally.leavers;
  }
}

void Model::run_programme() {
  const Parameters& p = scenario_.parameters;
  ReactionTally reactions;
  ProgrammeContext ctx{scenario_, structure_, p, agents_, team_workload_, week_, seed_, replicate_, keep_ids_, scratch_};
  for (int k : schedule_.at(week_)) this_week_.push_back(run_occurrence(ctx, k, costs_, reactions));

  const auto& c = scenario_.costs;
  const int until = c.project_leader_until < 0 ? scenario_.weeks : c.project_leader_until;
  if (week_ >= c.project_leader_from && week_ <= until)
    costs_[static_cast<std::size_t>(kProgrammeCostRow * kCostKinds + idx(CostKind::project_leader))] +=
        c.project_leader_hours_per_week * c.project_leader_rate;

  if (reactions.count > 0) {
    const double mean = reactions.sum / reactions.count, alpha = p[Param::reaction_smoothing];
    reaction_ewma_ = reaction_ewma_ < 0 ? mean : (1 - alpha) * reaction_ewma_ + alpha * mean;
  }
}

// What person i shows its neighbours, as of now (written before the first week and for new hires).
void Model::show(int i) {
  const auto ui = static_cast<std::size_t>(i);
  const float w = role_weight_[idx(structure_.role[ui])];
  agents_.visible_last[ui] = {is_applying(agents_.stage[ui]) ? w : 0.f, w * agents_.resistance[ui]};
}

// One agent's week (MODEL.md §8-9), reading only last week's states of others. Single precision:
// the state is float, and one uniform of 24 bits decides the transition.
void Model::update_block(int b) {
  const Parameters& p = scenario_.parameters;
  Agents& a = agents_;
  const Structure& st = structure_;
  Engine& rng = agent_streams_[static_cast<std::size_t>(b)];
  auto& tally = tallies_[static_cast<std::size_t>(b)];
  auto f = [&](Param x) { return static_cast<float>(p[x]); };
  auto per_category = [&](Param first, Category c) { return static_cast<float>(p.per_category(first, c)); };

  const float recovery = f(Param::need_recovery), workload_pressure = f(Param::need_workload_pressure);
  const float workload_mean = f(Param::workload_mean);
  const float contagion = f(Param::resistance_contagion), relax = f(Param::resistance_relaxation);
  const float need_gain = f(Param::resistance_need_gain), pressure_reference = f(Param::need_pressure_reference);
  const float mitigation = f(Param::manager_mitigation), incongruence = f(Param::manager_incongruence);
  const float decay = f(Param::skill_decay), practice_gain = f(Param::skill_practice_gain);
  const float apply_threshold = f(Param::skill_apply_threshold), inverse_apply_width = 1.f / f(Param::skill_apply_width);
  const float routine_skill = f(Param::skill_routine_threshold), routine_rate = f(Param::routine_rate);
  const float routine_weeks = f(Param::routine_weeks), resistance_brake = f(Param::resistance_brake);
  const float awareness_base = f(Param::awareness_base), awareness_exposure = f(Param::awareness_exposure);
  const float inverse_norm_width = 1.f / f(Param::norm_width);
  const float apply_rate = f(Param::apply_rate), workload_brake = f(Param::workload_brake);
  const float relapse_base = f(Param::relapse_base), relapse_resistance = f(Param::relapse_resistance);
  const float relapse_low_skill = f(Param::relapse_low_skill), relapse_workload = f(Param::relapse_workload);
  const float maintenance_protection = f(Param::maintenance_protection);
  const DirectAdoption direct = direct_adoption(p);
  const Erosion erode = erosion(p);
  const auto population_share = static_cast<float>(population_applying_share_);
  const bool complete = network_.complete;
  const bool prefetch = st.people > kPrefetchAbove;  // small organisations stay in cache anyway
  const Agents::Visible* visible = a.visible_last.data();
  const float population_exposure = static_cast<float>(population_applying_share_);
  const float population_resistance = static_cast<float>(population_resistance_);

  const int begin = b * kBlockSize, end = std::min(st.people, begin + kBlockSize);
  for (int i = begin; i < end; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    const float u = uniform01(rng);  // this week's stage draw, taken whatever the stage
    const Category cat = a.category[ui];

    // Exposure: weighted share of neighbours applying last week, and their mean resistance.
    float exposure = population_exposure, neighbour_resistance = population_resistance;
    if (!complete) {
      // Ties across teams land anywhere in memory: ask for a later agent's neighbours early.
      if (const auto ahead = ui + kPrefetchDistance; prefetch && ahead < static_cast<std::size_t>(end))
        for (auto e = network_.offset[ahead]; e < network_.offset[ahead + 1]; ++e) __builtin_prefetch(&visible[network_.neighbour[e]]);
      float pull = 0, resist = 0;
      for (auto e = network_.offset[ui]; e < network_.offset[ui + 1]; ++e) {
        const Agents::Visible& v = visible[network_.neighbour[e]];
        pull += v.applying;
        resist += v.resistance;
      }
      const float inverse = inverse_weight_[ui];
      exposure = pull * inverse;
      neighbour_resistance = inverse > 0 ? resist * inverse : a.resistance[ui];
    }
    const float workload = team_workload_[st.team_of[ui]];

    // Needs drift back to their baseline; production pressure presses on autonomy.
    float s[kNeeds], pressure = 0;
    for (int k = 0; k < kNeeds; ++k) s[k] = a.need[k][ui] + recovery * (a.need_baseline[k][ui] - a.need[k][ui]);
    s[idx(Need::autonomy)] -= workload_pressure * std::max(0.f, workload - workload_mean);
    for (int k = 0; k < kNeeds; ++k) {
      a.need[k][ui] = s[k] = clamp01(s[k]);
      pressure += a.need_weight[k][ui] * (1.f - s[k]);  // need pressure P
    }

    // Resistance relaxes to a target set by need pressure, colleagues and one's manager.
    const float resting = clamp01(per_category(Param::resistance_base_innovator, cat) + need_gain * (pressure - pressure_reference));
    float target = (1 - contagion) * resting + contagion * neighbour_resistance;
    if (const int m = st.manager_of[ui]; m >= 0) {
      if (a.flags[static_cast<std::size_t>(m)] & kMasterclassed) target -= mitigation;
      if ((a.flags[ui] & kTrained) && !(visible[m].applying > 0)) target += incongruence;
    }
    float r = a.resistance[ui];
    r = clamp01(r + relax * (clamp01(target) - r));
    a.resistance[ui] = r;

    // Skill: practice while applying; decay without practice or a session this week.
    // Appliers consolidate by practice for a while after a session, then lose skill more slowly
    // than non-appliers (docs/ODD.md "Erosion").
    Stage stage = a.stage[ui];
    float skill = a.skill[ui];
    if (a.had_session[ui]) a.last_session_week[ui] = static_cast<std::int16_t>(week_);
    const float since_session = Erosion::weeks_since(week_, a.last_session_week[ui]);
    const std::uint8_t flags = a.flags[ui];
    if (is_applying(stage)) {
      if (a.had_session[ui] || erode.consolidating(since_session)) skill += practice_gain * (1.f - skill);
      else skill -= erode.applier_decay(decay) * skill;
    } else if (!a.had_session[ui]) {
      skill -= decay * skill;
    }
    a.skill[ui] = skill;

    // Stage transition: competing weekly hazards, one draw.
    const float brake = std::max(0.f, 1.f - resistance_brake * r);
    float forward = 0, back = 0;
    switch (stage) {
      case Stage::orientation:
        forward = awareness_base + awareness_exposure * exposure + a.awareness_impulse[ui];
        break;
      case Stage::insight: {
        const float norm = logistic((exposure - per_category(Param::norm_threshold_innovator, cat)) * inverse_norm_width);
        forward = (per_category(Param::readiness_innovator, cat) + a.acceptance_impulse[ui] +
                   per_category(Param::norm_sensitivity_innovator, cat) * norm +
                   per_category(Param::mandate_sensitivity_innovator, cat) * a.mandate_impulse[ui]) * brake;
        break;
      }
      case Stage::acceptance: {
        if (flags & kNeverAdopts) break;
        const float gate = logistic((skill - apply_threshold) * inverse_apply_width);
        // After a relapse only support brings one back: a session this week, or colleagues' pull.
        const float base = (flags & kRelapsed) ? (a.had_session[ui] ? apply_rate : 0.f) : apply_rate;
        const float pull = (flags & kRelapsed) ? erode.comeback_pull * exposure : 0.f;
        forward = (base * (1.f - workload_brake * workload) + a.practice_impulse[ui] + pull) * gate * brake;
        break;
      }
      case Stage::change:
      case Stage::maintenance: {
        back = relapse_base + relapse_resistance * r + relapse_low_skill * std::max(0.f, apply_threshold - skill) + relapse_workload * workload +
               erode.relapse_hazard(since_session);
        if (stage == Stage::maintenance) {
          back *= maintenance_protection;
        } else if (a.weeks_applying[ui] >= routine_weeks && skill >= routine_skill) {
          forward = routine_rate;
        }
        break;
      }
    }
    // Direct adoption (Bass), from any stage not applying yet; zero unless switched on.
    const float adopt = direct.active() && !is_applying(stage) && !(flags & kNeverAdopts) ? direct.hazard(exposure, population_share) : 0.f;
    const float total = forward + back + adopt;
    const float prob = hazard_probability(total);
    if (u < prob) {
      if (u < prob * (forward / total)) {
        stage = static_cast<Stage>(idx(stage) + 1);
        if (stage == Stage::change && a.adoption_week[ui] < 0) a.adoption_week[ui] = static_cast<std::int16_t>(week_);
        if (stage == Stage::change) a.flags[ui] &= static_cast<std::uint8_t>(~kRelapsed);
      } else if (u < prob * ((forward + adopt) / total)) {
        stage = Stage::change;
        if (a.adoption_week[ui] < 0) a.adoption_week[ui] = static_cast<std::int16_t>(week_);
        a.flags[ui] &= static_cast<std::uint8_t>(~kRelapsed);
      } else {
        stage = Stage::acceptance;
        a.flags[ui] |= kRelapsed;
        if (a.relapses[ui] < 65535) ++a.relapses[ui];
      }
      a.stage[ui] = stage;
    }
    const bool applying = is_applying(stage);
    const Role role = st.role[ui];
    const float weight = role_weight_[idx(role)];
    a.weeks_applying[ui] = applying ? static_cast<std::uint16_t>(std::min(65535, a.weeks_applying[ui] + 1)) : 0;
    a.visible_next[ui] = {applying ? weight : 0.f, weight * r};
    a.awareness_impulse[ui] = a.acceptance_impulse[ui] = a.practice_impulse[ui] = a.mandate_impulse[ui] = 0.f;
    a.had_session[ui] = 0;

    tally.add(cat, role, stage, st.team_of[ui], r, s, skill, (a.flags[ui] & kTrained) != 0);
  }
}

// The Bass reduction (MODEL.md §12): no programme, needs, resistance or skill; a person who has
// not adopted adopts with probability p + q * (share of neighbours adopted last week). The count
// of adopted neighbours is kept up to date as people adopt, so a week is O(1) per person.
void Model::bass_block(int b) {
  const Parameters& p = scenario_.parameters;
  Agents& a = agents_;
  const Structure& st = structure_;
  Engine& rng = agent_streams_[static_cast<std::size_t>(b)];
  auto& tally = tallies_[static_cast<std::size_t>(b)];
  auto& adopters = new_adopters_[static_cast<std::size_t>(b)];
  tally.clear();
  adopters.clear();
  const double bp = p[Param::bass_p], bq = p[Param::bass_q];
  const double population = bp + bq * population_applying_share_;
  const int begin = b * kBlockSize, end = std::min(st.people, begin + kBlockSize);
  for (int i = begin; i < end; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    Stage stage = a.stage[ui];
    if (!is_applying(stage)) {
      double prob = population;
      if (!network_.complete) {
        const auto degree = network_.offset[ui + 1] - network_.offset[ui];
        prob = bp + (degree > 0 ? bq * adopted_neighbours_[ui] / static_cast<double>(degree) : 0.0);
      }
      if (uniform01(rng) < prob) {
        stage = a.stage[ui] = Stage::change;
        a.adoption_week[ui] = static_cast<std::int16_t>(week_);
        adopters.push_back(static_cast<std::uint32_t>(i));
      }
    }
    const bool applying = is_applying(stage);
    a.visible_next[ui].applying = applying ? 1.f : 0.f;
    ++tally.counts[static_cast<std::size_t>(count_index(a.category[ui], st.role[ui], stage))];
    ++tally.team_stages[(st.team_of[ui] - tally.first_team) * kStages + idx(stage)];
  }
}

// This week's adopters count for their neighbours from next week on (synchronous update).
void Model::count_new_adopters() {
  if (network_.complete) return;
  for (const auto& block : new_adopters_)
    for (auto j : block)
      for (auto e = network_.offset[j]; e < network_.offset[j + 1]; ++e) ++adopted_neighbours_[network_.neighbour[e]];
}

// Week 0: the outputs of the initial state.
void Model::tally_block(int b) {
  const Agents& a = agents_;
  const Structure& st = structure_;
  auto& tally = tallies_[static_cast<std::size_t>(b)];
  tally.clear();
  const int begin = b * kBlockSize, end = std::min(st.people, begin + kBlockSize);
  for (int i = begin; i < end; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    const float s[kNeeds] = {a.need[0][ui], a.need[1][ui], a.need[2][ui], a.need[3][ui]};
    tally.add(a.category[ui], st.role[ui], a.stage[ui], st.team_of[ui], a.resistance[ui], s, a.skill[ui], a.has(i, kTrained));
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs: reduce the block tallies in block order and write row `week_` of the result.
// ---------------------------------------------------------------------------------------------
void Model::record() {
  const Parameters& p = scenario_.parameters;
  WeekTally sum;
  sum.team_stages.assign(static_cast<std::size_t>(structure_.teams()) * kStages, 0);
  for (const auto& t : tallies_) {
    for (std::size_t k = 0; k < sum.counts.size(); ++k) sum.counts[k] += t.counts[k];
    for (std::size_t k = 0; k < sum.needs.size(); ++k) sum.needs[k] += t.needs[k];
    sum.skill += t.skill;
    sum.resistance += t.resistance;
    sum.resistance_all += t.resistance_all;
    sum.trained_skill += t.trained_skill;
    sum.trained += t.trained;
    sum.skilled_application += t.skilled_application;
    sum.leavers += t.leavers;
    for (std::size_t k = 0; k < t.team_stages.size(); ++k) sum.team_stages[t.first_team * kStages + k] += t.team_stages[k];
  }
  leavers_ += sum.leavers;

  const auto w = static_cast<std::size_t>(week_);
  RunResult& r = result_;
  // The Bass reduction has no needs, skill or resistance after week 0: NaN, not zeros.
  const bool modelled = scenario_.kind == ModelKind::full || week_ == 0;
  std::copy(sum.counts.begin(), sum.counts.end(), r.stage_category_role.begin() + static_cast<std::ptrdiff_t>(w * sum.counts.size()));
  std::int64_t users = 0, users_applying = 0, goal_total = 0, goal_applying = 0, everyone_applying = 0;
  std::array<std::int64_t, kCategories> cat_users{}, cat_applying{};
  for (int c = 0; c < kCategories; ++c)
    for (int ro = 0; ro < kRoles; ++ro)
      for (int s = 0; s < kStages; ++s) {
        const std::int64_t n = sum.counts[static_cast<std::size_t>((c * kRoles + ro) * kStages + s)];
        const bool applying = is_applying(static_cast<Stage>(s));
        if (applying) everyone_applying += n;
        if (goal_roles_ & (1u << ro)) {
          goal_total += n;
          if (applying) goal_applying += n;
        }
        if (!is_method_user(static_cast<Role>(ro))) continue;
        r.stage_counts[w * kStages + static_cast<std::size_t>(s)] += static_cast<std::int32_t>(n);
        users += n;
        cat_users[static_cast<std::size_t>(c)] += n;
        if (applying) {
          users_applying += n;
          cat_applying[static_cast<std::size_t>(c)] += n;
        }
      }
  auto share = [](std::int64_t part, std::int64_t whole) { return whole > 0 ? static_cast<float>(static_cast<double>(part) / static_cast<double>(whole)) : kNaN; };
  r.applying[w] = share(users_applying, users);
  r.goal_share[w] = share(goal_applying, goal_total);
  for (int c = 0; c < kCategories; ++c) {
    const auto uc = static_cast<std::size_t>(c);
    r.applying_by_category[w * kCategories + uc] = share(cat_applying[uc], cat_users[uc]);
    for (int k = 0; k < kNeeds; ++k)
      r.needs_by_category[(w * kCategories + uc) * kNeeds + static_cast<std::size_t>(k)] =
          cat_users[uc] > 0 && modelled ? static_cast<float>(sum.needs[uc * kNeeds + static_cast<std::size_t>(k)] / static_cast<double>(cat_users[uc])) : kNaN;
  }
  for (int k = 0; k < kNeeds; ++k) {
    double total = 0;
    for (int c = 0; c < kCategories; ++c) total += sum.needs[static_cast<std::size_t>(c * kNeeds + k)];
    r.needs_mean[w * kNeeds + static_cast<std::size_t>(k)] = users > 0 && modelled ? static_cast<float>(total / static_cast<double>(users)) : kNaN;
  }
  std::copy(sum.team_stages.begin(), sum.team_stages.end(), r.stage_by_team.begin() + static_cast<std::ptrdiff_t>(w * sum.team_stages.size()));
  r.skill_mean[w] = users > 0 && modelled ? static_cast<float>(sum.skill / static_cast<double>(users)) : kNaN;
  r.resistance_mean[w] = users > 0 && modelled ? static_cast<float>(sum.resistance / static_cast<double>(users)) : kNaN;
  r.workload[w] = static_cast<float>(workload_);
  r.leavers_cumulative[w] = leavers_;

  double total_cost = 0;
  for (int row = 0; row < kCostRows; ++row) {
    double row_cost = 0;
    for (int k = 0; k < kCostKinds; ++k) row_cost += costs_[static_cast<std::size_t>(row * kCostKinds + k)];
    r.cost_by_type_cumulative[w * kCostRows + static_cast<std::size_t>(row)] = row_cost;
    total_cost += row_cost;
  }
  r.cost_cumulative[w] = total_cost;
  for (const auto& occ : this_week_) r.attendance[w * kInterventionTypes + static_cast<std::size_t>(idx(occ.type))] += occ.attendees;
  r.occurrences.insert(r.occurrences.end(), this_week_.begin(), this_week_.end());

  // Kirkpatrick: L1 running reaction, L2 skill of the trained, L3 application, L4 an illustrative
  // results index that follows skilled application with a lag.
  const double skilled = users > 0 ? sum.skilled_application / static_cast<double>(users) : 0.0;
  if (week_ > 0) results_index_ += p[Param::results_lag_rate] * (skilled - results_index_);
  r.kirkpatrick[w * 4 + 0] = reaction_ewma_ < 0 ? kNaN : static_cast<float>(reaction_ewma_);
  r.kirkpatrick[w * 4 + 1] = sum.trained > 0 ? static_cast<float>(sum.trained_skill / sum.trained) : kNaN;
  r.kirkpatrick[w * 4 + 2] = r.applying[w];
  r.kirkpatrick[w * 4 + 3] = static_cast<float>(results_index_);

  if (r.goal_week < 0 && goal_total > 0 && static_cast<double>(goal_applying) >= scenario_.goal.share * static_cast<double>(goal_total))
    r.goal_week = week_;
  if (scenario_.kind == ModelKind::bass) r.peak_resistance = kNaN;
  else if (!std::isnan(r.resistance_mean[w])) r.peak_resistance = std::max(r.peak_resistance, r.resistance_mean[w]);
  population_applying_share_ = structure_.people > 0 ? static_cast<double>(everyone_applying) / structure_.people : 0.0;
  population_resistance_ = structure_.people > 0 ? sum.resistance_all / structure_.people : 0.0;
  r.cost_matrix = costs_;
  r.total_cost = total_cost;
  r.applying_final = static_cast<int>(users_applying);
  r.cost_per_adopter = users_applying > 0 ? total_cost / static_cast<double>(users_applying) : std::numeric_limits<double>::infinity();
  if (done()) finalise();
}

void Model::finalise() {
  const auto n = static_cast<std::size_t>(structure_.people);
  RunResult& r = result_;
  r.category.resize(n);
  r.role.resize(n);
  r.stage.resize(n);
  r.team.resize(n);
  r.adoption_week.resize(n);
  r.relapses.resize(n);
  r.sessions.resize(n);
  r.skill.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    r.category[i] = static_cast<std::int8_t>(agents_.category[i]);
    r.role[i] = static_cast<std::int8_t>(structure_.role[i]);
    r.stage[i] = static_cast<std::int8_t>(agents_.stage[i]);
    r.team[i] = static_cast<std::int32_t>(structure_.team_of[i]);
    r.adoption_week[i] = agents_.adoption_week[i];
    r.relapses[i] = static_cast<std::int16_t>(std::min<int>(agents_.relapses[i], 32767));
    r.sessions[i] = static_cast<std::int16_t>(std::min<int>(agents_.sessions[i], 32767));
    r.skill[i] = agents_.skill[i];
  }
}

RunResult Model::take_result() { return std::move(result_); }

RunResult run_replicate(const Scenario& scenario, std::uint64_t seed, int replicate, ThreadPool* pool) {
  Model m(scenario, seed, replicate, pool);
  m.run();
  return m.take_result();
}

}  // namespace adoptsim
