#include "result.hpp"

namespace adoptsim {

void RunResult::allocate(int weeks_, int people_, int teams_) {
  weeks = weeks_;
  people = people_;
  teams = teams_;
  const auto rows = static_cast<std::size_t>(weeks) + 1;
  applying.assign(rows, 0.f);
  goal_share.assign(rows, 0.f);
  stage_counts.assign(rows * kStages, 0);
  stage_category_role.assign(rows * kCategories * kRoles * kStages, 0);
  applying_by_category.assign(rows * kCategories, 0.f);
  stage_by_team.assign(rows * static_cast<std::size_t>(teams) * kStages, 0);
  needs_mean.assign(rows * kNeeds, 0.f);
  needs_by_category.assign(rows * kCategories * kNeeds, 0.f);
  skill_mean.assign(rows, 0.f);
  resistance_mean.assign(rows, 0.f);
  workload.assign(rows, 0.f);
  cost_cumulative.assign(rows, 0.0);
  cost_by_type_cumulative.assign(rows * kCostRows, 0.0);
  kirkpatrick.assign(rows * 4, 0.f);
  attendance.assign(rows * kInterventionTypes, 0);
  leavers_cumulative.assign(rows, 0);
}

}  // namespace adoptsim
