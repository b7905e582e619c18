#include "run_brief.hpp"

#include <fmt/format.h>

#include <cmath>

#include "cost_table.hpp"
#include "decision_charts.hpp"
#include "report.hpp"
#include "statistics.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

std::string pct(double x) { return std::isfinite(x) ? percent(x) : "n/a"; }
std::string pct_interval(const Interval& iv) { return iv.n > 0 ? "[" + pct(iv.p05) + ", " + pct(iv.p95) + "]" : ""; }
std::string money_interval(const Interval& iv) { return iv.n > 0 ? "[" + money(iv.p05) + ", " + money(iv.p95) + "]" : ""; }

std::string kind_label(int k) {
  std::string label(kCostKindNames[static_cast<std::size_t>(k)]);
  for (char& c : label)
    if (c == '_') c = ' ';
  return label;
}

// Both totals, and the budget against each.
void add_costs(HtmlBrief& b, const Scenario& s, const std::vector<std::string>& names, const std::vector<CostBreakdown>& costs,
               const std::vector<BudgetCheck>& budgets) {
  b.heading("Costs against the budget");
  std::vector<std::string> header{"cost (" + s.currency + ")"};
  for (const auto& n : names) header.push_back(n);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> oop{"out of pocket (trainers, actors, venues, materials, project leader, evaluation)"};
  std::vector<std::string> all{"including the attendees' staff time"};
  std::vector<std::string> bud{"budget"};
  for (std::size_t p = 0; p < costs.size(); ++p) {
    oop.push_back(money(costs[p].out_of_pocket.mean) + " " + money_interval(costs[p].out_of_pocket));
    all.push_back(money(costs[p].total.mean) + " " + money_interval(costs[p].total));
    bud.push_back(budgets[p].set() ? budget_line(budgets[p]) : "none set");
  }
  rows.push_back(oop);
  rows.push_back(all);
  rows.push_back(bud);
  b.table(header, rows);
  for (std::size_t p = 0; p < budgets.size(); ++p)
    if (budgets[p].exceeded())
      b.callout(fmt::format("{}: the mean cost, {} {}, exceeds the budget of {} {}.", names[p], money(budgets[p].mean_cost), s.currency,
                            money(budgets[p].budget), s.currency),
                true);
  std::vector<std::vector<std::string>> kinds;
  for (int k = 0; k < kCostKinds; ++k) {
    std::vector<std::string> row{kind_label(k)};
    for (const auto& c : costs) row.push_back(money(c.by_kind[static_cast<std::size_t>(k)].mean));
    kinds.push_back(row);
  }
  header[0] = "by kind (mean, " + s.currency + ")";
  b.table(header, kinds);
}

}  // namespace

std::string question_text(const Scenario& s) {
  std::string q = "Will " + goal_text(s.goal) + "?";
  if (s.budget > 0) q += fmt::format(" And within the budget of {} {}?", money(s.budget), s.currency);
  return q;
}

void add_assumptions(HtmlBrief& b, const Scenario& s, const BriefInfo& info, const std::vector<BriefSource>& sources) {
  b.heading("Assumptions");
  b.table({"", ""}, {{"program", "adoptsim " + info.version},
                     {"created", info.created},
                     {"seed", std::to_string(info.seed)},
                     {"replicates", std::to_string(info.replicates)},
                     {"horizon", std::to_string(s.weeks) + " weeks"}});
  b.paragraph("The model's mechanisms and their sources are described in the project's docs/ODD.md; the scenario files below "
              "hold every other assumption (organisation, programme, wages, fees, parameters).");
  for (const auto& src : sources) b.preformatted("Scenario file " + src.path, src.text);
}

HtmlBrief run_brief(const Scenario& s, const BriefSource& source, const Structure& st, const EnsembleSummary& sum, const CostBreakdown& costs,
                    const BudgetCheck& budget, const std::vector<RunResult>& runs, const BriefInfo& info) {
  HtmlBrief b("Brief: " + s.name);
  b.heading("The question");
  b.paragraph(question_text(s));
  if (!s.description.empty()) b.paragraph(s.description);
  b.paragraph(fmt::format("{} people in {} teams; the goal group ({}) has {} people, the method's users (supervisors and foremen) {}.",
                          st.people, st.teams(), roles_text(s.goal.roles), goal_group_size(s, st), st.users));

  b.heading("The answer in figures");
  if (!sum.deadline_simulated) {
    b.callout(fmt::format("The deadline, week {}, lies beyond the {} weeks simulated: the goal was not simulated.", s.goal.week, s.weeks), true);
  } else {
    const int reached = static_cast<int>(std::lround(sum.goal_probability * sum.replicates));
    const Proportion p = wilson(reached, sum.replicates);
    b.callout(fmt::format("Goal group applying at the deadline (week {}): {} on average, 90% interval {}.", s.goal.week,
                          pct(sum.goal_group_deadline.mean), pct_interval(sum.goal_group_deadline)));
    b.callout(fmt::format("P(goal by week {}): {} ({} of {} replicates; 90% confidence interval {} to {}).", s.goal.week, fixed(p.estimate, 2),
                          reached, sum.replicates, fixed(p.low, 2), fixed(p.high, 2)));
  }
  std::vector<std::vector<std::string>> rows;
  for (std::size_t k = 0; k < sum.table_weeks.size(); ++k)
    rows.push_back({std::to_string(sum.table_weeks[k]) + (sum.table_weeks[k] == s.goal.week ? " (deadline)" : ""), pct(sum.goal_group_at[k].mean),
                    pct_interval(sum.goal_group_at[k]), pct(sum.users_at[k].mean), pct_interval(sum.users_at[k])});
  b.table({"week", "goal group: mean", "90% interval", "method's users: mean", "90% interval"}, rows);
  if (sum.goal_reached > 1)
    b.paragraph(fmt::format("Week the goal was reached: median {}, 90% interval {} to {}, in the {} of {} replicates that reached it within {} weeks.",
                            fixed(sum.goal_week.p50, 0), fixed(sum.goal_week.p05, 0), fixed(sum.goal_week.p95, 0), sum.goal_reached,
                            sum.replicates, s.weeks));
  else
    b.paragraph(fmt::format("The goal was reached in {} of {} replicates within {} weeks.", sum.goal_reached, sum.replicates, s.weeks));

  plot::Figure fig = comparison_figure(s, {s.name}, {runs});
  fig.title = fmt::format("{}: mean and 90 % band over {} replicates", s.name, runs.size());
  b.figure(fig, "Left: the goal group's share applying the method, with the goal and its deadline. Right: the cumulative cost "
                "(including staff time) against the budget. The shaded band holds 90% of the replicates.");
  add_costs(b, s, {s.name}, {costs}, {budget});
  add_assumptions(b, s, info, {source});
  add_how_to_read(b);
  return b;
}

HtmlBrief compare_brief(const CompareReport& r, const std::vector<BriefSource>& sources, const std::vector<std::vector<RunResult>>& runs,
                        const BriefInfo& info) {
  const Scenario& s = *r.frame;
  const Comparison& c = *r.comparison;
  HtmlBrief b("Brief: " + r.names.front() + " compared with " + std::to_string(r.names.size() - 1) + " alternative(s)");
  b.heading("The question");
  b.paragraph(question_text(s) + " Which of these programmes gets there, at what cost?");
  std::vector<std::vector<std::string>> programmes;
  for (std::size_t p = 0; p < r.names.size(); ++p)
    programmes.push_back({r.names[p], r.paths[p], p == 0 ? "the programme the others are compared with" : ""});
  b.table({"programme", "file", ""}, programmes);
  for (const auto& note : r.notes) b.callout(note, true);

  b.heading("The answer in figures");
  const int goal_group = c.metric("goal_group_deadline"), probability = c.metric("goal_probability");
  for (std::size_t p = 0; p < r.names.size(); ++p) {
    std::string line = r.names[p] + ": ";
    if (goal_group >= 0) {
      const Interval& v = c.summary[p][static_cast<std::size_t>(goal_group)].value;
      line += fmt::format("goal group at week {}: {} {}", s.goal.week, pct(v.mean), pct_interval(v));
    }
    if (probability >= 0) {
      const Interval& v = c.summary[p][static_cast<std::size_t>(probability)].value;
      line += fmt::format("; P(goal) {} [{}, {}]", fixed(v.mean, 2), fixed(v.p05, 2), fixed(v.p95, 2));
    }
    line += fmt::format("; cost {} {}", money(r.costs[p].total.mean), s.currency);
    b.callout(line);
  }
  std::vector<std::string> header{"metric"};
  for (const auto& n : r.names) header.push_back(n);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t k = 0; k < c.metrics.size(); ++k) {
    const MetricDef& m = c.metrics[k];
    if (m.name.rfind("cost_", 0) == 0 && m.name != "cost_per_adopter") continue;
    std::vector<std::string> row{m.label};
    for (std::size_t p = 0; p < r.names.size(); ++p) {
      const Interval& v = c.summary[p][k].value;
      row.push_back(v.n > 0 ? metric_value_text(m.kind, v.mean) + " [" + metric_value_text(m.kind, v.p05) + ", " + metric_value_text(m.kind, v.p95) + "]"
                            : "n/a");
    }
    rows.push_back(row);
  }
  b.table(header, rows);

  b.heading("Paired differences with " + r.names.front());
  b.paragraph("Each alternative minus " + r.names.front() + ", replicate by replicate (same people, same chance events): the mean "
              "difference and its 90% interval. An interval that excludes 0 is a difference the programme makes.");
  std::vector<std::string> dheader{"metric"};
  for (std::size_t p = 1; p < r.names.size(); ++p) dheader.push_back(r.names[p] + " - " + r.names.front());
  std::vector<std::vector<std::string>> drows;
  for (std::size_t k = 0; k < c.metrics.size(); ++k) {
    const MetricDef& m = c.metrics[k];
    if (m.name.rfind("cost_", 0) == 0 && m.name != "cost_per_adopter") continue;
    std::vector<std::string> row{m.label};
    for (std::size_t p = 1; p < r.names.size(); ++p) {
      const Interval& d = c.summary[p][k].difference;
      row.push_back(d.n > 0 ? metric_difference_text(m.kind, d.mean) + " [" + metric_difference_text(m.kind, d.p05) + ", " +
                                  metric_difference_text(m.kind, d.p95) + "]"
                            : "n/a");
    }
    drows.push_back(row);
  }
  b.table(dheader, drows);
  b.figure(comparison_figure(s, r.names, runs),
           "Left: the goal group's share applying, each programme's mean and 90% band. Middle: cumulative cost against the budget. "
           "Right: the paired difference with the first programme and its 90% interval.");
  add_costs(b, s, r.names, r.costs, r.budgets);
  add_assumptions(b, s, info, sources);
  add_how_to_read(b);
  return b;
}

}  // namespace adoptsim::cli
