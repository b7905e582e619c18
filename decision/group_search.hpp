// Composing the groups of a session that works in groups (training, intervision, actor sessions):
// a composition that maximises predicted learning, and with it adoption, found by local search
// over swaps, every candidate scored by simulation on common random numbers; and its gain over a
// random composition, in learning and in adoption, measured on fresh replicates.
//
// The search scores learning: the skill gained in the intervention's sessions per method user.
// Composition acts on it directly (familiarity, a manager in the room, size), and on common random
// numbers a swap's effect on it stands out of the noise. Adoption at the goal's deadline follows
// learning in the model; one swap moves it less than the chance transitions of a few people, so
// it is measured on the result rather than used to steer the search.
//
// What a trainer can place for sure are people by position: their role, team and manager never
// change. Categories are drawn per replicate (except fixed team compositions) and attendance
// varies per occurrence, so a proposal lists everyone of the intervention's roles and teams, and
// absent people leave holes in their groups. The number of groups is fixed, ceil(people / size),
// with balanced sizes; a swap keeps the sizes, so every candidate costs the same sessions.
#pragma once
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "parallel.hpp"
#include "group_constraints.hpp"
#include "organisation.hpp"
#include "result.hpp"
#include "scenario.hpp"
#include "summary.hpp"

namespace adoptsim {


struct GroupSearchSettings {
  int size = 8;                // people listed per group at most
  int search_replicates = 16;  // replicates 0 .. n-1 score the candidates
  int report_replicates = 64;  // the next replicates measure the gain (fresh: not used in the search)
  int evaluations = 200;       // candidates of the local search scored by simulation
  bool rule_starts = true;     // also start from compositions by rule (teams together, ...), not only a random one
  int threads = 1;
  std::uint64_t seed = 1;
  GroupConstraints constraints;  // what the trainer demands (group_constraints.hpp); none by default
  BatchMap map;                  // shares each scoring's replicates out (e.g. over MPI ranks); empty: this process
};

// What one replicate says about a composition.
struct GroupScore {
  double learning = 0;        // the search's objective: skill gained in its sessions / method users
  double adoption = 0;        // share of the goal group applying at the goal week
  double per_attendance = 0;  // mean skill gain per attendance (what a trainer sees in a session)
  double cost = 0;            // total cost of the run
  double attendees_per_group = 0;  // mean attendees per group session of the intervention
};
GroupScore group_score(const RunResult& r, const Scenario& s, int intervention);

// Everyone the intervention's target can reach (TargetFilter::could_reach: roles, teams, a
// roster's fixed categories), by person id.
std::vector<int> placeable_people(const Scenario& s, int intervention, const Structure& st);

// Starting compositions built from what is known for sure; `rng_seed` makes the random one.
// `groups` > 0 sets the number of groups (balanced sizes), else ceil(people / size).
Composition random_composition(const std::vector<int>& people, int size, std::uint64_t rng_seed, int groups = 0);
Composition teams_together(const std::vector<int>& people, int size, const Structure& st, int groups = 0);     // consecutive by team
// Teams together, then every manager swapped out of a group with their own reports.
Composition teams_together_managers_apart(const std::vector<int>& people, int size, const Structure& st, int groups = 0);
Composition teams_mixed(const std::vector<int>& people, int size, const Structure& st, int groups = 0);        // dealt by team
Composition roles_mixed(const std::vector<int>& people, int size, const Structure& st, int groups = 0);        // dealt by role

struct Progress {
  std::atomic<std::int64_t> done{0}, planned{0};
};

struct PairedGain {
  Interval difference;        // proposal minus the other, per replicate: mean and 5/50/95 %
  double mean_se = 0;         // standard error of the mean difference
  int better = 0, worse = 0, replicates = 0;  // replicates in which the proposal scored higher, lower
};

struct GroupProposal {
  Composition groups;
  std::string started_from;    // the starting composition the search improved
  std::vector<std::pair<std::string, double>> starts;  // each start's mean learning on the search replicates
  double search_score = 0;     // the proposal's mean learning on the search replicates
  int evaluations = 0, accepted = 0;
  std::int64_t simulations = 0;
  // On the fresh replicates:
  std::vector<GroupScore> proposal, random, start, own;  // per replicate: proposal, random compositions, its start, the scenario as given
  PairedGain versus_random_learning, versus_random_adoption, versus_random_per_attendance;
  PairedGain versus_start_learning;  // what the local search added to its start
  PairedGain versus_own_learning, versus_own_adoption, versus_own_cost;
  // Trainers' constraints: what the proposal breaks (all zero: it honours them), and per kind
  // the swaps refused because they broke it although they scored higher on the search
  // replicates, with the largest learning given up: a constraint with refusals binds.
  Violations broken{};
  std::array<int, kConstraintKinds> refused_better{};
  std::array<double, kConstraintKinds> forgone{};
};

// Throws std::invalid_argument if the intervention does not work in groups or targets no one.
GroupProposal propose_groups(const Scenario& s, int intervention, const GroupSearchSettings& settings, Progress* progress = nullptr);

// The scenario with the composition listed on the intervention (`groups`), as a trainer would.
Scenario with_groups(const Scenario& s, int intervention, const Composition& groups);

// Whether sessions of this type have groups whose composition matters (not plenary, not a message).
bool works_in_groups(InterventionType t);

}  // namespace adoptsim
