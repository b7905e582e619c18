// The programme of interventions: when each takes place, and what one occurrence does:
// select the targeted, decide who attends, form groups, apply the effects, book the costs.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "agents.hpp"
#include "organisation.hpp"
#include "result.hpp"
#include "scenario.hpp"
#include "targeting.hpp"

namespace adoptsim {

// Interventions per week, in programme order.
struct Schedule {
  std::vector<std::vector<int>> by_week;  // weeks + 1 entries
  const std::vector<int>& at(int week) const { return by_week[static_cast<std::size_t>(week)]; }
};
Schedule build_schedule(const Scenario& s);

struct ReactionTally {
  double sum = 0;
  int count = 0;
};

struct ProgrammeContext {
  const Scenario& scenario;
  const Structure& structure;
  const Parameters& params;
  Agents& agents;
  const std::vector<float>& team_workload;
  int week;
  std::uint64_t seed;
  int replicate;
  bool keep_attendee_ids;
  std::vector<std::uint8_t>& scratch;  // people-sized, all zero on entry and on exit
  double users_applying;                // share of the method's users applying last week (what sharing results can show)
};

// Runs one occurrence of intervention `k` this week, in its phases: targeting and attendance
// (sim/targeting.hpp), groups (sim/grouping.hpp), the session and its effects (sim/session.hpp),
// costs (sim/occurrence_costs.hpp). Adds its costs to `cost_matrix` and its reaction scores to
// `reactions`.
Occurrence run_occurrence(const ProgrammeContext& ctx, int k, std::array<double, kCostRows * kCostKinds>& cost_matrix,
                          ReactionTally& reactions);

}  // namespace adoptsim
