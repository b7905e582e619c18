// What a trainer demands of the groups of a session (issue 12): people kept apart or together,
// at most k of one team in a group, someone known to be an early adopter or a manager in every
// group, no one with their own manager, a fixed number of groups or a range of sizes. The group
// search (group_search.hpp) honours them: every start is repaired until it breaks none, and a
// swap that would break one is refused (and, when it scored higher, counted against the
// constraint: that constraint binds). See docs/decisions.md, "Trainers' constraints".
#pragma once
#include <array>
#include <string>
#include <vector>

#include "organisation.hpp"

namespace adoptsim {

using Composition = std::vector<std::vector<int>>;  // groups of person ids

// "Anna de Vries, Bram Jansen" or "3,17": people by name (a roster) or by id, at least two; throws
// std::invalid_argument naming `what` (the option or field) and the item not found.
std::vector<int> people_named(const std::string& list, const Structure& st, const std::string& what);

enum class ConstraintKind : int { apart, together, max_per_team, early_adopter_each, manager_each, no_own_manager };
inline constexpr int kConstraintKinds = 6;
inline constexpr std::array<const char*, kConstraintKinds> kConstraintNames{
    "kept apart", "kept together", "at most k per team", "an early adopter in every group", "a manager in every group", "no one with their own manager"};

struct GroupConstraints {
  std::vector<std::vector<int>> apart;     // no two of a list in one group
  std::vector<std::vector<int>> together;  // all of a list in one group
  int max_per_team = 0;                    // at most this many of one team in a group; 0 = no limit
  bool early_adopter_each = false;         // someone known (roster or fixed composition) as innovator or early adopter in every group
  bool manager_each = false;               // a manager in every group
  bool no_own_manager = false;             // no one in a group with the person they report to
  int groups = 0;                          // this many groups; 0 = as many as the size needs
  int min_size = 0, max_size = 0;          // group sizes in [min, max]; 0 = balanced sizes of at most the size

  bool any() const {
    return !apart.empty() || !together.empty() || max_per_team > 0 || early_adopter_each || manager_each || no_own_manager;
  }
  bool sizes_vary() const { return min_size > 0 || max_size > 0; }
};

// Violations per kind: pairs kept apart sitting together, extra groups a together-list spans,
// people over a team's limit, groups without an early adopter or a manager, people with their
// own manager in the group.
using Violations = std::array<int, kConstraintKinds>;
Violations violations(const Composition& c, const GroupConstraints& k, const Structure& st);
inline int total(const Violations& v) {
  int n = 0;
  for (int x : v) n += x;
  return n;
}

// Known for sure as an innovator or early adopter (a category fixed by roster or composition).
bool known_early(const Structure& st, int person);

// The number of groups for n people: fixed, or from the size range, or ceil(n / size).
// Throws std::invalid_argument when the count and the size range cannot both hold.
int group_count(int n, int size, const GroupConstraints& k);

// Changes `c` by swaps (and moves, when sizes may vary within the range) until it breaks no
// constraint, greedily; returns what is left broken (all zero on success).
Violations repair(Composition& c, const GroupConstraints& k, const Structure& st);

// Why a constraint cannot be met at all, before any search (empty when it may be).
std::string impossible(const std::vector<int>& people, int groups, const GroupConstraints& k, const Structure& st);

// One line per constraint set, for reports.
std::vector<std::string> describe(const GroupConstraints& k, const Structure& st);

}  // namespace adoptsim
