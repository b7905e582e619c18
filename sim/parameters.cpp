#include "parameters.hpp"

namespace adoptsim {

// The PT block must lay the types out in the order of the enum, five rows each, named after the
// type (sim/intervention_types.hpp): "<type>.learning_rate", ".challenge", ".awareness",
// ".acceptance", ".practice".
constexpr bool type_rows_in_enum_order() {
  constexpr std::array<std::string_view, kTypeFields> fields{"learning_rate", "challenge", "awareness", "acceptance", "practice"};
  const int base = static_cast<int>(Param::communication_learning_rate);
  for (int t = 0; t < kInterventionTypes; ++t)
    for (int f = 0; f < kTypeFields; ++f) {
      const int row = base + kTypeFields * t + f;
      if (row >= kParams) return false;
      const std::string_view name = kParamTable[static_cast<std::size_t>(row)].name, type = kInterventionTypeNames[static_cast<std::size_t>(t)];
      const std::string_view field = fields[static_cast<std::size_t>(f)];
      if (name.size() != type.size() + 1 + field.size() || !name.starts_with(type) || name[type.size()] != '.' || !name.ends_with(field))
        return false;
    }
  return true;
}
static_assert(type_rows_in_enum_order(), "parameters.def: one PT row per intervention type, in the order of the enum");
static_assert(static_cast<int>(Param::readiness_laggard) == static_cast<int>(Param::readiness_innovator) + 4);

Parameters::Parameters() {
  for (const auto& row : kParamTable) value[static_cast<int>(row.id)] = row.default_value;
}

std::optional<Param> find_param(std::string_view name) {
  for (const auto& row : kParamTable)
    if (row.name == name) return row.id;
  return std::nullopt;
}

const ParamInfo& info(Param p) { return kParamTable[static_cast<int>(p)]; }

}  // namespace adoptsim
