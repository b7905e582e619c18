#include "cost_table.hpp"

#include <cstdio>
#include <fmt/format.h>

#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

std::string thousands(double x) {
  if (x == 0) return "-";
  return fixed(x / 1000.0, 1);
}

}  // namespace

std::string cost_row_label(int row) {
  if (row == kProgrammeCostRow) return "fixed project leader";  // [costs]; the activity project_leader has its own row
  std::string s(kInterventionTypeNames[static_cast<std::size_t>(row)]);
  for (char& c : s)
    if (c == '_') c = ' ';
  return s;
}

std::string cost_table(const CostBreakdown& b, const std::string& currency) {
  static const char* kinds[kCostKinds] = {"trainer", "actor", "venue", "materials", "staff time", "leader", "evaluation"};
  std::vector<std::string> header{"thousand " + currency};
  for (const char* k : kinds) header.emplace_back(k);
  header.emplace_back("total");
  header.emplace_back("share");
  Table t(header);
  const double total = b.total.mean;
  auto add = [&](const std::string& label, auto cell, const Interval& sum) {
    std::vector<std::string> cells{label};
    for (int k = 0; k < kCostKinds; ++k) cells.push_back(thousands(cell(k)));
    cells.push_back(thousands(sum.mean));
    cells.push_back(total > 0 ? percent(sum.mean / total) : "-");
    t.row(cells);
  };
  for (int row = 0; row < kCostRows; ++row)
    if (b.row_used(row))
      add(cost_row_label(row), [&](int k) { return b.at(row, static_cast<CostKind>(k)).mean; }, b.by_row[static_cast<std::size_t>(row)]);
  add("total", [&](int k) { return b.by_kind[static_cast<std::size_t>(k)].mean; }, b.total);
  return t.str();
}

std::string budget_line(const BudgetCheck& c) {
  if (!c.set()) return "no budget set";
  return fmt::format("budget {} ({}): {} ({} of it; over it in {} of {} replicates)", money(c.budget),
                     c.covers == BudgetCovers::all ? "covers all costs, staff time included" : "covers out-of-pocket costs only",
                     c.exceeded() ? "EXCEEDED" : "within", percent(c.share_of_budget, 0), c.over, c.replicates);
}

void warn_if_over_budget(const BudgetCheck& c, const std::string& currency, const std::string& who) {
  if (!c.exceeded()) return;
  std::fprintf(stderr, "adoptsim: warning: %s costs %s %s on average, %s over its budget of %s %s\n", who.c_str(), money(c.mean_cost).c_str(),
               currency.c_str(), percent(c.share_of_budget - 1, 0).c_str(), money(c.budget).c_str(), currency.c_str());
}

}  // namespace adoptsim::cli
