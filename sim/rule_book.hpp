// The programme's calendar with phases and rules, as a run unfolds (docs/ODD.md "Phases, pilots
// and responsive rules"). At the start of each week, before anything moves, the rule book looks
// at the state the previous week left -- never at the current week -- fires the rules whose
// check is due and whose condition holds, starts phases, and says which extra occurrences fall
// in this week and for which teams.
#pragma once
#include <map>
#include <vector>

#include "agents.hpp"
#include "organisation.hpp"
#include "result.hpp"
#include "preconditions.hpp"
#include "scenario.hpp"

namespace adoptsim {

// The scenario with phases resolved onto the calendar: interventions of phases with a fixed start
// get calendar weeks (beyond the horizon dropped) and a target narrowed to the phase's teams;
// interventions of rule-started phases and rule-triggered ones get no weeks (the rule book adds
// their occurrences as the run goes). A scenario without phases or rules comes back unchanged.
Scenario calendar_programme(const Scenario& s);

// What the model runs: calendar_programme(s) with the preconditions and barriers applied to
// the parameters (sim/preconditions.hpp). Without phases, rules and conditions: `s` itself.
Scenario scenario_for_run(const Scenario& s);

// `own` narrowed to `teams` (empty `own` = any team): the teams an occurrence may reach.
std::vector<int> narrow_teams(const std::vector<int>& own, const std::vector<int>& teams);

// One extra occurrence this week: intervention `intervention`, for `teams` (all = its own target).
struct DueOccurrence {
  int intervention = 0;
  bool all = true;
  std::vector<int> teams;  // sorted, when !all
};

// What a rule observes for one team or a set of teams, from last week's state.
struct TeamObservation {
  int users = 0, applying = 0, trained = 0;
  double resistance = 0, trained_skill = 0;
  int last_session = 0;  // week of the last session reaching the team, 0 = none yet
};
double observe(Observable what, const std::vector<TeamObservation>& teams, const std::vector<int>& which, int week, double reaction);

class RuleBook {
 public:
  RuleBook() = default;
  // `s` is the scenario as written (phase-relative and rule-relative weeks).
  explicit RuleBook(const Scenario& s);
  bool active() const { return !rules_.empty() || !phases_pending_.empty(); }

  // Start of week `week`: the state in `a` is the one left by week - 1, `last` holds rows up to
  // week - 1. Fires due rules (appended to `last_firings`), starts phases (`phase_start`).
  void begin_week(int week, const Structure& st, const Agents& a, const RunResult& last, std::vector<RuleFiring>& firings,
                  std::vector<int>& phase_start);
  // Per phase: its start week when fixed, -1 when a rule starts it (filled in as it starts).
  std::vector<int> initial_phase_starts() const;
  // The occurrences the firings and started phases put in `week`, in intervention order.
  std::vector<DueOccurrence> due(int week) const;
  // A session (not a message or an evaluation) reached `teams` (empty = every team) in `week`.
  void note_session(int week, const std::vector<int>& teams);
  void size_for(int teams);  // per-team state, sized on first use

 private:
  void schedule(int intervention, int first_week, bool all, const std::vector<int>& teams);
  void start_phase(int phase, int week, std::vector<int>& phase_start);

  int weeks_ = 0;
  std::vector<Intervention> programme_;  // as written: relative weeks
  std::vector<Phase> phases_;
  std::vector<ProgrammeRule> rules_;
  std::vector<TeamObservation> obs_;
  std::vector<int> last_session_;                 // per team
  std::vector<std::vector<int>> fired_;           // per rule: firings per team (team scope) or [0] (group)
  std::vector<int> phase_pending_;                // per phase: week it will start, -1 none pending
  std::vector<int> phases_pending_;               // phases that start by a rule or not yet
  std::vector<bool> phase_started_;
  std::map<int, std::map<int, DueOccurrence>> due_;  // week -> intervention -> teams
};

}  // namespace adoptsim
