#include "model.hpp"

#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <limits>

#include "bass.hpp"
#include "cross_team_ties.hpp"
#include "exposure.hpp"
#include "needs.hpp"
#include "parallel.hpp"
#include "people.hpp"
#include "posterior.hpp"
#include "resistance.hpp"
#include "rules.hpp"
#include "skill.hpp"
#include "stage_transition.hpp"
#include "turnover.hpp"
#include "workload.hpp"

namespace adoptsim {


Model::Model(const Scenario& scenario, std::uint64_t seed, int replicate, ThreadPool* pool)
    : scenario_(scenario_for_run(scenario_for_replicate(scenario, seed, replicate))), seed_(seed), replicate_(replicate), pool_(pool) {
  rule_book_ = RuleBook(scenario);
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
  if (draws_susceptibility(p)) {  // Bass's market potential m (§3.3.15): its own stream, drawn only when m < 1
    Engine susceptibility = make_engine(seed_, static_cast<std::uint64_t>(replicate_), Stream::susceptibility, 0);
    for (int i = 0; i < n; ++i)
      if (uniform01d(susceptibility) >= p[Param::adoption_susceptible_share]) agents_.flags[static_cast<std::size_t>(i)] |= kNeverAdopts;
  }

  for (int b = 0; b < blocks(); ++b) {
    agent_streams_.push_back(make_engine(seed_, static_cast<std::uint64_t>(replicate_), Stream::agents, static_cast<std::uint64_t>(b)));
    hire_streams_.push_back(make_engine(seed_, static_cast<std::uint64_t>(replicate_), Stream::hires, static_cast<std::uint64_t>(b)));
  }
  environment_ = make_engine(seed_, static_cast<std::uint64_t>(replicate_), Stream::environment, 0);
  rates_ = Rates::from(p);
  boost::random::normal_distribution<double> spread(0.0, rates_.workload.team_spread);
  for (int t = 0; t < structure_.teams(); ++t) team_workload_offset_.push_back(static_cast<float>(spread(environment_)));
  workload_ = rates_.workload.mean;
  team_workload_.resize(team_workload_offset_.size());
  for (std::size_t t = 0; t < team_workload_.size(); ++t) team_workload_[t] = workload_of_team(workload_, team_workload_offset_[t]);

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
  result_.phase_start = rule_book_.initial_phase_starts();
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
  begin_rules_week();  // step 0: rules read the state left by last week
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

// Workload (docs/ODD.md §3.3.3), from the environment stream.
void Model::advance_workload() {
  boost::random::normal_distribution<double> shock(0.0, rates_.workload.volatility);
  workload_ = next_workload(rates_.workload, workload_, shock(environment_));
  for (std::size_t t = 0; t < team_workload_.size(); ++t) team_workload_[t] = workload_of_team(workload_, team_workload_offset_[t]);
}

// Turnover (docs/ODD.md §3.3.4): one uniform per agent from its block stream.
void Model::turnover_block(int b) {
  auto& tally = tallies_[static_cast<std::size_t>(b)];
  tally.clear();
  Engine& rng = agent_streams_[static_cast<std::size_t>(b)];
  const int begin = b * kBlockSize, end = std::min(structure_.people, begin + kBlockSize);
  for (int i = begin; i < end; ++i) {
    if (!leaves(rates_.turnover, uniform01(rng))) continue;
    hire(agents_, i, scenario_.parameters, hire_streams_[static_cast<std::size_t>(b)], week_);
    show(i);  // colleagues see the newcomer, not the leaver
    ++tally.leavers;
  }
}

void Model::run_programme() {
  const Parameters& p = scenario_.parameters;
  ReactionTally reactions;
  ProgrammeContext ctx{scenario_, structure_, p, agents_, team_workload_, week_, seed_, replicate_, keep_ids_, scratch_,
                       static_cast<double>(result_.applying[static_cast<std::size_t>(week_ - 1)])};
  for (int k : schedule_.at(week_)) this_week_.push_back(run_occurrence(ctx, k, costs_, reactions));
  run_due_occurrences(ctx, reactions);  // what rules and rule-started phases put in this week

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

// One agent's week (docs/ODD.md §1.3 step 4), reading only last week's states of others, in the
// order of the ODD's submodels. Single precision: the state is float, and one uniform of 24 bits
// decides the transition.
void Model::update_block(int b) {
  Agents& a = agents_;
  const Structure& st = structure_;
  Engine& rng = agent_streams_[static_cast<std::size_t>(b)];
  WeekTally& tally = tallies_[static_cast<std::size_t>(b)];
  const ExposureInputs seen{network_, a.visible_last.data(), inverse_weight_.data(), static_cast<float>(population_applying_share_),
                            static_cast<float>(population_resistance_), st.people > kPrefetchAbove};
  const auto begin = static_cast<std::size_t>(b) * kBlockSize, end = std::min<std::size_t>(st.people, begin + kBlockSize);
  // Ties made in group sessions widen exposure; on a complete network everyone is seen already.
  const float tie_weight = static_cast<float>(scenario_.parameters[Param::cross_team_tie_weight]);
  const bool session_ties = tie_weight > 0 && !network_.complete;
  const auto own_weight_sum = [this](std::size_t i) { return inverse_weight_[i] > 0 ? 1.f / inverse_weight_[i] : 0.f; };
  for (std::size_t i = begin; i < end; ++i) {
    const float u = uniform01(rng);                                          // the stage draw, whatever the stage
    Exposure x = exposure_of(seen, i, end, a.resistance[i]);                // §3.3.10
    if (session_ties) x = with_session_ties(x, a, st, seen.visible, role_weight_.data(), i, own_weight_sum(i), tie_weight);  // §3.3.6.1
    const float workload = team_workload_[st.team_of[i]];                   // §3.3.3
    float s[kNeeds];
    const float pressure = update_needs(rates_.needs, a, i, workload, s);   // §3.3.7
    const float r = update_resistance(rates_.resistance, a, st, seen.visible, i, pressure, x.resistance);  // §3.3.8
    const float skill = update_skill(rates_.skill, a, i, week_);            // §3.3.9, §3.3.16
    const Stage stage = transition(rates_.stage, a, i, u, x.applying, skill, r, workload, week_, seen.population_applying);  // §3.3.10, §3.3.15
    close_week(a, i, stage, r, role_weight_[idx(st.role[i])]);
    tally.add(a.category[i], st.role[i], stage, st.team_of[i], r, s, skill, (a.flags[i] & kTrained) != 0);
  }
}

// The Bass reduction (docs/ODD.md §3.3.12). The count of adopted neighbours is kept up to date as
// people adopt, so a week is O(1) per person.
void Model::bass_block(int b) {
  Agents& a = agents_;
  const Structure& st = structure_;
  Engine& rng = agent_streams_[static_cast<std::size_t>(b)];
  WeekTally& tally = tallies_[static_cast<std::size_t>(b)];
  auto& adopters = new_adopters_[static_cast<std::size_t>(b)];
  tally.clear();
  adopters.clear();
  const double population = adoption_probability(rates_.bass, population_applying_share_);
  const auto begin = static_cast<std::size_t>(b) * kBlockSize, end = std::min<std::size_t>(st.people, begin + kBlockSize);
  for (std::size_t i = begin; i < end; ++i) {
    Stage stage = a.stage[i];
    if (!is_applying(stage)) {
      const double prob = network_.complete ? population
                                            : adoption_probability(rates_.bass, adopted_neighbours_[i], network_.offset[i + 1] - network_.offset[i]);
      if (uniform01(rng) < prob) {
        stage = a.stage[i] = Stage::change;
        a.adoption_week[i] = static_cast<std::int16_t>(week_);
        adopters.push_back(static_cast<std::uint32_t>(i));
      }
    }
    a.visible_next[i].applying = is_applying(stage) ? 1.f : 0.f;
    tally.add_stage(a.category[i], st.role[i], stage, st.team_of[i]);
  }
}

// This week's adopters count for their neighbours from next week on (synchronous update).
void Model::count_new_adopters() {
  if (network_.complete) return;
  for (const auto& block : new_adopters_)
    for (auto j : block)
      for (auto e = network_.offset[j]; e < network_.offset[j + 1]; ++e) ++adopted_neighbours_[network_.neighbour[e]];
}

RunResult Model::take_result() { return std::move(result_); }

RunResult run_replicate(const Scenario& scenario, std::uint64_t seed, int replicate, ThreadPool* pool) {
  Model m(scenario, seed, replicate, pool);
  m.run();
  return m.take_result();
}

}  // namespace adoptsim
