// What one replicate produces: weekly series (index 0 = the state before the first week) and the
// final per-person records. Plain arrays, row-major, so writers can hand them to HDF5 as they are.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "domain.hpp"
#include "programme_rules.hpp"

namespace adoptsim {

// Rows of the cost matrix: one per intervention type, plus the programme's fixed costs.
inline constexpr int kCostRows = kInterventionTypes + 1;
inline constexpr int kProgrammeCostRow = kInterventionTypes;

// One occurrence of an intervention: what happened that week.
struct Occurrence {
  int week = 0;
  int intervention = 0;  // index in the scenario's programme
  InterventionType type{};
  int targeted = 0, attendees = 0, groups = 0;
  double cost = 0;
  float mean_safety = 0, mean_gain = 0, mean_reaction = 0, mean_stress = 0;
  std::vector<std::uint32_t> attendee_ids;  // kept only when the model is asked to
};

struct RunResult {
  int weeks = 0, people = 0, teams = 0, users = 0;
  std::uint64_t seed = 0;
  int replicate = 0;

  // Weekly series, (weeks + 1) rows.
  std::vector<float> applying;              // share of the method's users applying (L3)
  std::vector<float> goal_share;            // share of the goal group applying
  std::vector<std::int32_t> stage_counts;   // [week][stage], method's users
  std::vector<std::int32_t> stage_category_role;  // [week][category][role][stage], everyone
  std::vector<float> applying_by_category;  // [week][category], share of users of the category
  std::vector<std::int32_t> stage_by_team;  // [week][team][stage], all team members
  std::vector<float> needs_mean;            // [week][need], users
  std::vector<float> needs_by_category;     // [week][category][need], users
  std::vector<float> skill_mean;            // users
  std::vector<float> resistance_mean;       // users
  std::vector<float> workload;              // the organisation's workload
  std::vector<double> cost_cumulative;
  std::vector<double> cost_by_type_cumulative;  // [week][cost row]
  std::vector<float> kirkpatrick;           // [week][level]: L1 reaction, L2 learning, L3 behaviour, L4 results
  std::vector<std::int32_t> attendance;     // [week][intervention type]: attendees that week
  std::vector<std::int32_t> leavers_cumulative;

  // Totals.
  std::array<double, kCostRows * kCostKinds> cost_matrix{};  // [cost row][cost kind], whole run
  std::vector<Occurrence> occurrences;
  std::vector<RuleFiring> firings;   // every firing of a programme rule, in week and rule order
  std::vector<int> phase_start;      // per phase: the week it started, -1 = never
  int goal_week = -1;          // first week the goal share was reached, -1 never
  double total_cost = 0;
  int applying_final = 0;      // users applying at the end
  double cost_per_adopter = 0; // total cost / users applying at the end (inf when none)
  float peak_resistance = 0;   // highest weekly mean resistance of the users

  // Per person, at the end of the run (the occupant of each position).
  std::vector<std::int8_t> category, role, stage;
  std::vector<std::int32_t> team;
  std::vector<std::int16_t> adoption_week, relapses, sessions;
  std::vector<float> skill;

  void allocate(int weeks_, int people_, int teams_);
};

}  // namespace adoptsim
