#include "costs.hpp"

namespace adoptsim {

bool CostBreakdown::row_used(int row) const {
  const Interval& r = by_row[static_cast<std::size_t>(row)];
  return r.n > 0 && (r.mean != 0 || r.p95 != 0);
}

CostBreakdown cost_breakdown(const std::vector<RunResult>& runs) {
  CostBreakdown b;
  std::vector<double> v(runs.size());
  auto summarise_by = [&](auto value) {
    for (std::size_t r = 0; r < runs.size(); ++r) v[r] = value(runs[r]);
    return interval_of(v);
  };
  for (int row = 0; row < kCostRows; ++row) {
    for (int k = 0; k < kCostKinds; ++k) {
      const auto cell = static_cast<std::size_t>(row * kCostKinds + k);
      b.cell[cell] = summarise_by([&](const RunResult& r) { return r.cost_matrix[cell]; });
    }
    b.by_row[static_cast<std::size_t>(row)] = summarise_by([&](const RunResult& r) {
      double sum = 0;
      for (int k = 0; k < kCostKinds; ++k) sum += r.cost_matrix[static_cast<std::size_t>(row * kCostKinds + k)];
      return sum;
    });
  }
  for (int k = 0; k < kCostKinds; ++k)
    b.by_kind[static_cast<std::size_t>(k)] = summarise_by([&](const RunResult& r) {
      double sum = 0;
      for (int row = 0; row < kCostRows; ++row) sum += r.cost_matrix[static_cast<std::size_t>(row * kCostKinds + k)];
      return sum;
    });
  b.total = summarise_by([](const RunResult& r) { return r.total_cost; });
  b.out_of_pocket = summarise_by([](const RunResult& r) { return budget_cost(r, BudgetCovers::out_of_pocket); });
  return b;
}

const char* cost_row_name(int row) {
  return row == kProgrammeCostRow ? "programme" : kInterventionTypeNames[static_cast<std::size_t>(row)].data();
}

double staff_time_cost(const RunResult& r) {
  double staff = 0;
  for (int row = 0; row < kCostRows; ++row) staff += r.cost_matrix[static_cast<std::size_t>(row * kCostKinds + idx(CostKind::staff_time))];
  return staff;
}

double budget_cost(const RunResult& r, BudgetCovers covers) {
  return covers == BudgetCovers::all ? r.total_cost : r.total_cost - staff_time_cost(r);
}

BudgetCheck check_budget(double budget, BudgetCovers covers, const std::vector<RunResult>& runs) {
  BudgetCheck c;
  c.budget = budget;
  c.covers = covers;
  c.replicates = static_cast<int>(runs.size());
  for (const auto& r : runs) {
    const double cost = budget_cost(r, covers);
    c.mean_cost += cost / static_cast<double>(runs.size());
    if (budget > 0 && cost > budget) ++c.over;
  }
  c.share_of_budget = budget > 0 ? c.mean_cost / budget : 0.0;
  return c;
}

}  // namespace adoptsim
