// What the phases and rules did over the replicates, as text for `run` and `compare`:
// when each phase started, how often each rule fired, when first, and for which teams.
#pragma once
#include <string>
#include <vector>

#include "organisation.hpp"
#include "result.hpp"
#include "scenario.hpp"

namespace adoptsim::cli {

// Empty when the scenario has no phases and no rules.
std::string programme_rules_report(const Scenario& s, const Structure& st, const std::vector<RunResult>& runs);

}  // namespace adoptsim::cli
