// The organisation's fixed structure: positions (role, team, manager) laid out team by team.
// It follows from the scenario alone, without random numbers, so person ids are stable across
// replicates and programmes (explicit groups refer to them).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "domain.hpp"
#include "scenario.hpp"

namespace adoptsim {

struct Structure {
  int people = 0;
  std::vector<std::string> team_names;
  std::vector<std::uint32_t> team_first;   // team t holds people [team_first[t], team_first[t+1])
  std::vector<std::uint32_t> team_of;      // per person
  std::vector<Role> role;                  // per person
  std::vector<std::int32_t> manager_of;    // per person: the person they report to, -1 for none
  std::vector<std::int8_t> fixed_category; // per person: -1 drawn, else the category
  std::vector<std::string> names;          // per person: from a roster or the data's ids; empty when generated
  int central_team = -1;                   // the MT & HR staff group, if any
  int users = 0;                           // supervisors and foremen

  int teams() const { return static_cast<int>(team_names.size()); }
  int team_size(int t) const { return static_cast<int>(team_first[t + 1] - team_first[t]); }
  // How reports name a person: the roster's name, else "#id".
  std::string name(int i) const { return names.empty() ? "#" + std::to_string(i) : names[static_cast<std::size_t>(i)]; }
};

Structure build_structure(const Scenario& s);

}  // namespace adoptsim
