// The outputs of a week (docs/ODD.md §1.3 step 6, §7 of the ODD's output list): per-block
// partial sums, reduced in block order so sums do not depend on threads, then written as row
// `week` of the result, with the Kirkpatrick levels.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "domain.hpp"

namespace adoptsim {

struct WeekTally {
  std::array<std::int32_t, kCategories * kRoles * kStages> counts{};  // [category][role][stage]
  std::array<double, kCategories * kNeeds> needs{};                   // users: [category][need]
  double skill = 0, resistance = 0;                                   // users
  double resistance_all = 0;                                          // everyone
  double trained_skill = 0;                                           // users who are trained
  std::int32_t trained = 0;
  double skilled_application = 0;                                     // users: applying * skill
  std::int32_t leavers = 0;
  std::uint32_t first_team = 0;
  std::vector<std::int32_t> team_stages;                              // [team - first_team][stage]
  void clear();
  void add(Category cat, Role role, Stage stage, std::uint32_t team, float resistance, const float* needs, float skill, bool trained);
  void add_stage(Category cat, Role role, Stage stage, std::uint32_t team);  // Bass: counts only
  void add_to(WeekTally& sum) const;                                          // sum has every team
};

inline int count_index(Category c, Role r, Stage s) { return (idx(c) * kRoles + idx(r)) * kStages + idx(s); }

inline void WeekTally::add_stage(Category cat, Role role, Stage stage, std::uint32_t team) {
  ++counts[static_cast<std::size_t>(count_index(cat, role, stage))];
  ++team_stages[(team - first_team) * kStages + static_cast<std::uint32_t>(idx(stage))];
}

// One person's contribution to the week's outputs.
inline void WeekTally::add(Category cat, Role role, Stage stage, std::uint32_t team, float resistance_now, const float* needs_now, float skill_now,
                           bool is_trained) {
  add_stage(cat, role, stage, team);
  resistance_all += resistance_now;
  if (!is_method_user(role)) return;
  for (int k = 0; k < kNeeds; ++k) needs[static_cast<std::size_t>(idx(cat) * kNeeds + k)] += needs_now[k];
  skill += skill_now;
  resistance += resistance_now;
  if (is_trained) {
    trained_skill += skill_now;
    ++trained;
  }
  if (is_applying(stage)) skilled_application += skill_now;
}

}  // namespace adoptsim
