// Writing the programme's rules, phases, preconditions and barriers back as TOML (the inverse of
// io/programme_reading.hpp), for the scenario writer.
#pragma once
#include <string>

#include "organisation.hpp"
#include "scenario.hpp"

namespace adoptsim {

// [[rule]], [[phase]], [preconditions] and [barriers] tables; empty when the scenario has none.
std::string programme_structure_toml(const Scenario& s, const Structure& st);
// The `phase = ...` / `on_rule = ...` lines of one intervention; empty when it has neither.
std::string intervention_links_toml(const Scenario& s, const Intervention& iv);

}  // namespace adoptsim
