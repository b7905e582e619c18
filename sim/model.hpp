// The model: a plain, headless object. Construct it from a scenario, a seed and a replicate
// number; call step() once per week; read its state and its result. Views and experiments
// observe it; it knows nothing of them.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "agents.hpp"
#include "bass.hpp"
#include "needs.hpp"
#include "network.hpp"
#include "organisation.hpp"
#include "outputs.hpp"
#include "programme.hpp"
#include "resistance.hpp"
#include "result.hpp"
#include "rule_book.hpp"
#include "scenario.hpp"
#include "skill.hpp"
#include "stage_transition.hpp"
#include "turnover.hpp"
#include "workload.hpp"

namespace adoptsim {

class ThreadPool;

// The rates of every mechanism, built once per scenario from the parameter table.
struct Rates {
  WorkloadRates workload;
  TurnoverRates turnover;
  NeedRates needs;
  ResistanceRates resistance;
  SkillRates skill;
  StageRates stage;
  BassRates bass;
  static Rates from(const Parameters& p) {
    return {WorkloadRates::from(p), TurnoverRates::from(p), NeedRates::from(p), ResistanceRates::from(p),
            SkillRates::from(p),    StageRates::from(p),    BassRates::from(p)};
  }
};

class Model {
 public:
  // `pool` (optional, not owned) spreads the agent blocks of each week over threads.
  Model(const Scenario& scenario, std::uint64_t seed, int replicate, ThreadPool* pool = nullptr);

  void step();                        // advance one week
  void run();                         // step to the horizon
  bool done() const { return week_ >= scenario_.weeks; }
  int week() const { return week_; }

  const Scenario& scenario() const { return scenario_; }
  const Structure& structure() const { return structure_; }
  const Network& network() const { return network_; }
  const Agents& agents() const { return agents_; }
  const RunResult& result() const { return result_; }  // weekly rows filled up to week()
  RunResult take_result();                             // moves the result out (after run())
  const std::vector<Occurrence>& this_week() const { return this_week_; }
  float team_workload(int team) const { return team_workload_[static_cast<std::size_t>(team)]; }

  void keep_attendee_ids(bool keep) { keep_ids_ = keep; }

 private:
  void initialise();
  void advance_workload();
  void turnover_block(int b);
  void run_programme();
  void begin_rules_week();                                                   // sim/model_rules.cpp
  void run_due_occurrences(const ProgrammeContext& ctx, ReactionTally& reactions);  // sim/model_rules.cpp
  void update_block(int b);
  void show(int i);
  void bass_block(int b);
  void count_new_adopters();
  void tally_block(int b);
  void record();
  void finalise();
  int blocks() const { return static_cast<int>((structure_.people + kBlockSize - 1) / kBlockSize); }

  Scenario scenario_;
  Rates rates_{};
  std::uint64_t seed_;
  int replicate_;
  ThreadPool* pool_;
  bool keep_ids_ = false;
  int week_ = 0;

  Structure structure_;
  Network network_;
  Agents agents_;
  Schedule schedule_;
  std::vector<Engine> agent_streams_, hire_streams_;  // one per block
  Engine environment_;
  double workload_ = 0;
  std::vector<float> team_workload_offset_, team_workload_;
  std::array<float, kRoles> role_weight_{};
  std::vector<float> inverse_weight_;                  // per person: 1 / sum of neighbours' weights
  std::uint8_t goal_roles_ = 0;                        // bit mask of roles
  std::vector<WeekTally> tallies_;                     // one per block
  std::vector<std::uint8_t> scratch_;
  std::vector<std::uint32_t> adopted_neighbours_;           // Bass: per person, adopted last week
  std::vector<std::vector<std::uint32_t>> new_adopters_;    // Bass: per block, this week
  std::vector<Occurrence> this_week_;
  std::array<double, kCostRows * kCostKinds> costs_{};
  double reaction_ewma_ = -1;                          // < 0: no session yet
  double results_index_ = 0;
  double population_applying_share_ = 0;               // last week, for complete networks
  double population_resistance_ = 0;
  std::int32_t leavers_ = 0;
  RuleBook rule_book_;                                 // phases and rules (docs/ODD.md §3.3.13)
  RunResult result_;
};

// One replicate to the horizon: the pure function (scenario, seed, replicate) -> result.
RunResult run_replicate(const Scenario& scenario, std::uint64_t seed, int replicate, ThreadPool* pool = nullptr);

}  // namespace adoptsim
