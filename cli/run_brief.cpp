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

HtmlBrief optimise_brief(const OptimiseBriefInput& in, const BriefSource& source, const BriefInfo& info) {
  const OptimiseReport& r = *in.report;
  const Scenario& s = *r.base;
  const OptimiseSettings& set = *r.settings;
  const OptimiseResult& res = *r.result;
  HtmlBrief b("Brief: the cheapest programme for " + s.name);
  b.heading("The question");
  b.paragraph(question_text(s) + fmt::format(" Which programme of the search space is the cheapest that reaches the goal with probability {} or more?",
                                             fixed(set.confidence, 2)));
  b.paragraph(fmt::format("{} people in {} teams. Searched: {} combinations of the programme knobs ({} distinct programmes), raced on common "
                          "random numbers; the frontier's programmes were each run on {} replicates.",
                          r.people, r.teams, money(static_cast<double>(r.combinations)), money(static_cast<double>(res.candidates.size())), set.replicates));
  for (const auto& note : in.borrowed) b.callout("Taken from the knob templates: " + note + ".", true);

  b.heading("The answer in figures");
  if (res.winner >= 0) {
    const Candidate& w = res.candidates[static_cast<std::size_t>(res.winner)];
    b.callout("The cheapest programme that reaches the goal: " + knobs_text(w.knobs) + ".");
    b.callout(fmt::format("On {} fresh replicates: P(goal by week {}) {} (90% confidence interval {} to {}); mean cost {} {} {}.", r.confirmed.n, s.goal.week,
                          fixed(r.confirmed.estimate, 2), fixed(r.confirmed.low, 2), fixed(r.confirmed.high, 2), money(r.confirmed_cost.mean), s.currency,
                          money_interval(r.confirmed_cost)));
    if (r.confirmed.estimate < set.confidence)
      b.callout(fmt::format("On the fresh replicates it falls short of {}: the search's estimate was lucky; the next frontier point up is the safer choice.",
                            fixed(set.confidence, 2)),
                true);
  } else {
    b.callout(fmt::format("No programme in the space reaches the goal with probability {} or more{}.", fixed(set.confidence, 2),
                          set.budget > 0 ? " within the budget" : ""),
              true);
    if (r.best_within_budget) {
      const Candidate& l = *r.best_within_budget;
      const Proportion p = l.probability();
      b.callout(fmt::format("The likeliest{}: {}; P(goal) {} (90% confidence interval {} to {}), mean cost {} {}.", set.budget > 0 ? " within the budget" : "",
                            knobs_text(l.knobs), fixed(p.estimate, 2), fixed(p.low, 2), fixed(p.high, 2), money(l.mean_cost()), s.currency));
    }
  }

  b.heading("The frontier");
  b.paragraph(fmt::format("The programmes no other beats on both cost and probability, by ascending cost, each on {} replicates. The row numbers are "
                          "the numbers of the points in the chart and of the terminal's table. Cost is what the budget covers ({}).",
                          set.replicates, s.budget_covers == BudgetCovers::all ? "all costs, staff time included" : "out of pocket, no staff time"));
  const ProgrammeKnobs own = read_knobs(s);
  std::vector<std::vector<std::string>> rows;
  int point = 0;
  for (int i : res.frontier) {
    const Candidate& c = res.candidates[static_cast<std::size_t>(i)];
    const Proportion p = c.probability();
    std::string note = i == res.winner ? "the winner" : "";
    if (set.budget > 0 && c.mean_cost() > set.budget) note += note.empty() ? "over budget" : ", over budget";
    if (c.knobs == own) note += note.empty() ? "your programme" : ", your programme";
    rows.push_back({std::to_string(++point), money(c.mean_cost()), fixed(p.estimate, 2), "[" + fixed(p.low, 2) + ", " + fixed(p.high, 2) + "]",
                    knobs_text(c.knobs), note});
  }
  b.table({"#", "mean cost (" + s.currency + ")", "P(goal)", "90% CI", "programme", ""}, rows);
  b.figure(in.frontier, "Each grey dot is a programme run on all replicates; the numbered points are the frontier (the table's rows) with the "
                        "90% confidence interval of P(goal); the dashed line is the required probability, the red line the budget.");

  if (res.winner >= 0 && r.versus_own) {
    const Comparison& c = *r.versus_own;
    b.heading("The winner against the scenario's own programme");
    b.paragraph(fmt::format("On the same {} replicates (paired): the winner minus the own programme, replicate by replicate.", set.replicates));
    std::vector<std::vector<std::string>> drows;
    for (std::size_t k = 0; k < c.metrics.size(); ++k) {
      const MetricDef& m = c.metrics[k];
      if (m.name.rfind("cost_", 0) == 0 && m.name != "cost_per_adopter") continue;
      const MetricSummary& a = c.summary[0][k];
      const MetricSummary& w = c.summary[1][k];
      drows.push_back({m.label, a.value.n > 0 ? metric_value_text(m.kind, a.value.mean) : "n/a", w.value.n > 0 ? metric_value_text(m.kind, w.value.mean) : "n/a",
                       w.difference.n > 0 ? metric_difference_text(m.kind, w.difference.mean) + " [" + metric_difference_text(m.kind, w.difference.p05) + ", " +
                                                metric_difference_text(m.kind, w.difference.p95) + "]"
                                          : "n/a"});
    }
    b.table({"metric", "own programme", "winner", "difference [90% interval]"}, drows);
    if (in.costs.size() == 2 && in.budgets.size() == 2) add_costs(b, s, {"own programme", "winner"}, in.costs, in.budgets);
  }
  add_assumptions(b, s, info, {source});
  add_how_to_read(b);
  return b;
}

}  // namespace adoptsim::cli
