// The optimiser: the knob grid, the frontier, and the race against brute force in a space small
// enough to run every programme on every replicate.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "fixtures.hpp"
#include "knob_space.hpp"
#include "model.hpp"
#include "optimiser.hpp"

using namespace adoptsim;

namespace {

// A small organisation with a programme the knobs can turn: managers' masterclasses, basic
// training, practice, coaching on the job; the goal is a third of the supervisors by week 30.
Scenario small_programme() {
  Scenario s = test::small_organisation(4, 8, 3, 40);
  s.goal.share = 0.3;
  s.goal.week = 30;
  s.costs.project_leader_hours_per_week = 2;
  Intervention mc = test::session(InterventionType::masterclass, {1, 3}, "masterclass");
  mc.target.roles = {Role::manager, Role::mt};
  mc.trainer_fee = 800;
  Intervention training = test::session(InterventionType::basic_training, {4, 7}, "training");
  training.target.roles = {Role::supervisor, Role::foreman};
  training.trainer_fee = 600;
  training.hours = 2.5;
  Intervention practice = test::session(InterventionType::practice_exercise, {6, 9}, "practice");
  practice.target.roles = {Role::supervisor, Role::foreman};
  practice.target.status = TargetStatus::trained;
  practice.group_size = 1;
  s.programme = {mc, training, practice};
  return s;
}

KnobGrid small_grid() {
  KnobGrid g = default_grid();
  set_grid_values(g, "training_sessions", {2, 4, 6});
  set_grid_values(g, "training_spacing", {3});
  set_grid_values(g, "intervision_every", {0});
  set_grid_values(g, "actor_sessions", {0});
  set_grid_values(g, "coaching_capacity", {0, 2, 4});
  set_grid_values(g, "refresher_every", {0});
  set_grid_values(g, "masterclasses_first", {1});
  set_grid_values(g, "mandatory", {0, 1});
  return g;
}

struct Brute {
  double cost;
  double p;
};

std::vector<Brute> brute_force(const Scenario& base, const std::vector<ProgrammeKnobs>& programmes, std::uint64_t seed, int n) {
  std::vector<Brute> out;
  for (const auto& k : programmes) {
    const Scenario s = apply_knobs(base, k);
    double cost = 0;
    int reached = 0;
    for (int r = 0; r < n; ++r) {
      const RunResult run = run_replicate(s, seed, r);
      cost += run.total_cost;
      reached += goal_reached_by_deadline(run.goal_week, s.goal) ? 1 : 0;
    }
    out.push_back({cost / n, static_cast<double>(reached) / n});
  }
  return out;
}

// The brute-force answer: the cheapest programme whose share of replicates reaching the goal is at
// least `confidence` (and whose mean cost is within the budget), -1 if none.
int brute_winner(const std::vector<Brute>& bf, double confidence, double budget = 0) {
  int best = -1;
  for (int i = 0; i < static_cast<int>(bf.size()); ++i) {
    const Brute& b = bf[static_cast<std::size_t>(i)];
    if (b.p < confidence - 1e-12 || (budget > 0 && b.cost > budget)) continue;
    if (best < 0 || b.cost < bf[static_cast<std::size_t>(best)].cost) best = i;
  }
  return best;
}

}  // namespace

TEST_CASE("the knob grid: the default space, distinct programmes, values checked against the knob table") {
  const Scenario reference = test::shipped("reference.toml");
  const KnobGrid grid = default_grid();
  CHECK(grid.combinations() == 4 * 3 * 4 * 3 * 3 * 3 * 3 * 2 * 2);
  // Without intervision its group size makes no difference: 4 x 3 x (3 x 3 + 1) x 3 x 3 x 3 x 2 x 2.
  const auto programmes = distinct_programmes(grid, reference);
  CHECK(programmes.size() == 12960);
  ProgrammeKnobs near_reference = read_knobs(reference);
  near_reference.actor_sessions = 2;  // the reference has 3; the grid {0, 2, 4}
  CHECK(std::count(programmes.begin(), programmes.end(), near_reference) == 1);
  KnobGrid g = grid;
  CHECK_THROWS_AS(set_grid_values(g, "colour", {1}), std::invalid_argument);
  CHECK_THROWS_AS(set_grid_values(g, "training_sessions", {}), std::invalid_argument);
  CHECK_THROWS_AS(set_grid_values(g, "training_sessions", {4, 40}), std::invalid_argument);
  CHECK_THROWS_AS(set_grid_values(g, "training_sessions", {4, 4}), std::invalid_argument);
  set_grid_values(g, "mandatory", {1});
  CHECK(g.combinations() == grid.combinations() / 2);
}

TEST_CASE("the cost-probability frontier: no programme on it is beaten on both") {
  std::vector<Candidate> c(6);
  const double costs[] = {100, 120, 130, 150, 160, 200}, reach[] = {0.1, 0.5, 0.4, 0.5, 0.9, 0.9};
  for (std::size_t i = 0; i < c.size(); ++i) {
    c[i].cost.assign(10, costs[i]);
    c[i].reached.assign(10, 0);
    for (int r = 0; r < static_cast<int>(reach[i] * 10 + 0.5); ++r) c[i].reached[static_cast<std::size_t>(r)] = 1;
  }
  CHECK(cost_probability_frontier(c) == std::vector<int>{0, 1, 4});  // 2 and 3 are beaten by 1, 5 by 4
  CHECK(cost_probability_frontier(c, 155) == std::vector<int>{0, 1});
}

TEST_CASE("the optimiser finds the brute-force best programme of a small space, with fewer simulations") {
  const Scenario base = small_programme();
  const auto programmes = distinct_programmes(small_grid(), base);
  REQUIRE(programmes.size() == 18);
  const int n = 64;
  const auto bf = brute_force(base, programmes, 3, n);
  OptimiseSettings set;
  set.seed = 3;
  set.replicates = n;
  set.first_replicates = 4;
  set.threads = 2;
  // Two questions with different answers, and one without an answer within the budget.
  // Plain variables, not structured bindings: clang 14 cannot capture bindings in CAPTURE's lambda.
  for (const auto& question : {std::pair{0.8, 0.0}, {0.4, 0.0}, {0.8, 60000.0}}) {
    const double confidence = question.first;
    const double budget = question.second;
    CAPTURE(confidence);
    CAPTURE(budget);
    set.confidence = confidence;
    set.budget = budget;
    const int expected = brute_winner(bf, confidence, budget);
    const OptimiseResult r = optimise(base, programmes, set);
    CHECK(r.winner == expected);
    if (expected >= 0) {
      // Neither the cheapest programme nor the likeliest: the race had to find it.
      CHECK(expected != brute_winner(bf, 0.0));
      const Candidate& w = r.candidates[static_cast<std::size_t>(r.winner)];
      CHECK(w.n() == n);
      CHECK(w.mean_cost() == doctest::Approx(bf[static_cast<std::size_t>(expected)].cost).epsilon(1e-12));
      CHECK(w.probability().estimate == doctest::Approx(bf[static_cast<std::size_t>(expected)].p));
    }
    CHECK(r.race_simulations + r.frontier_simulations < static_cast<std::int64_t>(programmes.size()) * n);
    // The frontier: on all replicates, within the budget, beaten on both by no programme run on all.
    for (int i : r.frontier) {
      const Candidate& f = r.candidates[static_cast<std::size_t>(i)];
      CHECK(f.n() == n);
      if (budget > 0) CHECK(f.mean_cost() <= budget);
      for (const Candidate& o : r.candidates)
        if (o.n() == n && (budget <= 0 || o.mean_cost() <= budget))
          CHECK_FALSE((o.mean_cost() < f.mean_cost() && o.probability().estimate >= f.probability().estimate));
    }
  }
  CHECK(brute_winner(bf, 0.8) != brute_winner(bf, 0.4));
}

TEST_CASE("the optimiser gives the same answer on any number of threads") {
  const Scenario base = small_programme();
  const auto programmes = distinct_programmes(small_grid(), base);
  OptimiseSettings set;
  set.seed = 5;
  set.replicates = 16;
  set.confidence = 0.5;
  set.threads = 1;
  const OptimiseResult one = optimise(base, programmes, set);
  set.threads = 3;
  const OptimiseResult three = optimise(base, programmes, set);
  CHECK(one.winner == three.winner);
  CHECK(one.frontier == three.frontier);
  for (std::size_t i = 0; i < programmes.size(); ++i) {
    CHECK(one.candidates[i].cost == three.candidates[i].cost);
    CHECK(one.candidates[i].reached == three.candidates[i].reached);
  }
}
