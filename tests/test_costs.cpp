// Costs, fully accounted (MODEL.md §10): every kind of cost as the scenario prices it, the
// breakdown by intervention type and kind adding up to the total, and the budget check.
#include <doctest/doctest.h>

#include <algorithm>

#include "costs.hpp"
#include "ensemble.hpp"
#include "fixtures.hpp"
#include "model.hpp"
#include "scenario_loader.hpp"
#include "scenario_writer.hpp"

using namespace adoptsim;

namespace {

double cell(const RunResult& r, InterventionType t, CostKind k) { return r.cost_matrix[static_cast<std::size_t>(idx(t) * kCostKinds + idx(k))]; }

}  // namespace

TEST_CASE("costs: each kind is priced as the scenario says, per group, per attendee and per hour") {
  Scenario s = test::small_organisation(3, 8, 3, 6);
  s.parameters[Param::turnover_annual] = 0;
  s.costs.hourly_wage = {40, 30, 60, 90, 55};
  s.costs.project_leader_hours_per_week = 4;
  s.costs.project_leader_rate = 80;
  s.costs.project_leader_from = 2;
  s.costs.project_leader_until = 5;
  s.costs.evaluation_share = 0.1;
  Intervention training = test::session(InterventionType::actor_session, {2, 4}, "actors");
  training.target.roles = {Role::supervisor, Role::foreman, Role::manager};
  training.group_size = 7;
  training.hours = 3;
  training.trainer_fee = 700;
  training.actor_fee = 900;
  training.venue = 120;
  training.materials = 15;
  s.programme = {training};

  Model m(s, 9, 0);
  m.keep_attendee_ids(true);
  m.run();
  const RunResult& r = m.result();
  double groups = 0, attendees = 0, staff = 0;
  for (const auto& o : r.occurrences) {
    groups += o.groups;
    attendees += o.attendees;
    for (auto i : o.attendee_ids) staff += training.hours * s.costs.hourly_wage[static_cast<std::size_t>(idx(m.structure().role[i]))];
  }
  REQUIRE(r.occurrences.size() == 2);
  REQUIRE(attendees > 20);
  CHECK(groups >= 2 * 5);  // 36 invited, groups of at most 7
  using T = InterventionType;
  CHECK(cell(r, T::actor_session, CostKind::trainer) == doctest::Approx(groups * 700));
  CHECK(cell(r, T::actor_session, CostKind::actor) == doctest::Approx(groups * 900));
  CHECK(cell(r, T::actor_session, CostKind::venue) == doctest::Approx(groups * 120));
  CHECK(cell(r, T::actor_session, CostKind::materials) == doctest::Approx(attendees * 15));
  CHECK(cell(r, T::actor_session, CostKind::staff_time) == doctest::Approx(staff));
  const double direct = groups * (700 + 900 + 120) + attendees * 15 + staff;
  CHECK(cell(r, T::actor_session, CostKind::evaluation) == doctest::Approx(0.1 * direct));
  CHECK(cell(r, T::actor_session, CostKind::project_leader) == 0);
  // Weeks 2 to 5 of the project leader, in the programme row only.
  CHECK(r.cost_matrix[kProgrammeCostRow * kCostKinds + idx(CostKind::project_leader)] == doctest::Approx(4 * 4 * 80));
  CHECK(r.total_cost == doctest::Approx(1.1 * direct + 4 * 4 * 80));
}

TEST_CASE("costs: the breakdown by intervention type and kind adds up to the total") {
  const Scenario s = test::shipped("reference.toml");
  const auto runs = run_ensemble(s, 3, 8, 2);
  const CostBreakdown b = cost_breakdown(runs);
  double rows = 0, kinds = 0;
  for (int row = 0; row < kCostRows; ++row) {
    double cells = 0;
    for (int k = 0; k < kCostKinds; ++k) cells += b.at(row, static_cast<CostKind>(k)).mean;
    CHECK(cells == doctest::Approx(b.by_row[static_cast<std::size_t>(row)].mean).epsilon(1e-12));
    rows += b.by_row[static_cast<std::size_t>(row)].mean;
  }
  for (int k = 0; k < kCostKinds; ++k) kinds += b.by_kind[static_cast<std::size_t>(k)].mean;
  CHECK(rows == doctest::Approx(b.total.mean).epsilon(1e-12));
  CHECK(kinds == doctest::Approx(b.total.mean).epsilon(1e-12));
  // Per replicate too, and the rows used are the programme's types plus the project leader.
  for (const auto& r : runs) {
    double sum = 0;
    for (double c : r.cost_matrix) sum += c;
    CHECK(sum == doctest::Approx(r.total_cost).epsilon(1e-12));
  }
  for (int row = 0; row < kInterventionTypes; ++row) {
    const bool in_programme = std::any_of(s.programme.begin(), s.programme.end(), [&](const Intervention& iv) { return idx(iv.type) == row; });
    CHECK(b.row_used(row) == in_programme);
  }
  CHECK(b.row_used(kProgrammeCostRow));
  // Every interval holds its mean.
  for (const auto& iv : b.cell) CHECK((iv.p05 <= iv.mean && iv.mean <= iv.p95));
}

TEST_CASE("the budget check: mean against the budget, and how many replicates went over") {
  const Scenario s = test::shipped("reference.toml");
  const auto runs = run_ensemble(s, 3, 10, 2);
  double lo = runs[0].total_cost, hi = lo, mean = 0;
  for (const auto& r : runs) {
    lo = std::min(lo, r.total_cost);
    hi = std::max(hi, r.total_cost);
    mean += r.total_cost / 10;
  }
  const BudgetCheck tight = check_budget(lo - 1, BudgetCovers::all, runs), loose = check_budget(hi + 1, BudgetCovers::all, runs), none = check_budget(0, BudgetCovers::all, runs);
  CHECK(tight.exceeded());
  CHECK(tight.over == 10);
  CHECK(tight.share_of_budget == doctest::Approx(mean / (lo - 1)));
  CHECK_FALSE(loose.exceeded());
  CHECK(loose.over == 0);
  CHECK_FALSE(none.set());
  CHECK_FALSE(none.exceeded());
  const BudgetCheck middle = check_budget(mean, BudgetCovers::all, runs);
  CHECK(middle.over > 0);
  CHECK(middle.over < 10);
  // A budget for the out-of-pocket costs only: the staff time is left out of what it is checked against.
  const BudgetCheck cash = check_budget(mean, BudgetCovers::out_of_pocket, runs);
  double staff = 0;
  for (const auto& r : runs) staff += staff_time_cost(r) / 10;
  CHECK(staff > 0.2 * mean);
  CHECK(cash.mean_cost == doctest::Approx(mean - staff));
  CHECK(cash.over == 0);
  CHECK(cost_breakdown(runs).out_of_pocket.mean == doctest::Approx(mean - staff));
}

namespace {

// A planner's scenario that leaves the hours and group sizes to the types' defaults.
const char* kDefaultsScenario = R"(
[scenario]
name = "defaults"
weeks = 8
seed = 3
[organisation]
mt = 2
hr = 1
[[organisation.team]]
name = "A"
supervisors = 30
foremen = 4
[[organisation.team]]
name = "B"
supervisors = 30
foremen = 4
[[intervention]]
name = "Newsletter"
type = "communication"
weeks = [1, 3, 5]
target = { status = "all" }
[[intervention]]
name = "Kick-off"
type = "kick_off"
weeks = [2]
target = { status = "all" }
trainer_fee = 1500
venue = 2500
)";

}  // namespace

TEST_CASE("costs: type defaults a planner expects: a newsletter books no staff hours, a kick-off is one session (issue 11, 3)") {
  const Scenario s = parse_scenario(kDefaultsScenario, "defaults.toml");
  REQUIRE(s.programme.size() == 2);
  CHECK(s.programme[0].hours == 0);
  CHECK(s.programme[1].group_size == kWholeAudience);
  Model m(s, s.seed, 0);
  m.run();
  const RunResult& r = m.result();
  using T = InterventionType;
  int newsletter_reached = 0, kick_off_attendees = 0, kick_off_groups = 0;
  for (const auto& o : r.occurrences) {
    if (o.type == T::communication) newsletter_reached += o.attendees;
    if (o.type == T::kick_off) kick_off_attendees += o.attendees, kick_off_groups += o.groups;
  }
  REQUIRE(newsletter_reached > 100);
  CHECK(cell(r, T::communication, CostKind::staff_time) == 0);
  REQUIRE(kick_off_attendees > 50);  // more than four groups of 12 would have been
  CHECK(kick_off_groups == 1);
  CHECK(cell(r, T::kick_off, CostKind::venue) == doctest::Approx(2500));
  CHECK(cell(r, T::kick_off, CostKind::trainer) == doctest::Approx(1500));
  CHECK(cell(r, T::kick_off, CostKind::staff_time) > 0);  // a meeting still takes its 2 hours
  // The whole audience is for plenary types: a training keeps a cap.
  std::string bad = kDefaultsScenario;
  bad += "[[intervention]]\nname = \"Training\"\ntype = \"basic_training\"\nweeks = [4]\ngroup_size = 0\n";
  try {
    parse_scenario(bad, "bad.toml");
    FAIL("group_size = 0 on a training was accepted");
  } catch (const ScenarioError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) all += d.str() + "\n";
    CHECK(all.find("plenary types only") != std::string::npos);
  }
  // Written and read back, the whole audience stays.
  const Scenario back = parse_scenario(to_toml(s), "written.toml");
  CHECK(back.programme[1].group_size == kWholeAudience);
  CHECK(back.programme[0].hours == 0);
}
