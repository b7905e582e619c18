// Costs, fully accounted (MODEL.md §10): what an ensemble of runs cost, by intervention type and
// by kind of cost, each with its 90 % interval over replicates, and the check against a budget.
#pragma once
#include <array>
#include <vector>

#include "result.hpp"
#include "scenario.hpp"
#include "summary.hpp"

namespace adoptsim {

struct CostBreakdown {
  std::array<Interval, kCostRows * kCostKinds> cell{};  // [cost row][cost kind]
  std::array<Interval, kCostRows> by_row{};             // an intervention type (or the programme), all kinds
  std::array<Interval, kCostKinds> by_kind{};           // a kind of cost, all rows
  Interval total;
  Interval out_of_pocket;  // all kinds but the attendees' staff time: what is paid to others (and the project leader)
  const Interval& at(int row, CostKind kind) const { return cell[static_cast<std::size_t>(row * kCostKinds + idx(kind))]; }
  bool row_used(int row) const;  // any replicate paid anything in this row
};
CostBreakdown cost_breakdown(const std::vector<RunResult>& runs);

// The cost rows' names: the intervention types, then "programme" (the project leader).
const char* cost_row_name(int row);

// The cost of a run that a budget covers: the total, or the total without the staff time.
double budget_cost(const RunResult& r, BudgetCovers covers);
double staff_time_cost(const RunResult& r);

// The mean cost the budget covers against the budget, and how often a replicate went over it.
struct BudgetCheck {
  double budget = 0;             // 0: the scenario sets none
  BudgetCovers covers = BudgetCovers::all;
  double mean_cost = 0;
  double share_of_budget = 0;    // mean cost / budget
  int over = 0, replicates = 0;  // replicates whose total cost exceeded the budget
  bool set() const { return budget > 0; }
  bool exceeded() const { return set() && mean_cost > budget; }
};
BudgetCheck check_budget(double budget, BudgetCovers covers, const std::vector<RunResult>& runs);

}  // namespace adoptsim
