#include "compare_report.hpp"

#include <cmath>
#include <fmt/format.h>

#include "cost_table.hpp"
#include "report.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

std::string metric_value_text(MetricKind kind, double x) {
  switch (kind) {
    case MetricKind::share: return percent(x);
    case MetricKind::probability: return fixed(x, 2);
    case MetricKind::week: return fixed(x, 1);
    case MetricKind::money: return money(x);
    case MetricKind::score: return fixed(x, 2);
  }
  return fixed(x);
}

std::string metric_difference_text(MetricKind kind, double d) {
  if (!std::isfinite(d)) return "n/a";
  const double a = std::fabs(d);
  std::string text;
  switch (kind) {
    case MetricKind::share: text = fixed(a * 100, 1); break;
    case MetricKind::probability: text = fixed(a, 2); break;
    case MetricKind::week: text = fixed(a, 1); break;
    case MetricKind::money: text = money(a); break;
    case MetricKind::score: text = fixed(a, 3); break;
  }
  // A sign only where the printed number is not zero: no "-0.0".
  const bool zero = text.find_first_not_of("0.,") == std::string::npos;
  const std::string sign = zero ? "" : (d > 0 ? "+" : "-");
  return sign + text + (kind == MetricKind::share ? " pts" : "");
}

namespace {

bool in_programme_table(const MetricDef& m) { return m.name.rfind("cost_", 0) != 0 || m.name == "cost_per_adopter"; }

std::string interval(MetricKind kind, const Interval& iv, bool difference) {
  if (iv.n == 0) return "";
  auto f = [&](double x) {
    if (kind == MetricKind::week && !difference) return fixed(x, 0);  // a range of weeks, in whole weeks
    return difference ? metric_difference_text(kind, x) : metric_value_text(kind, x);
  };
  std::string lo = f(iv.p05), hi = f(iv.p95);
  if (difference && kind == MetricKind::share) {  // "pts" once, after the pair
    lo = lo.substr(0, lo.size() - 4);
    hi = hi.substr(0, hi.size() - 4);
  }
  return "[" + lo + ", " + hi + "]";
}

}  // namespace

std::string compare_report(const CompareReport& r) {
  const Scenario& s = *r.frame;
  const Comparison& c = *r.comparison;
  const std::size_t P = r.names.size();
  std::string out = fmt::format("adoptsim {} | compare {} programmes | {} people in {} teams | {} replicates x {} weeks | seed {} | {} threads | {}\n",
                                r.version, P, r.people, r.teams, r.replicates, s.weeks, r.seed, r.threads, seconds(r.seconds));
  out += "Common random numbers: every programme runs on the same replicates (same organisation, workload and\n"
         "agent draws), so a difference is the programmes', measured replicate by replicate.\n";
  out += "Goal: " + goal_text(s.goal);
  if (s.budget > 0) out += fmt::format(" | budget {} {}", money(s.budget), s.currency);
  out += "\n";
  for (const auto& note : r.notes) out += "note: " + note + "\n";

  for (std::size_t p = 0; p < P; ++p) {
    out += fmt::format("\n{} ({}){}\n", r.names[p], r.paths[p], p == 0 ? ": the programme the others are compared with" : "");
    std::vector<std::string> header{"metric", "mean", "90% interval"};
    if (p > 0) {
      header.push_back("vs " + r.names[0]);
      header.emplace_back("90% interval");
    }
    Table t(header);
    for (std::size_t k = 0; k < c.metrics.size(); ++k) {
      const MetricDef& m = c.metrics[k];
      if (!in_programme_table(m)) continue;
      const MetricSummary& v = c.summary[p][k];
      std::string label = m.label;
      std::string spread = interval(m.kind, v.value, false);
      if (m.name == "goal_week") {  // among the replicates that reached it: say how many, no interval from one
        label += fmt::format(" (in {} of {})", v.value.n, r.replicates);
        if (v.value.n < 2) spread.clear();
      }
      std::vector<std::string> row{label, v.value.n > 0 ? metric_value_text(m.kind, v.value.mean) : "n/a", spread};
      if (p > 0) {
        row.push_back(v.difference.n > 0 ? metric_difference_text(m.kind, v.difference.mean) : "n/a");
        row.push_back(interval(m.kind, v.difference, true));
      }
      t.row(row);
    }
    out += t.str();
    out += "  " + budget_line(r.budgets[p]) + "\n";
  }
  out += "\nIntervals: for shares, weeks, costs and scores the 5-95 % range over replicates; for a difference, the\n"
         "range of the replicate-by-replicate differences; for probabilities a 90 % confidence interval.\n";

  // Costs side by side: the breakdown by kind, then by intervention type.
  out += fmt::format("\nCosts by kind (thousand {}, mean over replicates)\n", s.currency);
  std::vector<std::string> header{"kind"};
  for (const auto& n : r.names) header.push_back(n);
  Table kinds(header);
  auto k_text = [](double x) { return x == 0 ? std::string("-") : fixed(x / 1000, 1); };
  for (int k = 0; k < kCostKinds; ++k) {
    std::string label(kCostKindNames[static_cast<std::size_t>(k)]);
    for (char& ch : label)
      if (ch == '_') ch = ' ';
    std::vector<std::string> row{label};
    for (std::size_t p = 0; p < P; ++p) row.push_back(k_text(r.costs[p].by_kind[static_cast<std::size_t>(k)].mean));
    kinds.row(row);
  }
  std::vector<std::string> total{"total"};
  for (std::size_t p = 0; p < P; ++p) total.push_back(k_text(r.costs[p].total.mean));
  kinds.row(total);
  std::vector<std::string> cash{"out of pocket"};
  for (std::size_t p = 0; p < P; ++p) cash.push_back(k_text(r.costs[p].out_of_pocket.mean));
  kinds.row(cash);
  out += kinds.str();

  header[0] = "intervention type";
  Table types(header);
  for (int row = 0; row < kCostRows; ++row) {
    bool used = false;
    for (std::size_t p = 0; p < P; ++p) used = used || r.costs[p].row_used(row);
    if (!used) continue;
    std::vector<std::string> cells{cost_row_label(row)};
    for (std::size_t p = 0; p < P; ++p) cells.push_back(k_text(r.costs[p].by_row[static_cast<std::size_t>(row)].mean));
    types.row(cells);
  }
  out += fmt::format("\nCosts by intervention type (thousand {}, mean over replicates)\n", s.currency);
  out += types.str();
  return out;
}

}  // namespace adoptsim::cli
