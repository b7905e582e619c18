// The tables of `adoptsim optimise`: the space searched, the race stage by stage, the frontier,
// and the winner against the scenario's own programme.
#pragma once
#include <string>
#include <vector>

#include "comparison.hpp"
#include "costs.hpp"
#include "knob_space.hpp"
#include "optimiser.hpp"
#include "scenario.hpp"

namespace adoptsim::cli {

// "8 basic trainings 5 weeks apart, intervision every 8 weeks in groups of at most 8, ..."
std::string knobs_text(const ProgrammeKnobs& k);

struct OptimiseReport {
  const Scenario* base = nullptr;  // with the goal and budget of the command line
  const OptimiseSettings* settings = nullptr;
  const KnobGrid* grid = nullptr;
  const OptimiseResult* result = nullptr;
  std::size_t combinations = 0;
  std::string version, path;
  int people = 0, teams = 0;
  // The winner on fresh replicates, and against the scenario's own programme on the search's.
  Proportion confirmed;
  Interval confirmed_cost;
  BudgetCheck confirmed_budget, own_budget;  // the winner on the fresh replicates, the own programme on the search's
  const Comparison* versus_own = nullptr;  // programmes: own, winner
  const Candidate* best_within_budget = nullptr;  // when there is no winner
};

std::string optimise_report(const OptimiseReport& r);

}  // namespace adoptsim::cli
