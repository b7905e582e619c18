// A scenario as plain data: the organisation, the programme of interventions, the goal, the
// costs and the parameters. The engine reads it; io/ fills it from a TOML file.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "domain.hpp"
#include "parameters.hpp"
#include "phases.hpp"
#include "preconditions.hpp"
#include "programme_rules.hpp"

namespace adoptsim {

struct Posterior;

// One team (department), or `count` identical ones. Its manager(s) come first, then supervisors,
// then foremen. `fixed[c]` people of category c are given to the supervisors first, then the
// foremen, then the managers; everyone else's category is drawn.
struct TeamSpec {
  std::string name;
  int count = 1;
  int managers = 1;
  int supervisors = 10;
  int foremen = 4;
  std::array<int, kCategories> fixed{};  // fixed category counts, 0 = none fixed
};

enum class NetworkKind : std::uint8_t { organisation, complete, small_world, external };
inline constexpr std::array<std::string_view, 4> kNetworkKindNames{"organisation", "complete", "small_world", "external"};

// Where an external network comes from (scenario format: [network] kind = "external"). The
// engine never reads it; io/ uses it to fill ExternalNetwork and to write the scenario back.
struct ExternalSource {
  std::string nodes, edges;                  // CSV paths as written in the scenario
  std::string id, group, source, target;     // column names; empty = the usual names (see io/)
  std::vector<std::pair<std::string, std::string>> edge_filter;  // keep edge rows whose column has this text
  bool drop_unknown = false;                 // ties naming people not in the node list: drop (true) or refuse (false)
  std::vector<std::string> groups;           // keep only the people of these groups (empty: everyone)
};

// People and ties given from data (issue: real networks): one group per person and an edge list
// of person indices. Filled by io/; the engine never reads files.
struct ExternalNetwork {
  ExternalSource source;
  std::vector<std::string> group_names;  // team names, in team order
  std::vector<int> group_of;             // team index per person
  std::vector<std::string> person_ids;   // the data's id per person (for reports)
  std::vector<std::pair<int, int>> edges;  // undirected, person indices, no self loops or duplicates
  // What loading did with the edge list (for reports): rows read, left out by the filter,
  // naming unknown people (dropped), self loops, repeats of a tie already kept, and (with
  // source.groups) ties to people of the groups left out and the people left out.
  int edge_rows = 0, filtered = 0, unknown_dropped = 0, self_loops = 0, repeated = 0, outside_groups = 0, people_left_out = 0;
};

struct NetworkSpec {
  NetworkKind kind = NetworkKind::organisation;
  double within_team_tie_probability = 0.5;  // organisation: chance that two team members are tied
  double cross_team_ties = 1.5;              // organisation: mean ties per person to other teams
  int degree = 10;                           // small_world: ring-lattice degree (even)
  double rewire = 0.1;                       // small_world: Watts-Strogatz rewiring probability
};

// People from a staff list (issue 12: a real organisation from a roster): one row per person
// with a name, team, role, optional manager and optional category. Filled by io/ (format in
// scenarios/README.md); people sorted team by team, each team's managers first, the staff group
// of MT and HR (a team whose members are all MT or HR) last.
struct Roster {
  std::string path;                      // the CSV as written in the scenario; empty = no roster
  std::vector<std::string> team_names;   // in team order
  std::vector<std::string> names;        // per person: the roster's name (or id)
  std::vector<int> team_of;              // per person
  std::vector<Role> role;                // per person
  std::vector<int> manager_of;           // per person: the person they report to, -1 for none
  std::vector<std::int8_t> category;     // per person: -1 drawn, else the category
  int central_team = -1;                 // the staff group, if the roster has one
  bool empty() const { return path.empty(); }
};

struct Organisation {
  Roster roster;              // when given, the organisation is its people (no teams, mt, hr)
  std::vector<TeamSpec> teams;
  int mt = 6;                 // MT members and directors, in a central staff group
  int hr = 4;                 // HR advisers, in the central staff group
  int hr_teams_served = 3;    // each HR adviser serves this many teams (tied to their managers)
  NetworkSpec network;
  ExternalNetwork external;   // used when network.kind == external
};

// Who is targeted by an intervention. Empty lists mean "any".
struct Target {
  std::vector<Role> roles;
  std::vector<int> teams;     // team indices
  std::vector<Category> categories;
  TargetStatus status = TargetStatus::all;
};

struct Intervention {
  // An entry of `type` with that type's defaults (sim/intervention_types.hpp).
  static Intervention of_type(InterventionType type);
  std::string name;
  InterventionType type = InterventionType::communication;
  std::vector<int> weeks;     // the weeks it takes place (expanded from a list or a recurrence)
  Target target;
  bool mandatory = true;
  int group_size = 12;        // cap per group (one trainer session per group)
  int capacity = 0;           // at most this many attendees per occurrence, 0 = no cap
  double hours = 2.0;         // per attendee
  double challenge = -1;      // < 0: the type's default
  double trainer_quality = 0.7;
  bool feedback_acted_on = true;  // evaluation: is the feedback visibly acted on?
  GroupRule grouping = GroupRule::random;
  std::vector<std::vector<int>> groups;  // explicit groups by person id (optional)
  // costs
  double trainer_fee = 0;     // per group session
  double actor_fee = 0;       // per group session
  double venue = 0;           // per group session
  double materials = 0;       // per attendee
  // Phases and rules (docs/ODD.md "Phases, pilots and responsive rules"): in a phase, `weeks`
  // count from the phase's start (1 = its first week) and the target is narrowed to the phase's
  // teams; with `on_rule`, `weeks` count from the rule's action week and the target is narrowed
  // to the teams it fired for. -1 = none: weeks are calendar weeks.
  int phase = -1;             // index in Scenario::phases
  int on_rule = -1;           // index in Scenario::rules
};

inline Intervention Intervention::of_type(InterventionType t) {
  const InterventionTypeInfo& d = type_info(t);
  Intervention iv;
  iv.type = t;
  iv.group_size = d.group_size;
  iv.hours = d.hours;
  iv.trainer_fee = d.trainer_fee;
  iv.actor_fee = d.actor_fee;
  iv.venue = d.venue;
  iv.materials = d.materials;
  return iv;
}

// A SMART implementation goal: `share` of the goal group applies the method by `week`.
struct Goal {
  std::vector<Role> roles{Role::supervisor};
  double share = 0.8;
  int week = 52;  // files without a goal week get min(52, horizon)
};

struct CostSettings {
  std::array<double, kRoles> hourly_wage{35, 32, 50, 70, 50};  // per role, per hour away from production
  double project_leader_hours_per_week = 6;
  double project_leader_rate = 75;
  int project_leader_from = 1, project_leader_until = -1;  // weeks; -1 = to the horizon
  double evaluation_share = 0.10;  // evaluation costs as a share of intervention costs (guide: ~10 %)
};

enum class ModelKind : std::uint8_t { full, bass };

// Which costs the budget has to cover: everything (the attendees' staff time included) or only
// the out-of-pocket spending (trainers, actors, venues, materials, the project leader, evaluation).
enum class BudgetCovers : std::uint8_t { all, out_of_pocket };
inline constexpr std::array<std::string_view, 2> kBudgetCoversNames{"all", "out_of_pocket"};

struct Scenario {
  std::string name = "unnamed";
  std::string description;
  ModelKind kind = ModelKind::full;
  int weeks = 104;
  std::uint64_t seed = 1;
  int replicates = 100;
  Organisation organisation;
  std::vector<Intervention> programme;
  std::vector<Phase> phases;
  std::vector<ProgrammeRule> rules;
  Conditions conditions;      // preconditions and barriers, mapped onto `parameters` by the model
  Goal goal;
  double budget = 0;          // 0 = no budget set
  BudgetCovers budget_covers = BudgetCovers::all;
  std::string currency = "EUR";
  CostSettings costs;
  Parameters parameters;
  int bass_agents = 1000;     // kind == bass without teams: population size (any network kind)
  // Optional: a calibration's posterior; each replicate then draws its parameters from it
  // (sim/posterior.hpp). Shared, read-only: copies of the scenario share one posterior.
  std::shared_ptr<const Posterior> posterior;
  // The scenario file this one builds on (`base = "..."`, as a path from the current directory),
  // for the scenario writer, which then writes only the differences. Not used by the model.
  std::string base_file;
};

}  // namespace adoptsim
