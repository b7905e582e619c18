// Phases of a programme and their pilots (docs/ODD.md "Phases, pilots and responsive rules").
// Seed 000 lays an implementation out in phases and moves "from experimental use (pilot
// project) to structural, organisation-wide use" (phase 5). A phase groups interventions whose
// weeks count from the phase's start; it can target a subset of teams (the pilot) and can start
// at a week, when a rule fires, or whichever comes first.
#pragma once
#include <string>
#include <vector>

namespace adoptsim {

struct Phase {
  std::string name;
  std::vector<int> teams;  // the pilot: team indices; empty = the whole organisation
  int start = 1;           // start week; with start_rule >= 0 the latest start, -1 = only the rule
  int start_rule = -1;     // index in Scenario::rules: the phase starts when it first fires (+ delay)
  bool operator==(const Phase&) const = default;
};

}  // namespace adoptsim
