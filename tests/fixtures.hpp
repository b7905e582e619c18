// Scenarios for tests: the shipped ones, and small organisations built in code.
#pragma once
#include <string>

#include "scenario.hpp"
#include "scenario_loader.hpp"

namespace adoptsim::test {

inline std::string source_path(const std::string& relative) { return std::string(ADOPTSIM_SOURCE_DIR) + "/" + relative; }

inline Scenario shipped(const std::string& name) { return load_scenario(source_path("scenarios/" + name)).scenario; }

// `teams` teams of one manager, `supervisors` supervisors and `foremen` foremen; no programme.
inline Scenario small_organisation(int teams = 4, int supervisors = 10, int foremen = 3, int weeks = 52) {
  Scenario s;
  s.name = "test";
  s.weeks = weeks;
  TeamSpec t;
  t.name = "Team";
  t.count = teams;
  t.supervisors = supervisors;
  t.foremen = foremen;
  s.organisation.teams = {t};
  s.organisation.mt = 2;
  s.organisation.hr = 1;
  return s;
}

inline Intervention session(InterventionType type, std::vector<int> weeks, std::string name = "") {
  Intervention iv;
  iv.type = type;
  iv.name = name.empty() ? std::string(kInterventionTypeNames[static_cast<std::size_t>(idx(type))]) : name;
  iv.weeks = std::move(weeks);
  return iv;
}

}  // namespace adoptsim::test
