// Programmes as the guides describe them (issue 15): phases with pilots, rules that respond to
// what is measured, preconditions and barriers mapped onto parameters. docs/ODD.md "Phases,
// pilots and responsive rules", "Preconditions and barriers".
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "ensemble.hpp"
#include "fixtures.hpp"
#include "model.hpp"
#include "organisation.hpp"
#include "parallel.hpp"
#include "preconditions.hpp"
#include "rule_book.hpp"
#include "scenario_writer.hpp"

using namespace adoptsim;

namespace {

bool same_series(const RunResult& a, const RunResult& b) {
  auto eq = [](const auto& x, const auto& y) {
    return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(x[0])) == 0;
  };
  return eq(a.applying, b.applying) && eq(a.resistance_mean, b.resistance_mean) && eq(a.skill_mean, b.skill_mean) &&
         eq(a.cost_cumulative, b.cost_cumulative) && eq(a.stage_by_team, b.stage_by_team) && a.occurrences.size() == b.occurrences.size() &&
         a.firings == b.firings && a.phase_start == b.phase_start;
}

// Four teams of 13 users; a session for team 0 in week 3.
Scenario constructed() {
  Scenario s = test::small_organisation(4, 10, 3, 30);
  Intervention iv = test::session(InterventionType::basic_training, {3}, "Training team 0");
  iv.target.teams = {0};
  iv.target.roles = {Role::supervisor, Role::foreman};
  s.programme.push_back(iv);
  return s;
}

}  // namespace

TEST_CASE("phases: the pilot-then-scale variant loads with its phases, rules and links") {
  const Scenario s = test::shipped("pilot-then-scale.toml");
  REQUIRE(s.phases.size() == 3);
  REQUIRE(s.rules.size() == 2);
  const Structure st = build_structure(s);
  const Phase& pilot = s.phases[1];
  CHECK(pilot.name == "Pilot");
  REQUIRE(pilot.teams.size() == 3);
  CHECK(st.team_names[static_cast<std::size_t>(pilot.teams[0])] == "Assembly");
  CHECK(s.phases[2].start_rule == 0);
  CHECK(s.phases[2].start == 54);
  int in_pilot = 0, on_rule = 0;
  for (const auto& iv : s.programme) {
    in_pilot += iv.phase == 1;
    on_rule += iv.on_rule == 1;
  }
  CHECK(in_pilot == 7);
  CHECK(on_rule == 1);
}

TEST_CASE("phases: errors name the key, and unknown names get a suggestion") {
  const std::string base = R"(
[scenario]
name = "x"
weeks = 20
[[organisation.team]]
name = "A"
[[organisation.team]]
name = "B"
)";
  auto error_of = [&](const std::string& extra) {
    try {
      parse_scenario(base + extra, "bad.toml");
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("[[rule]]\nname = \"r\"\nobserve = \"applying_share\"\nabove = 0.5\nbelow = 0.2\ncheck_weeks = [4]\n").find("rule[1].above") !=
        std::string::npos);
  CHECK(error_of("[[rule]]\nname = \"r\"\nobserve = \"reaction\"\nscope = \"team\"\nabove = 0.5\ncheck_weeks = [4]\n").find("rule[1].scope") !=
        std::string::npos);
  const std::string unknown = error_of(
      "[[rule]]\nname = \"Pilot applies\"\nobserve = \"applying_share\"\nabove = 0.5\ncheck_weeks = [4]\n"
      "[[phase]]\nname = \"Scale\"\nstart_on_rule = \"Pilot aplies\"\n");
  CHECK(unknown.find("bad.toml:") != std::string::npos);
  CHECK(unknown.find("phase[1].start_on_rule") != std::string::npos);
  CHECK(unknown.find("did you mean 'Pilot applies'") != std::string::npos);
  CHECK(error_of("[[phase]]\nname = \"P\"\nteams = [\"C\"]\nstart = 2\n").find("no team is called 'C'") != std::string::npos);
  CHECK(error_of("[[rule]]\nname = \"r\"\nobserve = \"applying_share\"\nabove = 1.5\ncheck_weeks = [4]\n").find("share between 0 and 1") !=
        std::string::npos);
  CHECK(error_of("[preconditions]\ntime_for_practise = \"missing\"\n").find("did you mean 'time_for_practice'") != std::string::npos);
  CHECK(error_of("[barriers]\nuser = { rating = 4 }\n").find("barriers.user.rating") != std::string::npos);
}

TEST_CASE("phases: a fixed-start phase moves its weeks onto the calendar and narrows its target") {
  Scenario s = test::small_organisation(4, 10, 3, 40);
  s.phases.push_back({"Pilot", {1, 2}, 10, -1});
  Intervention a = test::session(InterventionType::basic_training, {1, 5, 35}, "A");
  a.phase = 0;
  Intervention b = test::session(InterventionType::basic_training, {1}, "B");
  b.phase = 0;
  b.target.teams = {2, 3};
  s.programme = {a, b};
  const Scenario c = calendar_programme(s);
  CHECK(c.programme[0].weeks == std::vector<int>{10, 14});  // 35 + 9 is beyond the horizon
  CHECK(c.programme[0].target.teams == std::vector<int>{1, 2});
  CHECK(c.programme[1].target.teams == std::vector<int>{2});
  // Without phases or rules nothing changes.
  const Scenario plain = test::shipped("reference.toml");
  CHECK(calendar_programme(plain).programme.size() == plain.programme.size());
  for (std::size_t k = 0; k < plain.programme.size(); ++k) CHECK(calendar_programme(plain).programme[k].weeks == plain.programme[k].weeks);
}

TEST_CASE("phases: a pilot phase reaches only its teams") {
  Scenario s = test::shipped("pilot-then-scale.toml");
  s.weeks = 40;  // the pilot's execution, before any scale-up
  s.goal.week = 40;
  s.phases[2].start = -1;
  s.rules[0].check_weeks = {26};
  s.rules[0].threshold = 1.0;  // never reached: no scale-up within these weeks
  Model m(s, 7, 0);
  m.keep_attendee_ids(true);
  m.run();
  const RunResult& r = m.result();
  const Structure& st = m.structure();
  const std::set<int> pilot(s.phases[1].teams.begin(), s.phases[1].teams.end());
  int pilot_occurrences = 0, people = 0;
  for (const auto& o : r.occurrences) {
    if (s.programme[static_cast<std::size_t>(o.intervention)].phase != 1) continue;
    ++pilot_occurrences;
    for (auto i : o.attendee_ids) {
      ++people;
      CHECK(pilot.count(static_cast<int>(st.team_of[i])) == 1);
    }
  }
  CHECK(pilot_occurrences > 10);
  CHECK(people > 100);
  CHECK(r.phase_start == std::vector<int>{1, 9, -1});
  // The scale-up's interventions never ran.
  for (const auto& o : r.occurrences) CHECK(s.programme[static_cast<std::size_t>(o.intervention)].phase != 2);
}

TEST_CASE("rules: a rule fires exactly when its condition holds in last week's outputs") {
  Scenario s = test::shipped("reference.toml");
  s.weeks = 70;
  s.goal.week = 52;
  ProgrammeRule rule;
  rule.name = "Half apply";
  rule.observe = Observable::applying_share;
  rule.scope = RuleScope::group;
  rule.threshold = 0.3;
  for (int w = 1; w <= s.weeks; ++w) rule.check_weeks.push_back(w);
  rule.max_firings = 1;
  s.rules.push_back(rule);
  const RunResult r = run_replicate(s, 11, 0);
  REQUIRE(r.firings.size() == 1);
  const int w = r.firings[0].week;
  // The first week whose previous week's output crossed the threshold -- not the week itself.
  int expected = -1;
  for (int k = 1; k <= s.weeks && expected < 0; ++k)
    if (r.applying[static_cast<std::size_t>(k - 1)] >= 0.3f) expected = k;
  CHECK(w == expected);
  CHECK(r.applying[static_cast<std::size_t>(w - 2)] < 0.3f);
  CHECK(r.firings[0].value == doctest::Approx(r.applying[static_cast<std::size_t>(w - 1)]).epsilon(1e-6));
  // A rule that only observes does not change the run.
  Scenario plain = s;
  plain.rules.clear();
  const RunResult q = run_replicate(plain, 11, 0);
  CHECK(std::memcmp(q.applying.data(), r.applying.data(), q.applying.size() * sizeof(float)) == 0);
}

TEST_CASE("rules: weeks since the last session, per team, with a delay, a limit and the firing teams as target") {
  Scenario s = constructed();
  ProgrammeRule rule;
  rule.name = "Quiet";
  rule.observe = Observable::weeks_since_session;
  rule.scope = RuleScope::team;
  rule.when = RuleComparison::above;
  rule.threshold = 4;
  for (int w = 1; w <= s.weeks; ++w) rule.check_weeks.push_back(w);
  rule.delay = 2;
  rule.max_firings = 1;
  s.rules.push_back(rule);
  Intervention extra = test::session(InterventionType::intervision, {1, 3}, "Extra");
  extra.on_rule = 0;
  extra.target.roles = {Role::supervisor, Role::foreman};
  s.programme.push_back(extra);
  Model m(s, 3, 0);
  m.keep_attendee_ids(true);
  m.run();
  const RunResult& r = m.result();
  // Teams 1-3 never had a session: at week w, w - 1 weeks have passed; 4 first at week 5.
  // Team 0 had its training in week 3: 4 weeks have passed at the start of week 8.
  REQUIRE(r.firings.size() == 4);
  CHECK(r.firings[0].week == 5);
  CHECK(r.firings[0].teams == std::vector<int>{1});
  CHECK(r.firings[2].teams == std::vector<int>{3});
  CHECK(r.firings[3].week == 8);
  CHECK(r.firings[3].teams == std::vector<int>{0});
  CHECK(r.firings[3].value == 4.0);
  // Extra intervision: weeks 7 and 9 for teams 1-3 (fired in week 5, two weeks' delay), 10 and 12 for team 0.
  std::vector<std::pair<int, std::set<int>>> seen;
  for (const auto& o : r.occurrences)
    if (o.intervention == 1) {
      std::set<int> teams;
      for (auto i : o.attendee_ids) teams.insert(static_cast<int>(m.structure().team_of[i]));
      seen.emplace_back(o.week, teams);
    }
  REQUIRE(seen.size() == 4);
  CHECK(seen[0].first == 7);
  CHECK(seen[1].first == 9);
  CHECK(seen[2].first == 10);
  CHECK(seen[3].first == 12);
  for (int k : {0, 1}) CHECK(seen[static_cast<std::size_t>(k)].second.count(0) == 0);
  for (int k : {2, 3}) CHECK(seen[static_cast<std::size_t>(k)].second == std::set<int>{0});
}

TEST_CASE("rules: a rule-started phase starts at the firing plus the delay, or at its latest start") {
  Scenario s = constructed();
  s.weeks = 40;
  ProgrammeRule rule;
  rule.name = "Never";
  rule.observe = Observable::applying_share;
  rule.threshold = 1.0;
  rule.check_weeks = {10, 20};
  s.rules.push_back(rule);
  s.phases.push_back({"Later", {2}, 25, 0});
  Intervention iv = test::session(InterventionType::basic_training, {1, 2}, "Later training");
  iv.phase = 0;
  s.programme.push_back(iv);
  RunResult r = run_replicate(s, 1, 0);
  CHECK(r.firings.empty());
  CHECK(r.phase_start == std::vector<int>{25});
  std::vector<int> weeks;
  for (const auto& o : r.occurrences)
    if (o.intervention == 1) weeks.push_back(o.week);
  CHECK(weeks == std::vector<int>{25, 26});
  // With a threshold of 0 the rule fires at its first check; the phase starts three weeks later.
  s.rules[0].threshold = 0.0;
  s.rules[0].delay = 3;
  r = run_replicate(s, 1, 0);
  REQUIRE(r.firings.size() == 1);
  CHECK(r.firings[0].week == 10);
  CHECK(r.phase_start == std::vector<int>{13});
}

TEST_CASE("rules: results are bit-identical on 1 and 2 threads with rules active") {
  Scenario s = test::shipped("pilot-then-scale.toml");
  s.weeks = 70;
  const auto one = run_ensemble(s, 5, 3, 1);
  const auto two = run_ensemble(s, 5, 3, 2);
  bool fired = false;
  for (int k = 0; k < 3; ++k) {
    CHECK(same_series(one[static_cast<std::size_t>(k)], two[static_cast<std::size_t>(k)]));
    fired = fired || !one[static_cast<std::size_t>(k)].firings.empty();
  }
  CHECK(fired);
  // Agent blocks spread over threads inside one replicate, too.
  Scenario big = s;
  big.organisation.teams[0].count = 300;
  const RunResult serial = run_replicate(big, 5, 0);
  ThreadPool pool(2);
  CHECK(same_series(run_replicate(big, 5, 0, &pool), serial));
}

TEST_CASE("preconditions: the defaults change no parameter; each row moves its parameter") {
  const Parameters p;
  const Conditions none;
  CHECK(apply_conditions(p, none).value == p.value);
  Conditions c;
  c.state[static_cast<std::size_t>(idx(Precondition::time_for_practice))] = 0;  // missing
  std::vector<ConditionEffect> effects;
  const Parameters q = apply_conditions(p, c, &effects);
  CHECK(q[Param::apply_rate] == doctest::Approx(p[Param::apply_rate] * 0.5));
  CHECK(q[Param::workload_brake] == doctest::Approx(std::min(1.0, p[Param::workload_brake] * 1.5)));
  CHECK(effects.size() == 2);
  Conditions b;
  b.barrier[static_cast<std::size_t>(idx(BarrierLevel::user))] = {3, false};
  const Parameters u = apply_conditions(p, b);
  for (int k = 0; k < kCategories; ++k)
    CHECK(u.per_category(Param::readiness_innovator, static_cast<Category>(k)) ==
          doctest::Approx(p.per_category(Param::readiness_innovator, static_cast<Category>(k)) * 0.7));
  // Every row of the table moves its parameter in the direction its slope says.
  for (const ConditionRow& row : kConditionTable) {
    Conditions one;
    if (row.kind == ConditionKind::precondition) one.state[static_cast<std::size_t>(row.input)] = 0;
    else one.barrier[static_cast<std::size_t>(row.input)].rating = 3;
    const double after = apply_conditions(p, one)[row.param];
    if (row.slope < 0) CHECK(after < p[row.param]);
    else CHECK(after > p[row.param]);
  }
}

TEST_CASE("preconditions: stated as secured they leave results unchanged; missing time slows adoption") {
  Scenario s = test::shipped("reference.toml");
  Scenario secured = parse_scenario(to_toml(s) + "\n[preconditions]\ntime_for_practice = \"secured\"\nbudget = \"secured\"\n", "secured.toml");
  s.weeks = secured.weeks = 52;
  const RunResult base = run_replicate(s, 2, 0);
  CHECK(same_series(run_replicate(secured, 2, 0), base));
  Scenario missing = s;
  missing.conditions.state[static_cast<std::size_t>(idx(Precondition::time_for_practice))] = 0;
  const auto with = run_ensemble(s, 4, 8, 2), without = run_ensemble(missing, 4, 8, 2);
  double a = 0, b = 0;
  for (int k = 0; k < 8; ++k) {
    a += with[static_cast<std::size_t>(k)].applying[52] / 8.0;
    b += without[static_cast<std::size_t>(k)].applying[52] / 8.0;
  }
  CHECK(b < a - 0.05);  // eight replicates; the halved application hazard costs well over 5 points
}

TEST_CASE("preconditions, phases and rules round-trip through the scenario writer") {
  Scenario s = test::shipped("pilot-then-scale.toml");
  s.conditions.state[static_cast<std::size_t>(idx(Precondition::time_for_practice))] = 1;
  s.conditions.state[static_cast<std::size_t>(idx(Precondition::management_support))] = 0;
  s.conditions.barrier[static_cast<std::size_t>(idx(BarrierLevel::organisation))] = {2, false};
  s.rules[1].check_weeks = {12, 30, 31};
  const std::string text = to_toml(s);
  const Scenario back = parse_scenario(text, "written.toml");
  CHECK(to_toml(back) == text);
  CHECK(back.conditions == s.conditions);
  CHECK(back.phases == s.phases);
  CHECK(back.rules == s.rules);
  for (std::size_t k = 0; k < s.programme.size(); ++k) {
    CHECK(back.programme[k].phase == s.programme[k].phase);
    CHECK(back.programme[k].on_rule == s.programme[k].on_rule);
    CHECK(back.programme[k].weeks == s.programme[k].weeks);
  }
  CHECK(apply_conditions(back.parameters, back.conditions).value == apply_conditions(s.parameters, s.conditions).value);
  CHECK(text.find("management_support = \"missing\"") != std::string::npos);
  CHECK(text.find("organisation = { rating = 2, changeable = false }") != std::string::npos);
}
