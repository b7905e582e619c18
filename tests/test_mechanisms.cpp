// Each mechanism of the model on its own, in a scenario built to isolate it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ensemble.hpp"
#include "fixtures.hpp"
#include "model.hpp"
#include "rules.hpp"

using namespace adoptsim;
using test::session;
using test::small_organisation;

namespace {

double users_mean(const Model& m, const std::vector<float>& values, Category only = Category::laggard, bool filter = false) {
  double sum = 0;
  int n = 0;
  for (int i = 0; i < m.structure().people; ++i) {
    if (!is_method_user(m.structure().role[i])) continue;
    if (filter && m.agents().category[i] != only) continue;
    sum += values[static_cast<std::size_t>(i)];
    ++n;
  }
  return n ? sum / n : 0.0;
}

float need_at(const RunResult& r, int week, Need k) { return r.needs_mean[static_cast<std::size_t>(week) * kNeeds + static_cast<std::size_t>(idx(k))]; }

}  // namespace

TEST_CASE("skill decays without practice or sessions") {
  Scenario s = small_organisation(10, 10, 4, 52);
  s.parameters[Param::skill_initial_max] = 0.6;
  s.parameters[Param::awareness_base] = 0;  // nobody starts to apply: no practice at all
  s.parameters[Param::turnover_annual] = 0;
  const RunResult r = run_replicate(s, 1, 0);
  const double expected = r.skill_mean[0] * std::pow(1 - s.parameters[Param::skill_decay], 52);
  CHECK(r.skill_mean[52] == doctest::Approx(expected).epsilon(1e-4));
}

TEST_CASE("applying is practice: skill grows while applying (within the consolidation weeks after a session)") {
  // 30 weeks of practice; consolidation set to cover them (docs/ODD.md 3.3.9; the erosion after
  // consolidation is tested in test_seed_claims.cpp).
  Scenario s = small_organisation(10, 10, 4, 30);
  s.parameters[Param::turnover_annual] = 0;
  s.parameters[Param::skill_consolidation_weeks] = 30;
  s.parameters[Param::relapse_base] = s.parameters[Param::relapse_resistance] = s.parameters[Param::relapse_low_skill] =
      s.parameters[Param::relapse_workload] = s.parameters[Param::relapse_unsupported] = 0;
  Model m(s, 3, 0);
  // Put everyone in the change stage with some skill, then let them practise.
  auto& a = const_cast<Agents&>(m.agents());
  for (int i = 0; i < m.structure().people; ++i) {
    a.stage[static_cast<std::size_t>(i)] = Stage::change;
    a.skill[static_cast<std::size_t>(i)] = 0.4f;
  }
  m.run();
  const double g = s.parameters[Param::skill_practice_gain];
  CHECK(users_mean(m, m.agents().skill) == doctest::Approx(1 - 0.6 * std::pow(1 - g, 30)).epsilon(1e-3));
}

TEST_CASE("turnover replaces leavers at the annual rate; new hires start unaware") {
  Scenario s = small_organisation(250, 12, 3, 52);  // 4,003 positions
  s.parameters[Param::turnover_annual] = 0.2;
  Model m(s, 5, 0);
  m.run();
  const int n = m.structure().people;
  const double expected = n * 52 * weekly_leave_probability(0.2);
  const double leavers = m.result().leavers_cumulative[52];
  CHECK(std::abs(leavers - expected) < 4 * std::sqrt(expected));
  int hired = 0;
  for (int i = 0; i < n; ++i)
    if (m.agents().hire_week[static_cast<std::size_t>(i)] > 0) {
      ++hired;
      CHECK(m.agents().has(i, kNewHire));
    }
  CHECK(hired <= leavers);
  CHECK(hired > 0.8 * expected);
}

TEST_CASE("a mandatory session costs autonomy to those not yet accepting it") {
  Scenario with = small_organisation(10, 10, 4, 3), without = with;
  with.parameters[Param::turnover_annual] = without.parameters[Param::turnover_annual] = 0;
  Intervention training = session(InterventionType::basic_training, {1});
  training.target.roles = {Role::supervisor, Role::foreman};
  with.programme = {training};
  const RunResult a = run_replicate(with, 9, 0), b = run_replicate(without, 9, 0);
  const double attended = a.attendance[1 * kInterventionTypes + idx(InterventionType::basic_training)] / static_cast<double>(a.users);
  const double drop = need_at(b, 1, Need::autonomy) - need_at(a, 1, Need::autonomy);
  // The same week's recovery shrinks the cost by a factor (1 - recovery) at most.
  CHECK(drop == doctest::Approx(attended * with.parameters[Param::need_mandate_cost]).epsilon(0.1));
  CHECK(need_at(a, 1, Need::competence) > need_at(b, 1, Need::competence));  // mastery
}

TEST_CASE("feedback that is acted on raises affection; ignored feedback lowers it") {
  Scenario acted = small_organisation(10, 10, 4, 2), ignored;
  acted.parameters[Param::turnover_annual] = 0;
  Intervention eval = session(InterventionType::evaluation, {1});
  eval.group_size = 500;
  acted.programme = {eval};
  ignored = acted;
  ignored.programme[0].feedback_acted_on = false;
  const RunResult a = run_replicate(acted, 4, 0), b = run_replicate(ignored, 4, 0);
  const double gap = need_at(a, 1, Need::affection) - need_at(b, 1, Need::affection);
  const double attended = a.attendance[1 * kInterventionTypes + idx(InterventionType::evaluation)];
  const double people = a.people;
  CHECK(gap > 0);
  CHECK(gap <= 2 * acted.parameters[Param::need_feedback_effect] * 1.0001);
  CHECK(attended / people > 0.8);
}

TEST_CASE("production pressure presses on autonomy") {
  Scenario s = small_organisation(40, 10, 4, 30);
  s.parameters[Param::workload_team_spread] = 0.25;
  s.parameters[Param::turnover_annual] = 0;
  Model m(s, 8, 0);
  m.run();
  // Teams with more workload than the mean have less autonomy.
  std::vector<double> load, autonomy;
  for (int t = 0; t < 40; ++t) {
    double sum = 0;
    int n = 0;
    for (auto i = m.structure().team_first[t]; i < m.structure().team_first[t + 1]; ++i, ++n) sum += m.agents().need[0][i];
    load.push_back(m.team_workload(t));
    autonomy.push_back(sum / n);
  }
  const double ml = std::accumulate(load.begin(), load.end(), 0.0) / 40, ma = std::accumulate(autonomy.begin(), autonomy.end(), 0.0) / 40;
  double cov = 0, vl = 0, va = 0;
  for (int t = 0; t < 40; ++t) {
    cov += (load[t] - ml) * (autonomy[t] - ma);
    vl += (load[t] - ml) * (load[t] - ml);
    va += (autonomy[t] - ma) * (autonomy[t] - ma);
  }
  CHECK(cov / std::sqrt(vl * va) < -0.5);
}

TEST_CASE("resistance spreads over ties: colleagues' resistance raises one's own") {
  Scenario calm = small_organisation(30, 10, 4, 40), contagious;
  calm.parameters[Param::turnover_annual] = 0;
  calm.parameters[Param::resistance_base_laggard] = 0.9;
  contagious = calm;
  calm.parameters[Param::resistance_contagion] = 0;
  contagious.parameters[Param::resistance_contagion] = 0.6;
  Model a(calm, 2, 0), b(contagious, 2, 0);
  a.run();
  b.run();
  // The least resistant (innovators and early adopters) catch resistance from the others.
  const double ra = users_mean(a, a.agents().resistance, Category::early_adopter, true);
  const double rb = users_mean(b, b.agents().resistance, Category::early_adopter, true);
  CHECK(rb > ra + 0.05);
}

TEST_CASE("managers trained in a masterclass take the edge off their team's resistance") {
  Scenario none = small_organisation(30, 10, 4, 20), trained;
  none.parameters[Param::turnover_annual] = 0;
  none.parameters[Param::manager_incongruence] = 0;
  trained = none;
  Intervention mc = session(InterventionType::masterclass, {1});
  mc.target.roles = {Role::manager};
  trained.programme = {mc};
  const RunResult a = run_replicate(none, 6, 0), b = run_replicate(trained, 6, 0);
  const double expected = none.parameters[Param::manager_mitigation] * (1 - std::pow(1 - none.parameters[Param::resistance_relaxation], 19));
  // Some managers miss the masterclass; resistance moves a share of the gap each week.
  CHECK(a.resistance_mean[20] - b.resistance_mean[20] > 0.6 * expected);
  CHECK(a.resistance_mean[20] - b.resistance_mean[20] < 1.2 * expected);
}

TEST_CASE("a kick-off moves most people from orientation to insight") {
  Scenario s = small_organisation(20, 10, 4, 2), quiet;
  s.parameters[Param::turnover_annual] = 0;
  quiet = s;
  Intervention k = session(InterventionType::kick_off, {1});
  k.group_size = 1000;
  s.programme = {k};
  const RunResult a = run_replicate(s, 1, 0), b = run_replicate(quiet, 1, 0);
  const double users = a.users;
  CHECK(a.stage_counts[1 * kStages + 0] / users < 0.3);
  CHECK(b.stage_counts[1 * kStages + 0] / users > 0.95);
}

TEST_CASE("routine takes time: no one is in maintenance before routine_weeks of application") {
  const Scenario s = test::shipped("reference.toml");
  const auto runs = run_ensemble(s, 3, 4, 2);
  const int routine = static_cast<int>(s.parameters[Param::routine_weeks]);
  for (const auto& r : runs) {
    int first = -1;
    for (int w = 0; w <= r.weeks && first < 0; ++w)
      if (r.stage_counts[static_cast<std::size_t>(w) * kStages + idx(Stage::change)] > 0) first = w;
    REQUIRE(first > 0);
    for (int w = 0; w < first + routine && w <= r.weeks; ++w)
      CHECK(r.stage_counts[static_cast<std::size_t>(w) * kStages + idx(Stage::maintenance)] == 0);
    CHECK(r.stage_counts[static_cast<std::size_t>(r.weeks) * kStages + idx(Stage::maintenance)] > 0);
  }
}

TEST_CASE("resistance, low skill and workload make people relapse") {
  Scenario easy = test::shipped("reference.toml"), hard;
  hard = easy;
  hard.parameters[Param::relapse_resistance] = 0.3;
  hard.parameters[Param::relapse_workload] = 0.1;
  const auto a = run_ensemble(easy, 1, 8, 2), b = run_ensemble(hard, 1, 8, 2);
  auto relapses = [](const std::vector<RunResult>& runs) {
    double n = 0;
    for (const auto& r : runs)
      for (auto x : r.relapses) n += x;
    return n;
  };
  CHECK(relapses(b) > 1.5 * relapses(a));
  double applying_a = 0, applying_b = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    applying_a += a[k].applying[104];
    applying_b += b[k].applying[104];
  }
  CHECK(applying_b < applying_a);
}

TEST_CASE("mandatory sessions lose the absent; voluntary ones attract innovators more than laggards") {
  Scenario s = small_organisation(150, 10, 4, 3);  // 2,103 people
  s.parameters[Param::turnover_annual] = 0;
  Intervention must = session(InterventionType::kick_off, {1}, "kick-off");
  must.group_size = 5000;
  Intervention may = session(InterventionType::theme_meeting, {2}, "theme meeting");
  may.mandatory = false;
  s.programme = {must, may};
  Model m(s, 12, 0);
  m.keep_attendee_ids(true);
  m.run();
  const auto& occ = m.result().occurrences;
  REQUIRE(occ.size() == 2);
  const double workload = m.result().workload[1];
  const double expected = 1 - s.parameters[Param::absence_base] - s.parameters[Param::absence_workload] * workload;
  const double n = m.structure().people;
  // Team workloads scatter around the organisation's; the mean absence follows the mean load.
  CHECK(occ[0].attendees / n == doctest::Approx(expected).epsilon(0.03));
  std::array<double, kCategories> came{}, all{};
  for (auto c : m.agents().category) ++all[idx(c)];
  for (auto i : occ[1].attendee_ids) ++came[idx(m.agents().category[i])];
  const double innovators = came[idx(Category::innovator)] / all[idx(Category::innovator)];
  const double early = came[idx(Category::early_adopter)] / all[idx(Category::early_adopter)];
  const double laggards = came[idx(Category::laggard)] / all[idx(Category::laggard)];
  CHECK(innovators > early);
  CHECK(early > laggards + 0.2);
  for (auto i : occ[1].attendee_ids) CHECK(m.agents().has(static_cast<int>(i), kEnrolled));
}

TEST_CASE("capacity caps an occurrence and places go to those who had it least") {
  Scenario s = small_organisation(10, 10, 4, 12);
  s.parameters[Param::turnover_annual] = 0;
  Intervention coaching = session(InterventionType::coaching_on_the_job, {1, 2, 3, 4, 5});
  coaching.target.roles = {Role::supervisor};
  coaching.capacity = 4;
  coaching.group_size = 1;
  coaching.mandatory = true;
  s.programme = {coaching};
  Model m(s, 2, 0);
  m.keep_attendee_ids(true);
  m.run();
  std::vector<int> times(static_cast<std::size_t>(m.structure().people), 0);
  for (const auto& o : m.result().occurrences) {
    CHECK(o.attendees == 4);
    CHECK(o.groups == 4);  // one coach per person
    for (auto i : o.attendee_ids) ++times[i];
  }
  CHECK(*std::max_element(times.begin(), times.end()) == 1);  // 100 supervisors, 20 places: no one twice
}

TEST_CASE("onboarding trains new hires") {
  Scenario s = small_organisation(50, 10, 4, 26);
  s.parameters[Param::turnover_annual] = 0.5;
  Intervention onboarding = session(InterventionType::onboarding, {13, 26});
  onboarding.target.status = TargetStatus::new_hires;
  onboarding.group_size = 8;
  s.programme = {onboarding};
  Model m(s, 4, 0);
  m.keep_attendee_ids(true);
  while (m.week() < 13) m.step();
  const auto& occ = m.result().occurrences;
  REQUIRE(occ.size() == 1);
  CHECK(occ[0].targeted > 20);
  for (auto i : occ[0].attendee_ids) {
    CHECK(m.agents().has(static_cast<int>(i), kTrained));
    CHECK_FALSE(m.agents().has(static_cast<int>(i), kNewHire));
    CHECK(m.agents().hire_week[i] > 0);
  }
}

TEST_CASE("costs: the breakdown adds up to the total, fees follow groups, the project leader is paid weekly") {
  const Scenario s = test::shipped("reference.toml");
  const RunResult r = run_replicate(s, 17, 0);
  double matrix_total = 0, by_type_total = 0;
  for (double c : r.cost_matrix) matrix_total += c;
  for (int row = 0; row < kCostRows; ++row) by_type_total += r.cost_by_type_cumulative[static_cast<std::size_t>(s.weeks) * kCostRows + static_cast<std::size_t>(row)];
  CHECK(matrix_total == doctest::Approx(r.total_cost).epsilon(1e-12));
  CHECK(by_type_total == doctest::Approx(r.total_cost).epsilon(1e-12));
  CHECK(r.cost_cumulative[static_cast<std::size_t>(s.weeks)] == doctest::Approx(r.total_cost));
  for (int w = 1; w <= s.weeks; ++w) CHECK(r.cost_cumulative[static_cast<std::size_t>(w)] >= r.cost_cumulative[static_cast<std::size_t>(w) - 1]);
  const double leader = r.cost_matrix[kProgrammeCostRow * kCostKinds + idx(CostKind::project_leader)];
  CHECK(leader == doctest::Approx(s.costs.project_leader_hours_per_week * s.costs.project_leader_rate * s.weeks));
  // Trainer fees: one fee per group session.
  double groups = 0, occurrence_costs = 0;
  for (const auto& o : r.occurrences) {
    if (o.type == InterventionType::basic_training) groups += o.groups;
    occurrence_costs += o.cost;
  }
  const auto& training = *std::find_if(s.programme.begin(), s.programme.end(), [](const Intervention& iv) { return iv.type == InterventionType::basic_training; });
  CHECK(r.cost_matrix[idx(InterventionType::basic_training) * kCostKinds + idx(CostKind::trainer)] == doctest::Approx(groups * training.trainer_fee));
  CHECK(occurrence_costs + leader == doctest::Approx(r.total_cost));
  // Evaluation is the scenario's share of the direct intervention costs.
  double direct = 0, evaluation = 0;
  for (int row = 0; row < kInterventionTypes; ++row)
    for (int k = 0; k < kCostKinds; ++k) (k == idx(CostKind::evaluation) ? evaluation : direct) += r.cost_matrix[static_cast<std::size_t>(row * kCostKinds + k)];
  CHECK(evaluation == doctest::Approx(s.costs.evaluation_share * direct));
}

TEST_CASE("Kirkpatrick levels lag each other in the reference programme") {
  const Scenario s = test::shipped("reference.toml");
  const auto runs = run_ensemble(s, 5, 10, 2);
  // Mean week at which each level first reaches half of its final value.
  std::array<double, 4> half_week{};
  for (const auto& r : runs)
    for (int l = 1; l < 4; ++l) {
      const double final = r.kirkpatrick[static_cast<std::size_t>(r.weeks) * 4 + static_cast<std::size_t>(l)];
      int w = 0;
      while (w < r.weeks && !(r.kirkpatrick[static_cast<std::size_t>(w) * 4 + static_cast<std::size_t>(l)] >= 0.5 * final)) ++w;
      half_week[static_cast<std::size_t>(l)] += w / 10.0;
    }
  CHECK(half_week[1] < half_week[2]);  // learning before behaviour
  CHECK(half_week[2] < half_week[3]);  // behaviour before results
  // Reaction is there from the first sessions, long before behaviour.
  int first_reaction = 0;
  while (std::isnan(runs[0].kirkpatrick[static_cast<std::size_t>(first_reaction) * 4])) ++first_reaction;
  CHECK(first_reaction < half_week[2] - 10);
}
