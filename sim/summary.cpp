#include "summary.hpp"

#include <algorithm>
#include <cmath>

namespace adoptsim {

double quantile_sorted(const std::vector<double>& v, double q) {
  if (v.empty()) return std::nan("");
  const double h = (static_cast<double>(v.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

Interval interval_of(std::vector<double> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double x) { return !std::isfinite(x); }), values.end());
  Interval out;
  out.n = static_cast<int>(values.size());
  if (values.empty()) {
    out.mean = out.p05 = out.p50 = out.p95 = std::nan("");
    return out;
  }
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double x : values) sum += x;
  out.mean = sum / static_cast<double>(values.size());
  out.p05 = quantile_sorted(values, 0.05);
  out.p50 = quantile_sorted(values, 0.50);
  out.p95 = quantile_sorted(values, 0.95);
  return out;
}

EnsembleSummary summarise(const Scenario& s, const std::vector<RunResult>& runs, std::vector<int> milestones) {
  EnsembleSummary out;
  out.replicates = static_cast<int>(runs.size());
  for (int w : milestones)
    if (w <= s.weeks) out.milestone_weeks.push_back(w);
  if (std::find(out.milestone_weeks.begin(), out.milestone_weeks.end(), s.weeks) == out.milestone_weeks.end())
    out.milestone_weeks.push_back(s.weeks);
  for (int w : out.milestone_weeks) {
    std::vector<double> v;
    for (const auto& r : runs) v.push_back(r.applying[static_cast<std::size_t>(w)]);
    out.applying_at.push_back(interval_of(v));
  }
  auto at_week = [&](const std::vector<float> RunResult::*series, int w) {
    std::vector<double> v;
    for (const auto& r : runs) v.push_back((r.*series)[static_cast<std::size_t>(w)]);
    return interval_of(v);
  };
  out.deadline_simulated = s.goal.week <= s.weeks;
  out.table_weeks = out.milestone_weeks;
  if (out.deadline_simulated && std::find(out.table_weeks.begin(), out.table_weeks.end(), s.goal.week) == out.table_weeks.end()) {
    out.table_weeks.push_back(s.goal.week);
    std::sort(out.table_weeks.begin(), out.table_weeks.end());
  }
  for (int w : out.table_weeks) {
    out.goal_group_at.push_back(at_week(&RunResult::goal_share, w));
    out.users_at.push_back(at_week(&RunResult::applying, w));
  }
  out.goal_group_deadline = out.deadline_simulated ? at_week(&RunResult::goal_share, s.goal.week) : interval_of({});
  std::vector<double> goal, cost, per_adopter, peak;
  std::array<std::vector<double>, 4> kp;
  int by_deadline = 0;
  for (const auto& r : runs) {
    if (r.goal_week >= 0) {
      goal.push_back(r.goal_week);
      ++out.goal_reached;
      if (r.goal_week <= s.goal.week) ++by_deadline;
    }
    cost.push_back(r.total_cost);
    per_adopter.push_back(r.cost_per_adopter);
    peak.push_back(r.peak_resistance);
    for (int l = 0; l < 4; ++l) kp[static_cast<std::size_t>(l)].push_back(r.kirkpatrick[static_cast<std::size_t>(r.weeks) * 4 + static_cast<std::size_t>(l)]);
  }
  out.goal_week = interval_of(goal);
  out.goal_probability = runs.empty() ? 0.0 : static_cast<double>(by_deadline) / static_cast<double>(runs.size());
  if (!out.deadline_simulated) out.goal_probability = std::nan("");  // not 0: the runs stop before the deadline
  out.total_cost = interval_of(cost);
  out.cost_per_adopter = interval_of(per_adopter);
  out.peak_resistance = interval_of(peak);
  for (int l = 0; l < 4; ++l) out.kirkpatrick_final[static_cast<std::size_t>(l)] = interval_of(kp[static_cast<std::size_t>(l)]);
  return out;
}

Band band_of(const std::vector<RunResult>& runs, const std::vector<float> RunResult::*series, int stride, int column) {
  Band b;
  if (runs.empty()) return b;
  const int rows = runs.front().weeks + 1;
  std::vector<double> v;
  for (int w = 0; w < rows; ++w) {
    v.clear();
    for (const auto& r : runs) v.push_back((r.*series)[static_cast<std::size_t>(w * stride + column)]);
    const Interval iv = interval_of(v);
    b.mean.push_back(iv.mean);
    b.p05.push_back(iv.p05);
    b.p50.push_back(iv.p50);
    b.p95.push_back(iv.p95);
  }
  return b;
}

}  // namespace adoptsim
