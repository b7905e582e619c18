// The kinds of cost (docs/ODD.md §3.3.11), as in result files: the columns of the cost matrix.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace adoptsim {

enum class CostKind : std::uint8_t { trainer, actor, venue, materials, staff_time, project_leader, evaluation };
inline constexpr int kCostKinds = 7;
inline constexpr std::array<std::string_view, kCostKinds> kCostKindNames{
    "trainer", "actor", "venue", "materials", "staff_time", "project_leader", "evaluation"};

}  // namespace adoptsim
