// The live window's figures at the goal's deadline, from the background ensemble (docs/viz.md):
// the goal group's share with its 90 % interval, P(goal by the deadline) with its confidence
// interval, the cost; and against a pinned baseline the paired differences over the replicates
// both ensembles ran (same seed, same replicate numbers: common random numbers). The numbers are
// decision/comparison.hpp's, so the window and `adoptsim compare` agree on the same replicates.
#pragma once
#include <string>
#include <vector>

#include "result.hpp"
#include "scenario.hpp"
#include "summary.hpp"

namespace adoptsim::viz {

// What the band and the headline read of a replicate; the rest is dropped (memory).
RunResult slim_run(RunResult&& r);

struct EnsembleFigures {
  int replicates = 0;
  bool deadline_simulated = true;  // false: the goal's week lies beyond the horizon
  Interval goal_group;   // the goal group's share applying at the deadline: mean, 5/50/95 %
  Interval probability;  // P(goal by the deadline): estimate (mean) with its 90 % Wilson interval (p05, p95)
  Interval cost;         // total cost, all kinds
  Interval budget_cost;  // what the scenario's budget covers (all, or out of pocket)
};
EnsembleFigures ensemble_figures(const Scenario& s, const std::vector<RunResult>& runs);

// This programme minus the baseline, replicate by replicate.
struct PairedFigures {
  int replicates = 0;      // pairs
  std::string not_paired;  // why there is no paired difference (empty: there is one)
  Interval goal_group;     // percentage points (as a share): mean and 5/95 % of the paired differences
  Interval probability;    // P(goal) difference with its 90 % interval for paired proportions
  Interval cost, budget_cost;
};
// `frame` is the current scenario (its goal and budget); `baseline_seed` and `seed` the two
// ensembles' seeds. Pairs the first min(n_baseline, n_current) replicates.
PairedFigures paired_figures(const Scenario& frame, const Scenario& baseline_scenario, const std::vector<RunResult>& baseline,
                             const std::vector<RunResult>& current);

}  // namespace adoptsim::viz
