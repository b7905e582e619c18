// Warnings for set-ups that load fine but are probably not what the planner meant (issue 11, 3):
// `validate` prints them, distinct from errors, and still exits 0. Judged on one simulated
// replicate of the scenario, so they see what the programme does (who attends, what it pays).
#pragma once
#include <string>
#include <vector>

#include "programme.hpp"  // is_plenary: the types that reach people in plenary
#include "result.hpp"
#include "scenario.hpp"

namespace adoptsim {

struct PlausibilityWarning {
  std::string key;      // e.g. intervention[4] (the 0-based index as in the loader's messages), budget.amount
  std::string message;
};

// Thresholds: a cost per attendee this many times the median of the other interventions; a
// programme costing this many times its budget; a plenary type in this many groups or more.
inline constexpr double kCostPerPersonFactor = 10.0, kBudgetFactor = 2.0;
inline constexpr int kPlenaryGroups = 3;

std::vector<PlausibilityWarning> plausibility_warnings(const Scenario& s, const RunResult& one_replicate);

}  // namespace adoptsim
