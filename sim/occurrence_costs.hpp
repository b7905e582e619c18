// Costs of one occurrence (docs/ODD.md §3.3.11): fees per group session (a message is produced
// once), materials per attendee, staff time, and evaluation as a share of the direct costs.
#pragma once
#include <array>

#include "result.hpp"
#include "scenario.hpp"

namespace adoptsim {

using CostMatrix = std::array<double, kCostRows * kCostKinds>;

inline void book(CostMatrix& m, int row, CostKind kind, double amount) { m[static_cast<std::size_t>(row * kCostKinds + idx(kind))] += amount; }

// Books the occurrence's costs in its type's row; sets occ.groups to the fee-paying sessions and occ.cost.
inline void book_costs(const Intervention& iv, const CostSettings& costs, bool message, int group_count, double staff_cost, CostMatrix& m,
                       Occurrence& occ) {
  const int row = idx(iv.type);
  const double per_group = message ? (occ.attendees == 0 ? 0.0 : 1.0) : static_cast<double>(group_count);
  occ.groups = static_cast<int>(per_group);
  const double direct = per_group * (iv.trainer_fee + iv.actor_fee + iv.venue) + occ.attendees * iv.materials + staff_cost;
  book(m, row, type_info(iv.type).fee_as, per_group * iv.trainer_fee);  // a project leader's hours: project_leader
  book(m, row, CostKind::actor, per_group * iv.actor_fee);
  book(m, row, CostKind::venue, per_group * iv.venue);
  book(m, row, CostKind::materials, occ.attendees * iv.materials);
  book(m, row, CostKind::staff_time, staff_cost);
  book(m, row, CostKind::evaluation, costs.evaluation_share * direct);
  occ.cost = direct * (1.0 + costs.evaluation_share);
}

}  // namespace adoptsim
