// Proposing groups: compositions from what is known, the proposal against random composition in
// an organisation where composition matters, and the proposal written as a scenario.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "fixtures.hpp"
#include "group_search.hpp"
#include "scenario_loader.hpp"
#include "scenario_writer.hpp"

using namespace adoptsim;

namespace {

// Four teams of a manager, 8 supervisors and 3 foremen in compulsory intervision every other week;
// feeling safe among one's own team and unsafe with one's own manager in the room both count a lot.
Scenario composition_matters() {
  Scenario s = test::small_organisation(4, 8, 3, 30);
  s.goal.share = 0.3;
  s.goal.week = 25;
  s.parameters[Param::safety_familiarity] = 0.5;
  s.parameters[Param::safety_manager_presence] = 0.8;
  Intervention iv = test::session(InterventionType::intervision, {2, 4, 6, 8, 10, 12, 14, 16, 18, 20}, "intervision");
  iv.target.roles = {Role::supervisor, Role::foreman, Role::manager};
  iv.group_size = 6;
  iv.trainer_fee = 300;
  s.programme = {iv};
  return s;
}

int with_own_manager(const Composition& c, const Structure& st) {
  int n = 0;
  for (const auto& g : c)
    for (int i : g) n += std::count(g.begin(), g.end(), st.manager_of[static_cast<std::size_t>(i)]) > 0 ? 1 : 0;
  return n;
}

double teammates_per_member(const Composition& c, const Structure& st) {
  double mates = 0, people = 0;
  for (const auto& g : c)
    for (int i : g) {
      mates += static_cast<double>(std::count_if(g.begin(), g.end(), [&](int j) { return j != i && st.team_of[static_cast<std::size_t>(j)] == st.team_of[static_cast<std::size_t>(i)]; }));
      ++people;
    }
  return mates / people;
}

}  // namespace

TEST_CASE("compositions from what is known: every placeable person once, in balanced groups") {
  const Scenario s = composition_matters();
  const Structure st = build_structure(s);
  const std::vector<int> people = placeable_people(s, 0, st);
  CHECK(people.size() == 48);  // 4 x (1 + 8 + 3); MT and HR are not targeted
  for (const Composition& c : {random_composition(people, 6, 1), teams_together(people, 6, st), teams_together_managers_apart(people, 6, st),
                               teams_mixed(people, 6, st), roles_mixed(people, 6, st)}) {
    CHECK(c.size() == 8);
    std::multiset<int> seen;
    for (const auto& g : c) {
      CHECK(g.size() == 6);
      seen.insert(g.begin(), g.end());
    }
    CHECK(std::vector<int>(seen.begin(), seen.end()) == people);
  }
  CHECK(teammates_per_member(teams_together(people, 6, st), st) > 4.0);
  CHECK(teammates_per_member(teams_mixed(people, 6, st), st) < 1.0);
  CHECK(with_own_manager(teams_together(people, 6, st), st) > 0);
  CHECK(with_own_manager(teams_together_managers_apart(people, 6, st), st) == 0);
  CHECK(random_composition(people, 6, 1) != random_composition(people, 6, 2));
}

TEST_CASE("the group proposal beats random composition where composition matters") {
  const Scenario s = composition_matters();
  const Structure st = build_structure(s);
  GroupSearchSettings set;
  set.size = 6;
  set.search_replicates = 4;
  set.evaluations = 30;
  set.report_replicates = 24;
  set.threads = 2;
  set.seed = 11;
  const GroupProposal p = propose_groups(s, 0, set);
  REQUIRE(p.groups.size() == 8);
  // Significantly more learning than a random composition, in nearly every replicate.
  const PairedGain& g = p.versus_random_learning;
  CAPTURE(g.difference.mean);
  CAPTURE(g.mean_se);
  CHECK(g.difference.mean > 0);
  CHECK(g.difference.mean > 4 * g.mean_se);
  CHECK(g.better >= 22);
  CHECK(p.versus_random_per_attendance.difference.mean > 0);
  // Fresh replicates: the ones the search scored on are not used again.
  CHECK(g.replicates == 24);
  CHECK(p.evaluations == 30);
  CHECK(p.simulations == 5 * 4 + 30 * 4 + 4 * 24);
  // It sits teams together and keeps managers away from their own reports, as the learning rule
  // of this organisation rewards.
  CHECK(teammates_per_member(p.groups, st) > 3.5);
  CHECK(with_own_manager(p.groups, st) < with_own_manager(teams_together(placeable_people(s, 0, st), 6, st), st));
}

TEST_CASE("the local search over swaps improves a random start") {
  const Scenario s = composition_matters();
  const Structure st = build_structure(s);
  GroupSearchSettings set;
  set.size = 6;
  set.search_replicates = 4;
  set.evaluations = 60;
  set.report_replicates = 24;
  set.threads = 2;
  set.seed = 12;
  set.rule_starts = false;
  const GroupProposal p = propose_groups(s, 0, set);
  CHECK(p.started_from == "random");
  CHECK(p.accepted >= 5);
  CHECK(p.search_score > p.starts.front().second);
  // On fresh replicates, what the swaps added to the random start they began from.
  const PairedGain& g = p.versus_start_learning;
  CAPTURE(g.difference.mean);
  CAPTURE(g.mean_se);
  CHECK(g.difference.mean > 4 * g.mean_se);
  CHECK(teammates_per_member(p.groups, st) > teammates_per_member(random_composition(placeable_people(s, 0, st), 6, 12), st));
}

TEST_CASE("proposed groups are written in the scenario format and read back") {
  const Scenario s = composition_matters();
  const Structure st = build_structure(s);
  const Composition groups = teams_together_managers_apart(placeable_people(s, 0, st), 6, st);
  const Scenario with = with_groups(s, 0, groups);
  CHECK(check_scenario(with).empty());
  const Scenario back = parse_scenario(to_toml(with), "groups.toml");
  CHECK(back.programme[0].groups == groups);
}

TEST_CASE("group proposals are refused for sessions without groups") {
  Scenario s = composition_matters();
  s.programme[0].type = InterventionType::kick_off;
  CHECK_THROWS_AS(propose_groups(s, 0, GroupSearchSettings{}), std::invalid_argument);
}

TEST_CASE("a group proposal is the same on any number of threads") {
  const Scenario s = composition_matters();
  GroupSearchSettings set;
  set.size = 6;
  set.search_replicates = 3;
  set.evaluations = 15;
  set.report_replicates = 6;
  set.seed = 4;
  set.threads = 1;
  const GroupProposal one = propose_groups(s, 0, set);
  set.threads = 3;
  const GroupProposal three = propose_groups(s, 0, set);
  CHECK(one.groups == three.groups);
  CHECK(one.search_score == three.search_score);
  for (std::size_t r = 0; r < one.proposal.size(); ++r) {
    CHECK(one.proposal[r].learning == three.proposal[r].learning);
    CHECK(one.random[r].adoption == three.random[r].adoption);
  }
}

TEST_CASE("trainers' constraints: the proposal honours them and says which bind") {
  const Scenario s = composition_matters();  // rewards teams together, managers away from their reports
  const Structure st = build_structure(s);
  const std::vector<int> people = placeable_people(s, 0, st);
  GroupSearchSettings set;
  set.size = 6;
  set.search_replicates = 3;
  set.evaluations = 40;
  set.report_replicates = 6;
  set.threads = 2;
  set.seed = 21;
  GroupConstraints& k = set.constraints;
  k.max_per_team = 2;
  k.no_own_manager = true;
  k.apart = {{people[1], people[2], people[3]}};
  k.together = {{people[1], people[20]}, {people[30], people[40], people[47]}};
  const GroupProposal p = propose_groups(s, 0, set);
  CHECK(total(p.broken) == 0);
  CHECK(total(violations(p.groups, k, st)) == 0);
  // Checked on the output itself, not only by the library's own count.
  std::map<int, int> group_of;
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    std::map<std::uint32_t, int> teams;
    for (int i : p.groups[g]) {
      group_of[i] = static_cast<int>(g);
      CHECK(++teams[st.team_of[static_cast<std::size_t>(i)]] <= 2);
    }
    for (int i : p.groups[g]) CHECK(std::count(p.groups[g].begin(), p.groups[g].end(), st.manager_of[static_cast<std::size_t>(i)]) == 0);
  }
  CHECK(group_of.size() == people.size());
  CHECK(group_of[people[1]] != group_of[people[2]]);
  CHECK(group_of[people[2]] != group_of[people[3]]);
  CHECK(group_of[people[1]] == group_of[people[20]]);
  CHECK(group_of[people[30]] == group_of[people[40]]);
  CHECK(group_of[people[40]] == group_of[people[47]]);
  // Teams together pays here, so the team limit refuses swaps that scored higher: it binds.
  CHECK(p.refused_better[idx(ConstraintKind::max_per_team)] > 0);
  CHECK(p.forgone[idx(ConstraintKind::max_per_team)] > 0);
  // Without the constraints the same search keeps more teammates together.
  GroupSearchSettings free = set;
  free.constraints = {};
  CHECK(teammates_per_member(propose_groups(s, 0, free).groups, st) > teammates_per_member(p.groups, st));
}

TEST_CASE("group count and size range; constraints that cannot be met are refused with the reason") {
  const Scenario s = composition_matters();
  const Structure st = build_structure(s);
  GroupSearchSettings set;
  set.size = 6;
  set.search_replicates = 2;
  set.evaluations = 30;
  set.report_replicates = 4;
  set.seed = 5;
  set.constraints.groups = 5;
  set.constraints.min_size = 8;
  set.constraints.max_size = 12;
  const GroupProposal p = propose_groups(s, 0, set);
  CHECK(p.groups.size() == 5);
  for (const auto& g : p.groups) {
    CHECK(g.size() >= 8);
    CHECK(g.size() <= 12);
  }
  GroupSearchSettings bad = set;
  bad.constraints = {};
  bad.constraints.manager_each = true;  // 4 managers for 8 groups
  try {
    propose_groups(s, 0, bad);
    FAIL("expected a refusal");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()).find("4 managers among the session's people for 8 groups") != std::string::npos);
  }
  bad.constraints.manager_each = false;
  bad.constraints.groups = 3;
  bad.constraints.max_size = 10;
  CHECK_THROWS_WITH_AS(propose_groups(s, 0, bad), "3 groups of at most 10 cannot seat 48 people", std::invalid_argument);
  GroupConstraints four;
  four.groups = 4;
  four.manager_each = true;
  four.no_own_manager = true;  // each of the four managers in a group without their reports
  Composition c = teams_together(placeable_people(s, 0, st), 12, st, 4);
  CHECK(total(violations(c, four, st)) > 0);
  CHECK(total(repair(c, four, st)) == 0);
}
