// A real organisation from a staff list (issue 12): one CSV row per person with a name (or id),
// team, role, optional manager and an optional Rogers category or a survey score it is derived
// from. Format and defaults in scenarios/README.md ("Organisation from a roster").
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "scenario.hpp"
#include "scenario_loader.hpp"

namespace adoptsim {

// The columns read, by the first of these names in the header (case as written).
inline constexpr std::array<std::string_view, 2> kRosterNameColumns{"name", "id"};
inline constexpr std::array<std::string_view, 3> kRosterTeamColumns{"team", "department", "group"};
inline constexpr std::array<std::string_view, 1> kRosterRoleColumns{"role"};
inline constexpr std::array<std::string_view, 2> kRosterManagerColumns{"manager", "reports_to"};
inline constexpr std::array<std::string_view, 1> kRosterCategoryColumns{"category"};
inline constexpr std::array<std::string_view, 2> kRosterScoreColumns{"score", "innovativeness"};

// Reads the roster at `path` (relative to the current directory). People are sorted team by team
// (teams in order of first appearance, the staff group of MT and HR last), each team's managers
// first, otherwise in file order. An empty manager cell means the first manager of the person's
// team for supervisors and foremen, the first MT member for HR advisers, no one otherwise.
// A survey score gives the category by Rogers' cut of innovativeness at the mean and one and two
// standard deviations above and one below it (Rogers 2003, Diffusion of Innovations, ch. 7); a
// category cell wins over a score. Every problem is added to `problems` as file:line:column.
Roster load_roster(const std::string& path, std::vector<Diagnostic>& problems);

// Rogers' categories from innovativeness scores (higher = earlier), by mean and standard deviation.
std::vector<Category> categories_from_scores(const std::vector<double>& scores);

}  // namespace adoptsim
