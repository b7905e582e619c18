// The tables of `adoptsim compare`: per programme, every metric with its 90 % interval and its
// paired difference with the first programme; then the costs side by side and the budget.
#pragma once
#include <string>
#include <vector>

#include "comparison.hpp"
#include "costs.hpp"
#include "scenario.hpp"

namespace adoptsim::cli {

struct CompareReport {
  const Scenario* frame = nullptr;  // goal, budget, currency, horizon: the first programme's
  std::vector<std::string> names, paths;
  const Comparison* comparison = nullptr;
  std::vector<CostBreakdown> costs;
  std::vector<BudgetCheck> budgets;
  std::vector<std::string> notes;
  std::string version;
  int people = 0, teams = 0, replicates = 0, threads = 0;
  std::uint64_t seed = 0;
  double seconds = 0;
};

std::string compare_report(const CompareReport& r);

// A metric's value and a difference as the tables print them ("65.2%", "+3.1 pts", "812,400").
std::string metric_value_text(MetricKind kind, double x);
std::string metric_difference_text(MetricKind kind, double d);

}  // namespace adoptsim::cli
