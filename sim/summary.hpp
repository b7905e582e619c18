// Ensemble statistics: means and 90 % intervals across replicates, for tables and reports.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "result.hpp"
#include "scenario.hpp"

namespace adoptsim {

struct Interval {
  double mean = 0, p05 = 0, p50 = 0, p95 = 0;
  int n = 0;  // values that entered (NaN and infinities are left out)
};

// Linear-interpolation quantile (type 7) of sorted values.
double quantile_sorted(const std::vector<double>& sorted, double q);
Interval interval_of(std::vector<double> values);

struct EnsembleSummary {
  int replicates = 0;
  std::vector<int> milestone_weeks;
  std::vector<Interval> applying_at;       // share of the method's users applying
  // The table's weeks: the milestones and the goal's deadline (when simulated), in order, with
  // the share applying of the goal group and of the method's users at each.
  std::vector<int> table_weeks;
  std::vector<Interval> goal_group_at, users_at;
  bool deadline_simulated = true;          // the goal's week lies within the horizon
  Interval goal_group_deadline;            // the goal group's share at the deadline (NaN: not simulated)
  Interval goal_week;                      // among replicates that reached the goal
  int goal_reached = 0;                    // replicates that reached it at all
  double goal_probability = 0;             // share reaching it by the deadline; NaN when the deadline is not simulated
  Interval total_cost, cost_per_adopter, peak_resistance;
  std::array<Interval, 4> kirkpatrick_final;
};

EnsembleSummary summarise(const Scenario& s, const std::vector<RunResult>& runs, std::vector<int> milestones = {13, 26, 52, 104});

// Per week: mean and 5/50/95 % quantiles of a weekly series over replicates.
struct Band {
  std::vector<double> mean, p05, p50, p95;
};
Band band_of(const std::vector<RunResult>& runs, const std::vector<float> RunResult::*series, int stride = 1, int column = 0);

}  // namespace adoptsim
