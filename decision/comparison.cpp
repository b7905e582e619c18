#include "comparison.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "costs.hpp"
#include "organisation.hpp"
#include "statistics.hpp"

namespace adoptsim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string kirkpatrick_label(int level) {
  static const char* labels[] = {"L1 reaction", "L2 learning", "L3 behaviour", "L4 results"};
  return labels[level];
}

bool reached_by_deadline(const RunResult& r, const Scenario& s) { return r.goal_week >= 0 && r.goal_week <= s.goal.week; }

std::string roles_plural(const std::vector<Role>& roles) {
  static const char* plural[] = {"supervisors", "foremen", "managers", "MT members", "HR advisers"};
  std::string out;
  for (std::size_t k = 0; k < roles.size(); ++k) {
    if (k > 0) out += k + 1 == roles.size() ? " and " : ", ";
    out += plural[idx(roles[k])];
  }
  return out;
}

}  // namespace

std::string goal_text(const Goal& g) {
  std::string roles;
  for (std::size_t k = 0; k < g.roles.size(); ++k) {
    if (k > 0) roles += k + 1 == g.roles.size() ? " and " : ", ";
    static const char* plural[] = {"supervisors", "foremen", "managers", "MT members", "HR advisers"};
    roles += plural[idx(g.roles[k])];
  }
  if (!std::isfinite(g.share)) return fmt::format("n/a of {} applying by week {}", roles, g.week);
  return fmt::format("{:.0f}% of {} applying by week {}", g.share * 100, roles, g.week);
}

std::string goal_group_label(const Scenario& s) {
  return "goal group (" + roles_plural(s.goal.roles) + "), week " + std::to_string(s.goal.week);
}

std::vector<std::string> unique_programme_names(const std::vector<std::string>& names, const std::vector<std::string>& sources,
                                                std::vector<std::string>* warnings) {
  std::vector<std::string> out = names;
  auto count = [&](const std::string& n) { return std::count(names.begin(), names.end(), n); };
  for (std::size_t p = 0; p < names.size(); ++p) {
    if (count(names[p]) < 2) continue;
    std::size_t nth = 0;  // how many earlier programmes share this name
    for (std::size_t q = 0; q < p; ++q) nth += names[q] == names[p];
    out[p] = names[p] + " #" + std::to_string(nth + 1);
    if (nth == 0 && warnings)
      warnings->push_back(std::to_string(count(names[p])) + " programmes are named '" + names[p] + "'" +
                          (p < sources.size() ? " (first: " + sources[p] + ")" : "") + "; they are labelled '" + names[p] +
                          " #1', '#2', ... in the tables and files: give each scenario its own `name`");
  }
  // A relabel that collides with another file's own name: number everything.
  for (std::size_t p = 0; p < out.size(); ++p)
    for (std::size_t q = p + 1; q < out.size(); ++q)
      if (out[p] == out[q]) out[q] += " (" + std::to_string(q + 1) + ")";
  return out;
}

std::vector<MetricDef> comparison_metrics(const Scenario& s, std::vector<int> milestones) {
  std::vector<MetricDef> m;
  std::vector<int> weeks;
  for (int w : milestones)
    if (w <= s.weeks) weeks.push_back(w);
  if (std::find(weeks.begin(), weeks.end(), s.weeks) == weeks.end()) weeks.push_back(s.weeks);
  // The goal's own population first: the goal line and P(goal) refer to it.
  if (s.goal.week <= s.weeks)
    m.push_back({"goal_group_deadline", goal_group_label(s), MetricKind::share});
  for (int w : weeks) m.push_back({"applying_week_" + std::to_string(w), "users applying, week " + std::to_string(w), MetricKind::share});
  m.push_back({"goal_probability", "P(goal by week " + std::to_string(s.goal.week) + ")", MetricKind::probability});
  m.push_back({"goal_week", "week goal reached", MetricKind::week});
  m.push_back({"total_cost", "total cost", MetricKind::money});
  m.push_back({"cost_per_adopter", "cost per adopter", MetricKind::money});
  for (int k = 0; k < kCostKinds; ++k) {
    std::string kind(kCostKindNames[static_cast<std::size_t>(k)]);
    std::string label = kind;
    std::replace(label.begin(), label.end(), '_', ' ');
    m.push_back({"cost_" + kind, "  cost: " + label, MetricKind::money});
  }
  if (s.budget > 0) m.push_back({"over_budget", "P(over budget)", MetricKind::probability});
  m.push_back({"peak_resistance", "peak resistance", MetricKind::score});
  for (int l = 0; l < 4; ++l)
    m.push_back({"kirkpatrick_" + std::string(kKirkpatrickNames[static_cast<std::size_t>(l)]), kirkpatrick_label(l), MetricKind::score});
  return m;
}

std::vector<std::vector<double>> metric_values(const std::vector<MetricDef>& metrics, const Scenario& s, const std::vector<RunResult>& runs) {
  std::vector<std::vector<double>> values(metrics.size(), std::vector<double>(runs.size(), kNaN));
  for (std::size_t k = 0; k < metrics.size(); ++k) {
    const std::string& name = metrics[k].name;
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const RunResult& run = runs[r];
      double& v = values[k][r];
      if (name == "goal_group_deadline") {
        const auto week = static_cast<std::size_t>(s.goal.week);
        if (week < run.goal_share.size()) v = run.goal_share[week];
      } else if (name.rfind("applying_week_", 0) == 0) {
        const auto week = static_cast<std::size_t>(std::stoi(name.substr(14)));
        if (week < run.applying.size()) v = run.applying[week];
      } else if (name == "goal_probability") {
        v = reached_by_deadline(run, s) ? 1.0 : 0.0;
      } else if (name == "goal_week") {
        v = run.goal_week >= 0 ? run.goal_week : kNaN;
      } else if (name == "total_cost") {
        v = run.total_cost;
      } else if (name == "cost_per_adopter") {
        v = std::isfinite(run.cost_per_adopter) ? run.cost_per_adopter : kNaN;
      } else if (name.rfind("cost_", 0) == 0) {
        const auto kind = from_name<CostKind>(kCostKindNames, name.substr(5));
        if (!kind) throw std::logic_error("unknown cost metric " + name);
        v = 0;
        for (int row = 0; row < kCostRows; ++row) v += run.cost_matrix[static_cast<std::size_t>(row * kCostKinds + idx(*kind))];
      } else if (name == "over_budget") {
        v = s.budget > 0 && budget_cost(run, s.budget_covers) > s.budget ? 1.0 : 0.0;
      } else if (name == "peak_resistance") {
        v = run.peak_resistance;
      } else if (name.rfind("kirkpatrick_", 0) == 0) {
        const auto level = std::find(kKirkpatrickNames.begin(), kKirkpatrickNames.end(), name.substr(12)) - kKirkpatrickNames.begin();
        v = run.kirkpatrick[static_cast<std::size_t>(run.weeks) * 4 + static_cast<std::size_t>(level)];
      } else {
        throw std::logic_error("unknown metric " + name);
      }
    }
  }
  return values;
}

int Comparison::metric(const std::string& name) const {
  for (std::size_t k = 0; k < metrics.size(); ++k)
    if (metrics[k].name == name) return static_cast<int>(k);
  return -1;
}

Comparison compare_programmes(const Scenario& frame, const std::vector<std::vector<RunResult>>& runs) {
  return compare_programmes(frame, runs, comparison_metrics(frame));
}

Comparison compare_programmes(const Scenario& frame, const std::vector<std::vector<RunResult>>& runs, std::vector<MetricDef> metrics) {
  Comparison c;
  c.metrics = std::move(metrics);
  for (const auto& programme : runs) {
    if (programme.size() != runs.front().size()) throw std::invalid_argument("the programmes were run on different numbers of replicates");
    for (std::size_t r = 0; r < programme.size(); ++r)
      if (programme[r].replicate != runs.front()[r].replicate || programme[r].seed != runs.front()[r].seed)
        throw std::invalid_argument("the programmes were not run on the same replicates: no common random numbers");
    c.values.push_back(metric_values(c.metrics, frame, programme));
  }
  for (std::size_t p = 0; p < runs.size(); ++p) {
    std::vector<MetricSummary> row;
    for (std::size_t k = 0; k < c.metrics.size(); ++k) {
      const auto& mine = c.values[p][k];
      const auto& first = c.values[0][k];
      MetricSummary m;
      m.has_difference = p > 0;
      if (c.metrics[k].kind == MetricKind::probability) {
        std::vector<bool> a(first.begin(), first.end()), b(mine.begin(), mine.end());
        const PairedCounts counts = paired_counts(a, b);
        const Proportion own = wilson(counts.both + counts.only_b, counts.n());
        m.value = Interval{own.estimate, own.low, own.estimate, own.high, own.n};
        if (m.has_difference) {
          const Difference d = paired_difference(counts);
          m.difference = Interval{d.estimate, d.low, d.estimate, d.high, counts.n()};
        }
      } else {
        m.value = interval_of(mine);
        if (m.has_difference) m.difference = paired_spread(first, mine);
      }
      row.push_back(m);
    }
    c.summary.push_back(std::move(row));
  }
  return c;
}

std::vector<std::string> align_for_comparison(std::vector<Scenario>& programmes, const std::vector<std::string>& sources) {
  std::vector<std::string> notes;
  if (programmes.empty()) return notes;
  const Scenario& first = programmes.front();
  const Structure base = build_structure(first);
  auto name = [&](std::size_t p) { return p < sources.size() ? sources[p] : programmes[p].name; };
  for (std::size_t p = 1; p < programmes.size(); ++p) {
    Scenario& s = programmes[p];
    if (s.weeks != first.weeks)
      throw std::invalid_argument(name(p) + " runs " + std::to_string(s.weeks) + " weeks, " + name(0) + " " + std::to_string(first.weeks) +
                                  ": programmes are compared over one horizon (use the same `weeks`)");
    if (s.goal.roles != first.goal.roles || s.goal.share != first.goal.share || s.goal.week != first.goal.week)
      notes.push_back(name(p) + ": its goal is replaced by the first programme's, so that all answer the same question");
    if (s.budget != first.budget) notes.push_back(name(p) + ": its budget is replaced by the first programme's");
    s.goal = first.goal;
    if (s.budget_covers != first.budget_covers) notes.push_back(name(p) + ": what its budget covers is replaced by the first programme's");
    s.budget = first.budget;
    s.budget_covers = first.budget_covers;
    s.currency = first.currency;

    const Structure st = build_structure(s);
    if (st.people != base.people || st.team_names != base.team_names || st.role != base.role || st.manager_of != base.manager_of ||
        st.fixed_category != base.fixed_category)
      notes.push_back(name(p) + ": the organisation differs from the first programme's; differences are not only the programmes'");
    const auto& n1 = first.organisation.network;
    const auto& n2 = s.organisation.network;
    if (n1.kind != n2.kind || n1.within_team_tie_probability != n2.within_team_tie_probability || n1.cross_team_ties != n2.cross_team_ties ||
        n1.degree != n2.degree || n1.rewire != n2.rewire || s.kind != first.kind)
      notes.push_back(name(p) + ": the network or model kind differs from the first programme's; differences are not only the programmes'");
    std::vector<std::string> params;
    for (const auto& row : kParamTable)
      if (s.parameters[row.id] != first.parameters[row.id]) params.emplace_back(row.name);
    if (!params.empty()) {
      std::string list;
      for (std::size_t k = 0; k < params.size() && k < 4; ++k) list += (k ? ", " : "") + params[k];
      if (params.size() > 4) list += ", ...";
      notes.push_back(name(p) + ": " + std::to_string(params.size()) + " model parameter(s) differ (" + list + "); differences are not only the programmes'");
    }
    if (s.costs.hourly_wage != first.costs.hourly_wage) notes.push_back(name(p) + ": its hourly wages differ from the first programme's");
  }
  return notes;
}

}  // namespace adoptsim
