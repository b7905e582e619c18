// Searching the programme knobs for the cheapest programme that reaches the goal with at least a
// stated probability, and the frontier of cost against the probability of reaching the goal.
//
// Racing on common random numbers. Every programme is run on the same replicates 0, 1, 2, ...
// (same organisation, workload and agent draws), so programmes are compared replicate by
// replicate. Stage 1 runs every programme on a few replicates; each later stage doubles the
// replicates of the programmes still in the race, up to `replicates`. After each stage a
// programme leaves the race when a one-sided test at level `alpha` says that it is
//   over budget           its mean cost is above the budget (Student's t),
//   cannot reach the goal the exact upper bound of its probability is below the required one,
//   dearer                it costs more, replicate by replicate (paired t), than a programme whose
//                         exact lower bound already reaches the required probability.
// The frontier (within the budget) is then run on all replicates as well. The winner is the
// cheapest programme run on all replicates whose estimated probability is at least the required
// one and whose mean cost is within the budget: every number reported rests on the full count.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>
#include <vector>

#include "parallel.hpp"
#include "knobs.hpp"
#include "scenario.hpp"
#include "statistics.hpp"

namespace adoptsim {

struct OptimiseSettings {
  double confidence = 0.8;    // required probability of reaching the goal by its deadline
  double budget = 0;          // 0: no budget
  int first_replicates = 4;   // replicates of the first stage
  int replicates = 256;       // replicates of every programme left at the end, and of the frontier
  double alpha = 0.005;       // level of each one-sided elimination test
  int threads = 1;
  std::uint64_t seed = 1;
  BatchMap map;               // shares each stage's simulations out (e.g. over MPI ranks); empty: this process
};

enum class Elimination : std::uint8_t { none, over_budget, cannot_reach, dearer };
inline constexpr std::array<std::string_view, 4> kEliminationNames{"stayed", "over_budget", "cannot_reach_goal", "dearer_than_a_sure_programme"};

struct Candidate {
  ProgrammeKnobs knobs;
  std::vector<double> cost;            // cost the budget covers (scenario [budget] covers) per replicate, 0 .. n-1
  std::vector<std::uint8_t> reached;   // 1 if the goal was reached by its deadline
  Elimination eliminated = Elimination::none;
  int stage = -1;                      // stage (0-based) after which it left the race, -1 if it stayed
  int n() const { return static_cast<int>(cost.size()); }
  double mean_cost() const;
  Interval cost_interval() const;      // mean and 5/50/95 % over replicates
  Proportion probability(double z = kZ90) const;
};

struct RaceStage {
  int replicates = 0;                  // per programme, after this stage
  int programmes = 0;                  // in the race during this stage
  int over_budget = 0, cannot_reach = 0, dearer = 0;  // left after it
  std::int64_t simulations = 0;
};

// Read by a progress display while optimise() runs on another thread.
struct OptimiseProgress {
  std::atomic<std::int64_t> done{0};     // simulations finished in the current step
  std::atomic<std::int64_t> planned{0};  // simulations of the current step
  std::atomic<int> stage{0};             // 1, 2, ... racing; 0 the frontier
  std::atomic<int> programmes{0};        // in the current step
};

struct OptimiseResult {
  std::vector<Candidate> candidates;     // in the order given
  std::vector<RaceStage> stages;
  std::vector<int> frontier;             // candidate indices, ascending cost
  int winner = -1;                       // -1: no programme reaches the goal within the budget
  std::int64_t race_simulations = 0, frontier_simulations = 0;
};

OptimiseResult optimise(const Scenario& base, const std::vector<ProgrammeKnobs>& programmes, const OptimiseSettings& settings,
                        OptimiseProgress* progress = nullptr);

// The programmes no other one beats on both cost and probability of reaching the goal (cheaper
// and at least as likely, or as cheap and more likely), by ascending mean cost; with a budget
// (> 0), among the programmes whose mean cost is within it.
std::vector<int> cost_probability_frontier(const std::vector<Candidate>& candidates, double budget = 0);

// Whether the goal was reached by its deadline in a run.
bool goal_reached_by_deadline(int goal_week, const Goal& goal);

}  // namespace adoptsim
