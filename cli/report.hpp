// The summary table of `adoptsim run`, as text.
#pragma once
#include <string>

#include "comparison.hpp"  // goal_text
#include "costs.hpp"
#include "organisation.hpp"
#include "scenario.hpp"
#include "summary.hpp"

namespace adoptsim::cli {

struct RunInfo {
  std::string version;
  int threads = 1;
  double seconds = 0;
};

std::string run_report(const Scenario& s, const Structure& st, const EnsembleSummary& sum, const CostBreakdown& costs,
                       const BudgetCheck& budget, const RunInfo& info);

std::string roles_text(const std::vector<Role>& roles);  // "supervisors and foremen"
int goal_group_size(const Scenario& s, const Structure& st);  // people whose role the goal is about
// The goal's lines under a table: the goal group's share at the deadline, P(goal), the week reached
// and in how many replicates; "not simulated" when the deadline lies beyond the horizon.
std::string goal_lines(const Scenario& s, const EnsembleSummary& sum);                    // "65% of supervisors applying by week 52"

}  // namespace adoptsim::cli
