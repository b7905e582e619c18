// Reading the programme's phases, rules, preconditions and barriers (scenario format:
// [[phase]], [[rule]], [preconditions], [barriers]; see scenarios/README.md). Internal to
// io/: the scenario loader calls these; names (teams, phases, rules) resolve once the
// organisation's structure is known.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "organisation.hpp"
#include "scenario.hpp"
#include "toml_reader.hpp"

namespace adoptsim::toml_reading {

using NameAt = std::pair<std::string, Position>;

// Names read from the file, resolved later.
struct ProgrammeRefs {
  std::vector<std::vector<NameAt>> phase_teams, rule_teams;  // per phase / rule
  std::vector<NameAt> phase_start_rule;                      // per phase ("" = none)
  std::vector<NameAt> intervention_phase, intervention_rule; // per intervention ("" = none)
};

// [[phase]], [[rule]], [preconditions], [barriers].
void read_programme_structure(Reader& r, const toml::table& root, Scenario& s, ProgrammeRefs& refs);
// The `phase` and `on_rule` keys of one intervention.
void read_intervention_links(Reader& r, const toml::table& t, const std::string& path, ProgrammeRefs& refs);
// Names to indices; unknown names are errors with a "did you mean".
using TeamLookup = std::function<std::vector<int>(const std::string&)>;
void resolve_programme_names(Reader& r, const Structure& st, const TeamLookup& teams, Scenario& s, const ProgrammeRefs& refs);

// Semantic checks of phases, rules and their interventions (also for scenarios built in code).
void check_programme_structure(const Scenario& s, const Structure& st, const std::function<void(const std::string&, const std::string&)>& error);

// Whether an intervention's weeks count from a phase's start or a rule's firing (not the calendar).
bool relative_weeks(const Scenario& s, const Intervention& iv);

}  // namespace adoptsim::toml_reading
