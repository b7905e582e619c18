#include "plausibility.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "costs.hpp"

namespace adoptsim {

std::vector<PlausibilityWarning> plausibility_warnings(const Scenario& s, const RunResult& run) {
  std::vector<PlausibilityWarning> out;
  const std::size_t n = s.programme.size();
  std::vector<double> cost(n, 0), attendees(n, 0);
  std::vector<std::vector<int>> empty_weeks(n);
  std::vector<int> most_groups(n, 0);
  for (const Occurrence& o : run.occurrences) {
    const auto i = static_cast<std::size_t>(o.intervention);
    if (i >= n) continue;
    cost[i] += o.cost;
    attendees[i] += o.attendees;
    if (o.attendees == 0) empty_weeks[i].push_back(o.week);
    most_groups[i] = std::max(most_groups[i], o.groups);
  }
  auto key = [](std::size_t i) { return fmt::format("intervention[{}]", i); };

  // Cost per attendee far above the others'.
  std::vector<double> per_person(n, -1);
  for (std::size_t i = 0; i < n; ++i)
    if (attendees[i] > 0) per_person[i] = cost[i] / attendees[i];
  for (std::size_t i = 0; i < n; ++i) {
    if (per_person[i] <= 0) continue;
    std::vector<double> others;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i && per_person[j] > 0) others.push_back(per_person[j]);
    if (others.size() < 2) continue;
    std::nth_element(others.begin(), others.begin() + static_cast<long>(others.size() / 2), others.end());
    const double median = others[others.size() / 2];
    if (per_person[i] > kCostPerPersonFactor * median)
      out.push_back({key(i), fmt::format("'{}' costs {:.0f} {} per attendee, {:.0f} times the median of the other interventions ({:.0f}); "
                                         "check its fees, hours and group size",
                                         s.programme[i].name, per_person[i], s.currency, per_person[i] / median, median)});
  }
  // Weeks in which an intervention reaches nobody.
  for (std::size_t i = 0; i < n; ++i) {
    if (empty_weeks[i].empty()) continue;
    std::string weeks;
    for (std::size_t k = 0; k < empty_weeks[i].size() && k < 6; ++k) weeks += (k ? ", " : "") + std::to_string(empty_weeks[i][k]);
    if (empty_weeks[i].size() > 6) weeks += ", ...";
    out.push_back({key(i), fmt::format("'{}' reaches nobody in {} of its weeks (weeks {}): its target (status, roles, new hires) is empty then",
                                       s.programme[i].name, empty_weeks[i].size(), weeks)});
  }
  // A plenary type cut into many groups (paying venue and trainer per group).
  for (std::size_t i = 0; i < n; ++i)
    if (is_plenary(s.programme[i].type) && most_groups[i] >= kPlenaryGroups)
      out.push_back({key(i) + ".group_size", fmt::format("'{}' is a plenary type ({}), for everyone at once, but group_size {} splits it into {} groups, each "
                                                         "paying the venue and trainer; set group_size to the audience",
                                                         s.programme[i].name, kInterventionTypeNames[idx(s.programme[i].type)],
                                                         s.programme[i].group_size, most_groups[i])});
  // A budget the programme exceeds many times over.
  if (s.budget > 0) {
    const double c = budget_cost(run, s.budget_covers);
    if (c > kBudgetFactor * s.budget)
      out.push_back({"budget.amount", fmt::format("the programme costs about {:.0f} {} ({}), {:.1f} times the budget of {:.0f}: is the budget "
                                                  "in the right unit, or meant to cover {}?",
                                                  c, s.currency, s.budget_covers == BudgetCovers::all ? "staff time included" : "out of pocket",
                                                  c / s.budget, s.budget, s.budget_covers == BudgetCovers::all ? "out-of-pocket costs only (covers = \"out_of_pocket\")" : "more")});
  }
  return out;
}

}  // namespace adoptsim
