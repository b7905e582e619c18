#include "result_shape.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <string_view>

namespace adoptsim {

namespace {

void expect_size(const RunResult& r, std::size_t index, std::string_view what, std::size_t actual, std::size_t expected) {
  if (actual != expected)
    throw std::runtime_error(fmt::format("replicate {} (run {}): {} has {} values, expected {}", index, r.replicate,
                                         what, actual, expected));
}

}  // namespace

void check_run_shape(const RunResult& r, std::size_t i, const RunResult& first) {
  const auto rows = static_cast<std::size_t>(first.weeks) + 1;
  const auto people = static_cast<std::size_t>(first.people);
  const auto teams = static_cast<std::size_t>(first.teams);
  if (r.weeks != first.weeks || r.people != first.people || r.teams != first.teams)
    throw std::runtime_error(fmt::format(
        "replicate {} (run {}) has {} weeks, {} people, {} teams; replicate 0 has {}, {}, {}: one file holds one shape",
        i, r.replicate, r.weeks, r.people, r.teams, first.weeks, first.people, first.teams));
  expect_size(r, i, "applying", r.applying.size(), rows);
  expect_size(r, i, "goal_share", r.goal_share.size(), rows);
  expect_size(r, i, "stage_counts", r.stage_counts.size(), rows * kStages);
  expect_size(r, i, "stage_category_role", r.stage_category_role.size(), rows * kCategories * kRoles * kStages);
  expect_size(r, i, "applying_by_category", r.applying_by_category.size(), rows * kCategories);
  expect_size(r, i, "stage_by_team", r.stage_by_team.size(), rows * teams * kStages);
  expect_size(r, i, "needs_mean", r.needs_mean.size(), rows * kNeeds);
  expect_size(r, i, "needs_by_category", r.needs_by_category.size(), rows * kCategories * kNeeds);
  expect_size(r, i, "skill_mean", r.skill_mean.size(), rows);
  expect_size(r, i, "resistance_mean", r.resistance_mean.size(), rows);
  expect_size(r, i, "workload", r.workload.size(), rows);
  expect_size(r, i, "cost_cumulative", r.cost_cumulative.size(), rows);
  expect_size(r, i, "cost_by_type_cumulative", r.cost_by_type_cumulative.size(), rows * kCostRows);
  expect_size(r, i, "kirkpatrick", r.kirkpatrick.size(), rows * kKirkpatrickNames.size());
  expect_size(r, i, "attendance", r.attendance.size(), rows * kInterventionTypes);
  expect_size(r, i, "leavers_cumulative", r.leavers_cumulative.size(), rows);
  expect_size(r, i, "category", r.category.size(), people);
  expect_size(r, i, "role", r.role.size(), people);
  expect_size(r, i, "stage", r.stage.size(), people);
  expect_size(r, i, "team", r.team.size(), people);
  expect_size(r, i, "adoption_week", r.adoption_week.size(), people);
  expect_size(r, i, "relapses", r.relapses.size(), people);
  expect_size(r, i, "sessions", r.sessions.size(), people);
  expect_size(r, i, "skill", r.skill.size(), people);
}

void check_ensemble_shape(const std::vector<RunResult>& runs) {
  if (runs.empty()) throw std::runtime_error("no replicates to write: the ensemble is empty");
  const RunResult& first = runs.front();
  if (first.weeks < 0 || first.people < 0 || first.teams < 0)
    throw std::runtime_error(fmt::format("replicate 0: negative size (weeks {}, people {}, teams {})", first.weeks,
                                         first.people, first.teams));
  for (std::size_t i = 0; i < runs.size(); ++i) check_run_shape(runs[i], i, first);
}

}  // namespace adoptsim
