// Comparing programmes that were run on the same replicates (same seed, same replicate numbers:
// common random numbers), so that the organisation, the workload and every agent-level draw are
// the same and the differences are the programmes'. For each programme: every metric with its
// 90 % interval over replicates, and its paired difference with the first programme.
#pragma once
#include <string>
#include <vector>

#include "result.hpp"
#include "scenario.hpp"
#include "summary.hpp"

namespace adoptsim {

// How a metric's numbers read: a share of people, a probability, a week, money, a 0-1 score.
enum class MetricKind { share, probability, week, money, score };

struct MetricDef {
  std::string name;   // as in compare.csv and the HDF5 file, e.g. applying_week_52
  std::string label;  // for tables, e.g. "applying, week 52"
  MetricKind kind;
};

// The metrics of a comparison (docs/decisions.md lists them): the goal group's share at the
// deadline, the share of users applying at the
// milestones and the horizon, the goal (probability by the deadline, week reached), costs (total,
// per adopter, each kind, probability of exceeding the budget when one is set), peak resistance
// and the Kirkpatrick levels at the horizon.
// "goal group (supervisors), week 52": the goal group's share applying at the goal's deadline.
std::string goal_group_label(const Scenario& s);
// "65% of supervisors applying by week 52": the goal in words (tables, file attributes).
std::string goal_text(const Goal& g);

// One label per programme: names that two or more files share get " #1", " #2", ... in the order
// given, and a warning (in `warnings`) says so, so that tables and compare.csv never mix them up.
std::vector<std::string> unique_programme_names(const std::vector<std::string>& names, const std::vector<std::string>& sources,
                                                std::vector<std::string>* warnings);

std::vector<MetricDef> comparison_metrics(const Scenario& s, std::vector<int> milestones = {13, 26, 52, 104});

// Each metric's value in each replicate: [metric][replicate]. NaN where a replicate has none (the
// week of a goal not reached, the cost per adopter without adopters); probabilities are 0 or 1.
std::vector<std::vector<double>> metric_values(const std::vector<MetricDef>& metrics, const Scenario& s,
                                               const std::vector<RunResult>& runs);

struct MetricSummary {
  // Over replicates: mean and 5/50/95 % quantiles. For a probability: the estimate, with the
  // bounds of its 90 % confidence interval (Wilson) as p05 and p95.
  Interval value;
  // Paired with the first programme (this minus first), replicate by replicate: mean and
  // quantiles of the differences over replicates where both are defined. For a probability:
  // the difference with its 90 % confidence interval for paired proportions (Newcombe).
  Interval difference;
  bool has_difference = false;  // false for the first programme
};

struct Comparison {
  std::vector<MetricDef> metrics;
  std::vector<std::vector<std::vector<double>>> values;  // [programme][metric][replicate]
  std::vector<std::vector<MetricSummary>> summary;       // [programme][metric]
  int metric(const std::string& name) const;             // index, -1 if absent
};

// `runs[p]` are programme p's replicates, all with the same replicate numbers and seed; `frame`
// is the scenario whose goal, budget and milestones apply to all (the first programme's).
Comparison compare_programmes(const Scenario& frame, const std::vector<std::vector<RunResult>>& runs);
// The same on a chosen subset of comparison_metrics(frame) (e.g. the live window's headline, whose
// runs keep only the series those metrics read).
Comparison compare_programmes(const Scenario& frame, const std::vector<std::vector<RunResult>>& runs, std::vector<MetricDef> metrics);

// Before running: make the programmes comparable and say what besides the programme differs.
// Every scenario gets the first one's goal and budget (the question is the same for all); the
// notes name what else differs (organisation, network, parameters, wages), since then the
// differences are not only the programmes'. Throws std::invalid_argument when the horizons differ.
std::vector<std::string> align_for_comparison(std::vector<Scenario>& programmes, const std::vector<std::string>& sources);

}  // namespace adoptsim
