// The space the optimiser searches: a grid of values for each programme knob (sim/knobs.hpp).
// The default grid is documented in docs/decisions.md; any knob's values can be replaced, and a
// knob given one value is fixed.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "knobs.hpp"
#include "scenario.hpp"

namespace adoptsim {

struct KnobGrid {
  std::array<std::vector<int>, kKnobTable.size()> values;  // in kKnobTable order; empty = the scenario's value
  std::size_t combinations() const;
};

// training_sessions {4,6,8,10}, training_spacing {3,5,7}, intervision_every {0,4,8,12},
// intervision_group_size {6,8,12}, actor_sessions {0,2,4}, coaching_capacity {0,2,4},
// refresher_every {0,13,26}, masterclasses_first {1,0}, mandatory {1,0}; the rule thresholds
// are left as the scenario has them unless given (`--knob rule_threshold_1=40,60,80`).
KnobGrid default_grid();

// Replaces one knob's values. Throws std::invalid_argument for an unknown knob, no values, a
// value outside the knob's range (kKnobTable) or a value given twice.
void set_grid_values(KnobGrid& grid, const std::string& knob, const std::vector<int>& values);

// The distinct programmes of the grid applied to `base`, in a fixed order (the first knob varies
// slowest). Knob combinations that give the same programme (a group size when there is no
// intervision) are listed once, with the first combination that gives it.
std::vector<ProgrammeKnobs> distinct_programmes(const KnobGrid& grid, const Scenario& base);

}  // namespace adoptsim
