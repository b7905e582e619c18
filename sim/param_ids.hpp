// The names of the model's parameters as an enum, generated from the parameter table
// (sim/parameters.def). On its own so that the intervention catalogue (sim/intervention_types.hpp)
// can name the parameters of a type's effects; the table itself is sim/parameters.hpp.
#pragma once

namespace adoptsim {

enum class Param : int {
#define P(id, name, unit, lo, hi, def, meaning) id,
#include "parameters.def"
  count_
};
inline constexpr int kParams = static_cast<int>(Param::count_);

}  // namespace adoptsim
