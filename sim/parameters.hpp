// Model parameters: a flat, named vector of doubles generated from parameters.def, so that
// scenarios, calibration and sensitivity analysis all address a parameter by the same name.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "domain.hpp"
#include "param_ids.hpp"

namespace adoptsim {


struct ParamInfo {
  Param id;
  std::string_view name;
  std::string_view unit;
  double min, max, default_value;
  std::string_view meaning;
};

inline constexpr std::array<ParamInfo, kParams> kParamTable{{
#define P(id, name, unit, lo, hi, def, meaning) {Param::id, name, unit, lo, hi, def, meaning},
#include "parameters.def"
}};

std::optional<Param> find_param(std::string_view name);
const ParamInfo& info(Param p);

// The values of all parameters; starts at the defaults of the table.
struct Parameters {
  std::array<double, kParams> value;
  Parameters();
  double operator[](Param p) const { return value[static_cast<int>(p)]; }
  double& operator[](Param p) { return value[static_cast<int>(p)]; }
  // The k-th of five consecutive per-category rows starting at `first` (the innovator row).
  double per_category(Param first, Category c) const { return value[static_cast<int>(first) + idx(c)]; }
};

// Per-intervention-type rows of the table (the PT block).
enum class TypeField : int { learning_rate, challenge, awareness, acceptance, practice };
inline constexpr int kTypeFields = 5;
inline double type_param(const Parameters& p, InterventionType t, TypeField f) {
  return p.value[static_cast<int>(Param::communication_learning_rate) + kTypeFields * idx(t) + static_cast<int>(f)];
}

}  // namespace adoptsim
