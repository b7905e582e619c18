// Support that responds to what the programme observes (docs/ODD.md "Phases, pilots and
// responsive rules"). A rule looks, at a check week or on a cadence, at what a monitoring or
// evaluation moment would show -- the share applying in a team or group, mean resistance, the
// evaluation's reaction score, the skill of the trained, weeks since the last session -- and,
// when it crosses a threshold, starts a phase or the interventions that name it, after a delay
// and at most a given number of times. Seed 000, phase 5: "Don't start something new when it
// disappoints at first" -- act on what the monitoring shows.
//
// Rules read only the state left by last week (the outputs of week w-1 at the start of week w),
// read serially in person order: results stay bit-identical on any number of threads.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adoptsim {

enum class Observable : std::uint8_t { applying_share, mean_resistance, reaction, trained_skill, weeks_since_session };
inline constexpr int kObservables = 5;
inline constexpr std::array<std::string_view, kObservables> kObservableNames{
    "applying_share", "mean_resistance", "reaction", "trained_skill", "weeks_since_session"};

// team: each observed team on its own (fires per team, targets that team);
// group: the observed teams together (or the whole organisation when none are named).
enum class RuleScope : std::uint8_t { team, group };
inline constexpr std::array<std::string_view, 2> kRuleScopeNames{"team", "group"};

enum class RuleComparison : std::uint8_t { above, below };  // fires when value >= / <= threshold
inline constexpr std::array<std::string_view, 2> kComparisonNames{"above", "below"};

struct ProgrammeRule {
  std::string name;
  Observable observe = Observable::applying_share;
  RuleScope scope = RuleScope::group;
  std::vector<int> teams;        // observed teams; empty = all
  RuleComparison when = RuleComparison::above;
  double threshold = 0.5;
  std::vector<int> check_weeks;  // the monitoring moments (expanded from a list or a cadence)
  int delay = 0;                 // weeks from the check to the action (week 1 of what it starts)
  int max_firings = 1;           // per team (scope team) or in all (scope group); 0 = no limit
  bool operator==(const ProgrammeRule&) const = default;
};

// One firing, recorded in the results: at check week `week`, rule `rule` fired for `teams`
// (scope group: the observed teams, empty = the whole organisation).
struct RuleFiring {
  int week = 0;
  int rule = 0;
  std::vector<int> teams;
  double value = 0;  // what the rule observed
  bool operator==(const RuleFiring&) const = default;
};

// Reads `value >= threshold` (above) or `value <= threshold` (below); NaN never fires.
inline bool rule_holds(const ProgrammeRule& r, double value) {
  if (!(value == value)) return false;
  return r.when == RuleComparison::above ? value >= r.threshold : value <= r.threshold;
}

}  // namespace adoptsim
