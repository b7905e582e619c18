// The cost breakdown and the budget check as text, for `run`, `compare` and `optimise`.
#pragma once
#include <string>
#include <vector>

#include "costs.hpp"

namespace adoptsim::cli {

// Rows: the intervention types the programme paid for, then the project leader, then the total;
// columns: the kinds of cost, the row's total and its share; in thousands of `currency`.
std::string cost_table(const CostBreakdown& b, const std::string& currency);

// One line: "budget 850,000: within (98% of it; over it in 12 of 100 replicates)".
std::string budget_line(const BudgetCheck& c);

// The warning on stderr when the mean cost exceeds the budget; `who` names the programme.
void warn_if_over_budget(const BudgetCheck& c, const std::string& currency, const std::string& who);

// "basic training" for basic_training, "fixed project leader" for the programme row (the [costs] project leader; "project leader" is the activity).
std::string cost_row_label(int row);

}  // namespace adoptsim::cli
