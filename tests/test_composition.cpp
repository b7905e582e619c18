// The composition mechanisms of group sessions (docs/ODD.md §3.3.6.1, issue 12), each on its own:
// the rule in isolation, then seeded replicates with only that mechanism switched on against all
// three off, on common random numbers (same seed and replicate), with the stated tolerance.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "cross_team_ties.hpp"
#include "fixtures.hpp"
#include "manager_model.hpp"
#include "model.hpp"
#include "organisation.hpp"
#include "peer_models.hpp"
#include "skill_mix.hpp"
#include "statistics.hpp"

using namespace adoptsim;

namespace {

// Four teams in compulsory training then intervision with everyone, managers included, mixed
// roles: every group holds people at different stages and skill levels, and managers.
Scenario mixed_groups() {
  Scenario s = test::small_organisation(4, 8, 3, 40);
  s.goal.week = 40;
  Intervention train = test::session(InterventionType::basic_training, {2, 6}, "training");
  train.target.roles = {Role::supervisor, Role::foreman, Role::manager};  // managers learn it too, so some role-model it
  Intervention iv = test::session(InterventionType::intervision, {8, 11, 14, 17, 20, 23, 26, 29, 32, 35}, "intervision");
  iv.target.roles = {Role::supervisor, Role::foreman, Role::manager};
  iv.group_size = 8;
  iv.grouping = GroupRule::mixed_roles;
  s.programme = {train, iv};
  return s;
}

Scenario only(Param on, double value) {
  Scenario s = mixed_groups();
  for (Param q : {Param::peer_model_acceptance, Param::skill_mix_learning, Param::manager_role_model_acceptance, Param::cross_team_tie_weight}) s.parameters[q] = 0;
  s.parameters[on] = value;
  return s;
}

Scenario none() {
  Scenario s = only(Param::peer_model_acceptance, 0);
  return s;
}

// Paired differences over replicates 0..n-1 of a metric of the run.
template <class Metric>
MeanError paired(const Scenario& a, const Scenario& b, int n, Metric metric) {
  std::vector<double> d;
  for (int r = 0; r < n; ++r) d.push_back(metric(run_replicate(a, 7, r)) - metric(run_replicate(b, 7, r)));
  return mean_error(d);
}

double final_applying(const RunResult& r) { return r.applying[static_cast<std::size_t>(r.weeks)]; }

// Share of the method's users of teams [first, last] at acceptance or beyond at the end.
double accepting_in_teams(const RunResult& r, int first, int last) {
  int users = 0, accepting = 0;
  for (std::size_t i = 0; i < r.team.size(); ++i) {
    if (r.team[i] < first || r.team[i] > last || !is_method_user(static_cast<Role>(r.role[i]))) continue;
    ++users;
    accepting += static_cast<Stage>(r.stage[i]) >= Stage::acceptance ? 1 : 0;
  }
  return users > 0 ? static_cast<double>(accepting) / users : 0.0;
}

// Teams 0 and 1 are trained, team by team; all four teams then meet in intervision groups that
// `rule` forms. Only ties across teams carry the trained teams' example (exposure) to teams 2
// and 3, whose untrained people cannot apply the method yet but can come to accept it.
Scenario half_trained(GroupRule rule, double tie_weight) {
  Scenario s = test::small_organisation(4, 8, 3, 44);
  s.goal.week = 44;
  Intervention train = test::session(InterventionType::basic_training, {2, 5, 8, 11}, "training");
  train.target.roles = {Role::supervisor, Role::foreman, Role::manager};
  train.target.teams = {0, 1};
  train.grouping = GroupRule::by_team;
  train.group_size = 11;
  Intervention iv = test::session(InterventionType::intervision, {14, 17, 20, 23, 26}, "intervision");
  iv.target.roles = {Role::supervisor, Role::foreman};
  iv.group_size = 8;
  iv.grouping = rule;
  s.programme = {train, iv};
  for (Param q : {Param::peer_model_acceptance, Param::skill_mix_learning, Param::manager_role_model_acceptance}) s.parameters[q] = 0;
  s.parameters[Param::cross_team_tie_weight] = tie_weight;
  return s;
}
double final_skill(const RunResult& r) { return r.skill_mean[static_cast<std::size_t>(r.weeks)]; }

}  // namespace

TEST_CASE("composition rules in isolation") {
  Parameters p;
  p[Param::peer_model_acceptance] = 0.1;
  CHECK(peer_model_impulse(p, 0, 7, false, 1.0) == 0.0);
  CHECK(peer_model_impulse(p, 7, 7, false, 1.0) == doctest::Approx(0.1));
  CHECK(peer_model_impulse(p, 7, 7, true, 1.0) == 0.0);       // those applying are not pulled
  CHECK(peer_model_impulse(p, 2, 4, false, 0.5) == doctest::Approx(0.1 * 0.5 * 0.5));
  p[Param::skill_mix_learning] = 0.5;
  CHECK(skill_mix_gain(p, 0.04, 0, 7) == 0.0);                  // no one clearly further along: nothing extra
  CHECK(skill_mix_gain(p, 0.04, 7, 7) == doctest::Approx(0.5 * 0.04));
  CHECK(skill_mix_gain(p, 0.04, 2, 4) == doctest::Approx(0.5 * 0.04 * 0.5));
  CHECK(skill_mix_gain(p, 0.0, 7, 7) == 0.0);                   // no learning in the session, none from the mix
  CHECK(skill_mix_gain(p, 0.04, 3, 0) == 0.0);
  p[Param::manager_role_model_acceptance] = 0.2;
  CHECK(manager_model_impulse(p, true, true, 0.5) == doctest::Approx(0.1));
  CHECK(manager_model_impulse(p, true, false, 0.5) == 0.0);    // present but not applying: the safety cost instead
  CHECK(manager_model_impulse(p, false, true, 0.5) == 0.0);
}

TEST_CASE("composition: applying peers in the group pull the others to adoption (seeded)") {
  const MeanError d = paired(only(Param::peer_model_acceptance, 1.0), none(), 24, final_applying);
  CAPTURE(d.mean);
  CAPTURE(d.se);
  CHECK(d.mean > 3 * d.se);  // more users applying at the horizon, beyond three standard errors
}

TEST_CASE("composition: learning from abler colleagues raises skill (seeded)") {
  const MeanError d = paired(only(Param::skill_mix_learning, 1.0), none(), 24, final_skill);
  CAPTURE(d.mean);
  CAPTURE(d.se);
  CHECK(d.mean > 3 * d.se);
}

TEST_CASE("composition: one's own manager in the group role-modelling the method pulls to adoption (seeded)") {
  // Teams together, so managers sit with most of their reports; the rule at its largest value.
  Scenario on = only(Param::manager_role_model_acceptance, 5.0), off = none();
  on.programme[1].grouping = off.programme[1].grouping = GroupRule::by_team;
  const MeanError d = paired(on, off, 32, final_applying);
  CAPTURE(d.mean);
  CAPTURE(d.se);
  CHECK(d.mean > 3 * d.se);
}

TEST_CASE("cross-team ties: each member to the next of another team, both ways; the oldest gives way; turnover ends them") {
  Agents a;
  a.resize(6);
  Structure st;
  st.people = 6;
  st.team_of = {0, 0, 1, 1, 2, 2};
  st.role.assign(6, Role::supervisor);
  auto knows = [&](std::uint32_t i, std::uint32_t j) {
    for (int s = 0; s < kSessionTies; ++s)
      if (a.session_tie[i * kSessionTies + static_cast<std::size_t>(s)] == j && session_tie_holds(a, i, static_cast<std::size_t>(s))) return true;
    return false;
  };
  const std::vector<std::uint32_t> group{0, 1, 2, 3};
  tie_across_teams(a, st, group.begin(), group.end(), 5);
  CHECK(knows(0, 2));
  CHECK(knows(2, 0));
  CHECK(knows(1, 2));
  CHECK(knows(3, 0));
  CHECK_FALSE(knows(0, 1));  // teammates are tied by the network already
  CHECK_FALSE(knows(2, 3));
  CHECK_FALSE(knows(1, 3));
  // A ring of kSessionTies: a fifth colleague replaces the oldest.
  for (std::uint32_t j : {3u, 4u, 5u, 1u}) add_session_tie(a, 2, j, 6);
  CHECK_FALSE(knows(2, 0));
  CHECK(knows(2, 5));
  // The position of 3 gets a new occupant after the tie was made: the tie no longer holds.
  a.hire_week[3] = 9;
  CHECK_FALSE(knows(0, 3));
  CHECK_FALSE(knows(2, 3));
  // Exposure: the network's neighbours (weight sum 2, half applying) and one tie of weight 0.5 to
  // someone applying with resistance 0.4.
  std::fill(a.session_tie.begin(), a.session_tie.end(), kNoSessionTie);
  add_session_tie(a, 0, 4, 7);
  std::vector<Agents::Visible> seen(6, Agents::Visible{0.f, 0.f});
  seen[4] = {1.f, 0.4f};
  std::array<float, kRoles> weight{};
  weight.fill(1.f);
  const Exposure x = with_session_ties({0.5f, 0.2f}, a, st, seen.data(), weight.data(), 0, 2.f, 0.5f);
  CHECK(x.applying == doctest::Approx((1.0 + 0.5) / 2.5));
  CHECK(x.resistance == doctest::Approx((0.4 + 0.5 * 0.4) / 2.5));
  const Exposure none = with_session_ties({0.5f, 0.2f}, a, st, seen.data(), weight.data(), 1, 2.f, 0.5f);  // 1 has no ties
  CHECK(none.applying == 0.5f);
}

TEST_CASE("cross-team ties: learning with colleagues of other teams carries adoption to the untrained teams (seeded)") {
  // On their own, at a large weight: more of teams 2 and 3 accept the method when ties count.
  const MeanError d = paired(half_trained(GroupRule::across_teams, 3.0), half_trained(GroupRule::across_teams, 0), 24,
                             [](const RunResult& r) { return accepting_in_teams(r, 2, 3); });
  CAPTURE(d.mean);
  CAPTURE(d.se);
  CHECK(d.mean > 3 * d.se);
  // Groups of one team make no cross-team ties: the weight then changes nothing at all.
  for (int r = 0; r < 4; ++r) {
    const RunResult on = run_replicate(half_trained(GroupRule::by_team, 3.0), 7, r), off = run_replicate(half_trained(GroupRule::by_team, 0), 7, r);
    CHECK(on.applying == off.applying);
    CHECK(on.stage == off.stage);
  }
}

TEST_CASE("composition at the stated defaults: visible, but smaller than the programme's effect") {
  const Scenario with = mixed_groups();  // defaults
  Scenario without_programme = with;
  without_programme.programme.clear();
  const MeanError composition = paired(with, none(), 24, final_applying);
  const MeanError programme = paired(with, without_programme, 24, final_applying);
  CAPTURE(composition.mean);
  CAPTURE(programme.mean);
  CHECK(composition.mean > 0);
  CHECK(composition.mean < 0.5 * programme.mean);
}
