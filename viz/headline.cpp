#include "headline.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "comparison.hpp"
#include "costs.hpp"
#include "statistics.hpp"

namespace adoptsim::viz {
namespace {

// The comparison metrics the headline shows, in this order (names as in compare.csv).
std::vector<MetricDef> headline_metrics(const Scenario& s) {
  std::vector<MetricDef> out;
  for (auto& m : comparison_metrics(s))
    if (m.name == "goal_group_deadline" || m.name == "goal_probability" || m.name == "total_cost") out.push_back(std::move(m));
  return out;
}

Interval value_of(const Comparison& c, std::size_t programme, const std::string& metric, bool difference) {
  const int k = c.metric(metric);
  if (k < 0) return interval_of({});
  const MetricSummary& m = c.summary[programme][static_cast<std::size_t>(k)];
  return difference ? m.difference : m.value;
}

std::vector<double> budget_costs(const Scenario& s, const std::vector<RunResult>& runs) {
  std::vector<double> v;
  for (const auto& r : runs) v.push_back(budget_cost(r, s.budget_covers));
  return v;
}

}  // namespace

RunResult slim_run(RunResult&& r) {
  RunResult k;
  k.weeks = r.weeks;
  k.people = r.people;
  k.users = r.users;
  k.seed = r.seed;
  k.replicate = r.replicate;
  k.applying = std::move(r.applying);
  k.goal_share = std::move(r.goal_share);
  k.cost_matrix = r.cost_matrix;
  k.goal_week = r.goal_week;
  k.total_cost = r.total_cost;
  k.cost_per_adopter = r.cost_per_adopter;
  return k;
}

EnsembleFigures ensemble_figures(const Scenario& s, const std::vector<RunResult>& runs) {
  EnsembleFigures f;
  f.replicates = static_cast<int>(runs.size());
  f.deadline_simulated = s.goal.week <= s.weeks;
  const Comparison c = compare_programmes(s, {runs}, headline_metrics(s));
  f.goal_group = value_of(c, 0, "goal_group_deadline", false);
  f.probability = value_of(c, 0, "goal_probability", false);
  if (!f.deadline_simulated) f.probability = interval_of({});
  f.cost = value_of(c, 0, "total_cost", false);
  f.budget_cost = interval_of(budget_costs(s, runs));
  return f;
}

PairedFigures paired_figures(const Scenario& frame, const Scenario& baseline_scenario, const std::vector<RunResult>& baseline,
                             const std::vector<RunResult>& current) {
  PairedFigures p;
  const auto& g = frame.goal;
  const auto& h = baseline_scenario.goal;
  if (g.roles != h.roles || g.share != h.share || g.week != h.week) {
    p.not_paired = "the baseline has another goal";
  } else if (baseline_scenario.weeks != frame.weeks) {
    p.not_paired = "the baseline runs another horizon";
  } else if (!baseline.empty() && !current.empty() && baseline.front().seed != current.front().seed) {
    p.not_paired = "the baseline ran on another seed: no common random numbers";
  } else if (frame.goal.week > frame.weeks) {
    p.not_paired = "the deadline lies beyond the horizon";
  }
  const std::size_t n = std::min(baseline.size(), current.size());
  if (!p.not_paired.empty()) return p;
  if (n == 0) {
    p.not_paired = "waiting for the ensembles";
    return p;
  }
  const std::vector<RunResult> a(baseline.begin(), baseline.begin() + static_cast<std::ptrdiff_t>(n));
  const std::vector<RunResult> b(current.begin(), current.begin() + static_cast<std::ptrdiff_t>(n));
  Comparison c;
  try {
    c = compare_programmes(frame, {a, b}, headline_metrics(frame));
  } catch (const std::invalid_argument& e) {  // not the same replicates
    p.not_paired = e.what();
    return p;
  }
  p.replicates = static_cast<int>(n);
  p.goal_group = value_of(c, 1, "goal_group_deadline", true);
  p.probability = value_of(c, 1, "goal_probability", true);
  p.cost = value_of(c, 1, "total_cost", true);
  p.budget_cost = paired_spread(budget_costs(frame, a), budget_costs(frame, b));
  return p;
}

}  // namespace adoptsim::viz
