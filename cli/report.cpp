#include "report.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "comparison.hpp"
#include "cost_table.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

std::string roles_text(const std::vector<Role>& roles) {
  static const char* plural[] = {"supervisors", "foremen", "managers", "MT members", "HR advisers"};
  std::string out;
  for (std::size_t k = 0; k < roles.size(); ++k) {
    if (k > 0) out += k + 1 == roles.size() ? " and " : ", ";
    out += plural[idx(roles[k])];
  }
  return out;
}


int goal_group_size(const Scenario& s, const Structure& st) {
  int n = 0;
  for (Role r : st.role)
    if (std::find(s.goal.roles.begin(), s.goal.roles.end(), r) != s.goal.roles.end()) ++n;
  return n;
}

namespace {
std::string interval_text(const Interval& iv, const std::function<std::string(double)>& f) {
  return fmt::format("[{}, {}]", f(iv.p05), f(iv.p95));
}
}  // namespace

std::string goal_lines(const Scenario& s, const EnsembleSummary& sum) {
  if (!sum.deadline_simulated)
    return fmt::format("  not simulated: the deadline, week {}, lies beyond the {} weeks run (--weeks); no share or probability at it\n",
                       s.goal.week, s.weeks);
  std::string out;
  const auto& at = sum.goal_group_deadline;
  out += fmt::format("  goal group applying at the deadline (week {}): mean {}, 90% interval {}\n", s.goal.week, percent(at.mean),
                     interval_text(at, [](double x) { return percent(x); }));
  out += fmt::format("  probability of reaching it by week {}: {} ({} of {} replicates)\n", s.goal.week, fixed(sum.goal_probability, 2),
                     static_cast<int>(std::lround(sum.goal_probability * sum.replicates)), sum.replicates);
  if (sum.goal_reached == 0) {
    out += fmt::format("  week reached: not reached within {} weeks in any of the {} replicates\n", s.weeks, sum.replicates);
  } else if (sum.goal_reached == 1) {
    out += fmt::format("  week reached: {} (in 1 of {} replicates; the others did not reach it within {} weeks)\n", fixed(sum.goal_week.p50, 0),
                       sum.replicates, s.weeks);
  } else {
    auto wk = [](double x) { return fixed(x, 0); };
    out += fmt::format("  week reached: median {}, 90% interval {} (in the {} of {} replicates that reached it within {} weeks)\n",
                       fixed(sum.goal_week.p50, 0), interval_text(sum.goal_week, wk), sum.goal_reached, sum.replicates, s.weeks);
  }
  return out;
}

std::string run_report(const Scenario& s, const Structure& st, const EnsembleSummary& sum, const CostBreakdown& breakdown,
                       const BudgetCheck& budget, const RunInfo& info) {
  std::string out;
  out += fmt::format("adoptsim {} | {} | {} people in {} teams | {} replicates x {} weeks | seed {} | {} threads | {}\n\n", info.version,
                     s.name, st.people, st.teams(), sum.replicates, s.weeks, s.seed, info.threads, seconds(info.seconds));

  auto pct = [](double x) { return percent(x); };
  const std::string group = roles_text(s.goal.roles);
  out += fmt::format("Share applying the method, by week: the goal group ({}, n = {}) and all the method's users\n"
                     "(supervisors and foremen, n = {}). The goal is about the goal group.\n",
                     group, goal_group_size(s, st), st.users);
  Table applying({"week", "goal group: mean", "90% interval", "users: mean", "90% interval"});
  for (std::size_t k = 0; k < sum.table_weeks.size(); ++k) {
    const auto& g = sum.goal_group_at[k];
    const auto& u = sum.users_at[k];
    const bool deadline = sum.table_weeks[k] == s.goal.week;
    applying.row({std::to_string(sum.table_weeks[k]) + (deadline ? " (deadline)" : ""), pct(g.mean), interval_text(g, pct), pct(u.mean),
                  interval_text(u, pct)});
  }
  out += applying.str() + "\n";
  out += "Goal: " + goal_text(s.goal) + "\n";
  out += goal_lines(s, sum) + "\n";

  auto eur = [](double x) { return money(x); };
  out += fmt::format("Costs ({})\n", s.currency);
  Table costs({"", "mean", "90% interval"});
  costs.row({"total, staff time included", money(sum.total_cost.mean), interval_text(sum.total_cost, eur)});
  costs.row({"out of pocket (no staff time)", money(breakdown.out_of_pocket.mean), interval_text(breakdown.out_of_pocket, eur)});
  costs.row({"per adopter", money(sum.cost_per_adopter.mean), interval_text(sum.cost_per_adopter, eur)});
  out += costs.str();
  out += "  " + budget_line(budget) + "\n\n";
  out += fmt::format("Costs by intervention type and kind (mean over replicates)\n");
  out += cost_table(breakdown, s.currency) + "\n";

  out += fmt::format("Kirkpatrick levels at week {}\n", s.weeks);
  Table kp({"level", "mean", "90% interval"});
  static const char* names[] = {"L1 reaction (session score 0-1)", "L2 learning (skill of the trained)", "L3 behaviour (share applying)",
                                "L4 results (illustrative index)"};
  auto two = [](double x) { return fixed(x, 2); };
  for (int l = 0; l < 4; ++l) {
    const auto& iv = sum.kirkpatrick_final[static_cast<std::size_t>(l)];
    kp.row({names[l], two(iv.mean), interval_text(iv, two)});
  }
  out += kp.str();
  out += fmt::format("  peak mean resistance of the users: {} {}\n", two(sum.peak_resistance.mean), interval_text(sum.peak_resistance, two));
  return out;
}

}  // namespace adoptsim::cli
