// Preconditions (seed 001's ten, seed 000's time / staffing / budget) and barrier ratings per
// level (seed 004's context analysis) as scenario inputs, mapped onto model parameters through
// ONE table, kConditionTable below (docs/ODD.md "Preconditions and barriers"). The defaults --
// every precondition secured, no barrier rated -- change no parameter.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parameters.hpp"

namespace adoptsim {

// The preconditions a scenario can state. Each is secured (1, default), partly (0.5) or missing (0).
enum class Precondition : std::uint8_t {
  vision, support, competences, timing, coaching, time_for_practice, staffing, budget, management_support
};
inline constexpr int kPreconditions = 9;
inline constexpr std::array<std::string_view, kPreconditions> kPreconditionNames{
    "vision", "support", "competences", "timing", "coaching", "time_for_practice", "staffing", "budget", "management_support"};
inline constexpr std::array<std::string_view, 3> kPreconditionStateNames{"missing", "partly", "secured"};
inline constexpr std::array<double, 3> kPreconditionStateLevels{0.0, 0.5, 1.0};

// Seed 004: barriers occur at the level of the user, the target group ("profijtgroep"), the
// organisation, the intervention and the social context; each rated 1-3, changeable or not.
enum class BarrierLevel : std::uint8_t { user, target_group, organisation, intervention, context };
inline constexpr int kBarrierLevels = 5;
inline constexpr std::array<std::string_view, kBarrierLevels> kBarrierLevelNames{
    "user", "target_group", "organisation", "intervention", "context"};

struct Barrier {
  int rating = 0;          // 0 = not rated (no barrier), 1 a little, 2 fairly, 3 very hindering
  bool changeable = true;  // 004: "the most influential changeable barriers are the focus of the plan"
  bool operator==(const Barrier&) const = default;
};

struct Conditions {
  std::array<int, kPreconditions> state;  // index into kPreconditionStateNames; 2 = secured
  std::array<Barrier, kBarrierLevels> barrier{};
  Conditions() { state.fill(2); }
  bool operator==(const Conditions&) const = default;
  bool is_default() const { return *this == Conditions{}; }
};

// One row of the mapping: the input, the first parameter it moves and how many consecutive rows
// (5 for a per-category parameter), and the slope: the parameter is multiplied by
// (1 + slope * gap), gap = 1 - level for a precondition (missing = 1, partly = 0.5) and
// rating / 3 for a barrier. Results are clamped to the parameter's range.
enum class ConditionKind : std::uint8_t { precondition, barrier };
struct ConditionRow {
  ConditionKind kind;
  int input;          // Precondition or BarrierLevel
  Param param;
  int rows;           // 1, or 5 for a per-category parameter
  double slope;
  std::string_view why;  // the source, short
};

inline constexpr std::array<ConditionRow, 15> kConditionTable{{
    // 001 #1 "a clear vision and strong motivation": without it fewer people become aware.
    {ConditionKind::precondition, int(Precondition::vision), Param::awareness_base, 1, -0.5, "001 #1 vision"},
    // 001 #2 "clients, staff and management want to go along": support for the change.
    {ConditionKind::precondition, int(Precondition::support), Param::readiness_innovator, 5, -0.3, "001 #2 draagvlak"},
    // 001 #3 "sufficiently equipped by their education ... training and coaching".
    {ConditionKind::precondition, int(Precondition::competences), Param::skill_initial_max, 1, -0.5, "001 #3 competences"},
    // 001 #4 "there is energy in the organisation; implementation comes at a good moment".
    {ConditionKind::precondition, int(Precondition::timing), Param::readiness_innovator, 5, -0.2, "001 #4 timing"},
    // 001 #6 "regular coaching and/or supervision": without it skill erodes faster.
    {ConditionKind::precondition, int(Precondition::coaching), Param::skill_decay, 1, 0.5, "001 #6 coaching"},
    // 001 #8 "(extra) time for the implementation"; 004: "insufficient time" rated 3: acceptance -> change brakes.
    {ConditionKind::precondition, int(Precondition::time_for_practice), Param::apply_rate, 1, -0.5, "001 #8 time; 004 time barrier"},
    {ConditionKind::precondition, int(Precondition::time_for_practice), Param::workload_brake, 1, 0.5, "001 #8 time; 004 time barrier"},
    // 000 phase 2: preconditions "such as staffing, budget, lead time": people cannot be spared.
    {ConditionKind::precondition, int(Precondition::staffing), Param::absence_base, 1, 1.0, "000 phase 2 staffing"},
    // 001 #10 "the financial consequences can be borne"; 000: "the umpteenth innovation, are we really going on?"
    {ConditionKind::precondition, int(Precondition::budget), Param::relapse_base, 1, 0.5, "001 #10 budget; 000 phase 5"},
    // 004 organisation barrier "management does not favour professionals spending time on it".
    {ConditionKind::precondition, int(Precondition::management_support), Param::manager_mitigation, 1, -0.5, "004 management"},
    // 004 barriers per level, rated 1-3.
    {ConditionKind::barrier, int(BarrierLevel::user), Param::readiness_innovator, 5, -0.3, "004 user: lacks skills, doubts it works"},
    {ConditionKind::barrier, int(BarrierLevel::target_group), Param::relapse_base, 1, 0.3, "004 target group: not open, extra load"},
    {ConditionKind::barrier, int(BarrierLevel::organisation), Param::manager_mitigation, 1, -0.3, "004 organisation: management, not open to renewal"},
    {ConditionKind::barrier, int(BarrierLevel::intervention), Param::skill_apply_threshold, 1, 0.15, "004 intervention: complicated, not in line"},
    {ConditionKind::barrier, int(BarrierLevel::context), Param::awareness_base, 1, -0.3, "004 context: rules, policy makers"},
}};

// What the mapping did to one parameter: for `validate` and the ODD.
struct ConditionEffect {
  const ConditionRow* row;
  std::string input;       // e.g. "preconditions.time_for_practice = missing"
  Param param;             // the (first) parameter moved
  double before, after;    // of that first parameter
};

// The parameters after applying the conditions (the defaults return `p` unchanged, bit for bit).
Parameters apply_conditions(const Parameters& p, const Conditions& c, std::vector<ConditionEffect>* effects = nullptr);

}  // namespace adoptsim
