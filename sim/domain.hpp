// The vocabulary of the model: roles, Rogers categories, implementation stages, the four basic
// needs, the intervention catalogue and the kinds of cost. Names are the ones used in scenario
// files and result files.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "cost_kinds.hpp"
#include "intervention_types.hpp"

namespace adoptsim {

enum class Role : std::uint8_t { supervisor, foreman, manager, mt, hr };
inline constexpr int kRoles = 5;
inline constexpr std::array<std::string_view, kRoles> kRoleNames{
    "supervisor", "foreman", "manager", "mt", "hr"};

// The method's users: the people whose application of the method is the implementation goal.
inline constexpr bool is_method_user(Role r) { return r == Role::supervisor || r == Role::foreman; }

enum class Category : std::uint8_t { innovator, early_adopter, early_majority, late_majority, laggard };
inline constexpr int kCategories = 5;
inline constexpr std::array<std::string_view, kCategories> kCategoryNames{
    "innovator", "early_adopter", "early_majority", "late_majority", "laggard"};

// Wensing & Grol's implementation stages (seed 004). Applying = change or maintenance.
enum class Stage : std::uint8_t { orientation, insight, acceptance, change, maintenance };
inline constexpr int kStages = 5;
inline constexpr std::array<std::string_view, kStages> kStageNames{
    "orientation", "insight", "acceptance", "change", "maintenance"};
inline constexpr bool is_applying(Stage s) { return s >= Stage::change; }

enum class Need : std::uint8_t { autonomy, inclusion, affection, competence };
inline constexpr int kNeeds = 4;
inline constexpr std::array<std::string_view, kNeeds> kNeedNames{
    "autonomy", "inclusion", "affection", "competence"};

// The intervention catalogue (docs/ODD.md §3.3.5): the enum, its names and every fact about a
// type live in sim/intervention_types.hpp, one row per type.

// The kinds of cost: sim/cost_kinds.hpp (the catalogue's rows name the kind a fee is booked as).

// How the attendees of a session are split into groups (MODEL.md §6-7, issue: group composition).
enum class GroupRule : std::uint8_t { random, by_team, across_teams, mixed_categories, same_category, mixed_roles };
inline constexpr int kGroupRules = 6;
inline constexpr std::array<std::string_view, kGroupRules> kGroupRuleNames{
    "random", "by_team", "across_teams", "mixed_categories", "same_category", "mixed_roles"};

// Which members of the target get a session.
enum class TargetStatus : std::uint8_t { all, trained, untrained, enrolled, new_hires, applying, not_applying };
inline constexpr int kTargetStatuses = 7;
inline constexpr std::array<std::string_view, kTargetStatuses> kTargetStatusNames{
    "all", "trained", "untrained", "enrolled", "new_hires", "applying", "not_applying"};

inline constexpr std::array<std::string_view, 4> kKirkpatrickNames{
    "L1_reaction", "L2_learning", "L3_behaviour", "L4_results"};

// Looks a name up in one of the tables above.
template <class E, std::size_t N>
constexpr std::optional<E> from_name(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

template <class E>
constexpr int idx(E e) { return static_cast<int>(e); }

}  // namespace adoptsim
