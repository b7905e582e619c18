#include "parameters.hpp"

namespace adoptsim {

// The PT block must lay the types out in the order of the enum, five rows each.
static_assert(static_cast<int>(Param::onboarding_practice) ==
              static_cast<int>(Param::communication_learning_rate) + kTypeFields * kInterventionTypes - 1);
static_assert(static_cast<int>(Param::refresher_challenge) ==
              static_cast<int>(Param::communication_learning_rate) + kTypeFields * idx(InterventionType::refresher) + 1);
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
