// The output of `adoptsim groups`: what is known for sure, how the proposal was found, its
// predicted gain over a random composition, and each proposed group explained.
#pragma once
#include <string>

#include "group_search.hpp"
#include "organisation.hpp"
#include "scenario.hpp"

namespace adoptsim::cli {

struct GroupsReport {
  const Scenario* scenario = nullptr;
  int intervention = 0;
  const GroupSearchSettings* settings = nullptr;
  const GroupProposal* proposal = nullptr;
  const Structure* structure = nullptr;
  std::string version;
  double seconds = 0;
};

std::string groups_report(const GroupsReport& r);

// One group explained: teams, roles, teammates per member, who sits with their own manager and
// the categories fixed by the scenario (the only ones known for sure).
std::string explain_group(const std::vector<int>& group, const Structure& st);

// The groups as the scenario key: groups = [[1, 2, 3], [4, 5]], or by name from a roster.
std::string groups_toml(const Composition& groups, const Structure* by_name = nullptr);

}  // namespace adoptsim::cli
