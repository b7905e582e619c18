// The seeds' dynamic claims about erosion and maintenance (docs/validation.md), as seeded
// statistical tests over replicates. Each prints its measured effect (MESSAGE) with a 90 %
// interval (mean +- 1.645 standard errors of the paired differences); docs/validation.md
// quotes these figures.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "ensemble.hpp"
#include "fixtures.hpp"
#include "model.hpp"

using namespace adoptsim;
using test::session;
using test::small_organisation;

namespace {

struct Paired {
  double mean = 0, se = 0;
  double low() const { return mean - 1.645 * se; }
  double high() const { return mean + 1.645 * se; }
};
template <class F>
Paired paired(const std::vector<RunResult>& a, const std::vector<RunResult>& b, F stat) {
  std::vector<double> d;
  for (std::size_t k = 0; k < a.size(); ++k) d.push_back(stat(a[k]) - stat(b[k]));
  double m = 0, v = 0;
  for (double x : d) m += x / static_cast<double>(d.size());
  for (double x : d) v += (x - m) * (x - m) / static_cast<double>(d.size() - 1);
  return {m, std::sqrt(v / static_cast<double>(d.size()))};
}
// Mean and standard error of a per-replicate statistic.
template <class F>
Paired over(const std::vector<RunResult>& runs, F stat) {
  std::vector<double> x;
  for (const auto& r : runs) x.push_back(stat(r));
  double m = 0, v = 0;
  for (double y : x) m += y / static_cast<double>(x.size());
  for (double y : x) v += (y - m) * (y - m) / static_cast<double>(x.size() - 1);
  return {m, std::sqrt(v / static_cast<double>(x.size()))};
}

// The reference programme over four years; `support` keeps refreshers, intervision and coaching
// going after the training year, otherwise every session after week 52 is dropped (communication
// and onboarding of new hires continue in both).
Scenario four_years(bool support) {
  Scenario s = test::shipped("reference.toml");
  s.weeks = 208;
  s.goal.week = 52;
  for (auto& iv : s.programme) {
    if (iv.type == InterventionType::communication || iv.type == InterventionType::onboarding) {
      iv.weeks.clear();
      for (int w = 1; w <= 208; w += iv.type == InterventionType::communication ? 4 : 13) iv.weeks.push_back(w);
      continue;
    }
    std::erase_if(iv.weeks, [](int w) { return w > 52; });
    if (!support) continue;
    const int every = iv.type == InterventionType::refresher ? 13 : iv.type == InterventionType::intervision ? 8 : 0;
    if (every > 0)
      for (int w = 52 + every; w <= 208; w += every) iv.weeks.push_back(w);
  }
  std::erase_if(s.programme, [](const Intervention& iv) { return iv.weeks.empty(); });
  return s;
}

std::string interval(const Paired& d) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.3f [%.3f, %.3f]", d.mean, d.low(), d.high());
  return buf;
}

}  // namespace

TEST_CASE("seed 000 phase 5: when support stops after the training year, application erodes") {
  const auto runs = run_ensemble(four_years(false), 31, 40, 2);
  // Within each replicate: the share applying at week 208 minus its value at week 60.
  const Paired change = over(runs, [](const RunResult& r) { return static_cast<double>(r.applying[208]) - r.applying[60]; });
  MESSAGE("share applying, week 208 minus week 60, no support after week 52: " << interval(change));
  CHECK(change.high() < -0.05);  // a clear loss of application
  // And skill of the trained (Kirkpatrick L2) wears off too.
  const Paired skill = over(runs, [](const RunResult& r) { return static_cast<double>(r.kirkpatrick[208 * 4 + 1]) - r.kirkpatrick[56 * 4 + 1]; });
  MESSAGE("skill of the trained, week 208 minus week 56: " << interval(skill));
  CHECK(skill.high() < -0.02);
}

TEST_CASE("seed 000 phase 5: refreshers and intervision after the training year keep more people applying") {
  const auto with = run_ensemble(four_years(true), 37, 40, 2), without = run_ensemble(four_years(false), 37, 40, 2);
  const Paired d104 = paired(with, without, [](const RunResult& r) { return r.applying[104]; });
  const Paired d208 = paired(with, without, [](const RunResult& r) { return r.applying[208]; });
  MESSAGE("share applying, continued support minus none, week 104: " << interval(d104) << "; week 208: " << interval(d208));
  CHECK(d208.low() > 0.05);
  CHECK(d208.mean > d104.mean);  // the gap widens the longer support has been missing
}

TEST_CASE("erosion: an applier's skill wears off after consolidation, more slowly than a non-applier's") {
  // Everyone starts skilled and nobody gets a session; appliers are made by direct adoption.
  Scenario s = small_organisation(6, 10, 3, 80);
  s.parameters[Param::skill_initial_max] = 0.0;
  s.parameters[Param::turnover_annual] = 0;
  for (Param x : {Param::relapse_base, Param::relapse_resistance, Param::relapse_low_skill, Param::relapse_workload, Param::relapse_unsupported})
    s.parameters[x] = 0;
  s.parameters[Param::awareness_base] = 0;
  s.parameters[Param::adoption_innovation] = 5.0;  // everyone applies from week 1
  Model m(s, 3, 0);
  for (int i = 0; i < m.structure().people; ++i) const_cast<Agents&>(m.agents()).skill[static_cast<std::size_t>(i)] = 0.8f;
  m.step();
  const double week1 = m.result().skill_mean[1];
  while (m.week() < 12) m.step();  // consolidation: practice raises skill
  const double week12 = m.result().skill_mean[12];
  CHECK(week12 > week1);
  while (!m.done()) m.step();
  const double week80 = m.result().skill_mean[80];
  // 68 weeks at decay 0.015 x (1 - 0.5): 0.8-ish x (1 - 0.0075)^68 = x 0.60
  CHECK(week80 < week12 * 0.65);
  CHECK(week80 > week12 * 0.55);
  MESSAGE("appliers' mean skill: week 12 " << week12 << ", week 80 " << week80 << " (no session since week 0)");
}

TEST_CASE("erosion: the relapse hazard grows with the time since the last session, and relapsers come back only with support") {
  // Everyone applies at week 0 with high skill; no sessions ever. Relapse comes only from the
  // unsupported term (the others at zero); no routine, so no maintenance protection.
  Scenario s = small_organisation(10, 20, 0, 150);
  Parameters& p = s.parameters;
  p[Param::turnover_annual] = 0;
  for (Param x : {Param::relapse_base, Param::relapse_resistance, Param::relapse_low_skill, Param::relapse_workload}) p[x] = 0;
  p[Param::relapse_unsupported] = 0.02;
  p[Param::routine_rate] = 0;
  p[Param::comeback_pull] = 0;
  auto applying_from_start = [](const Scenario& sc) {
    auto m = std::make_unique<Model>(sc, 9, 0);
    auto& a = const_cast<Agents&>(m->agents());
    for (int i = 0; i < m->structure().people; ++i) {
      a.stage[static_cast<std::size_t>(i)] = Stage::change;
      a.skill[static_cast<std::size_t>(i)] = 0.9f;
    }
    return m;
  };
  auto m = applying_from_start(s);
  std::vector<double> share{1.0};
  bool never_rose = true;
  while (!m->done()) {
    m->step();
    share.push_back(m->result().applying[static_cast<std::size_t>(m->week())]);
    never_rose = never_rose && share.back() <= share[share.size() - 2];
  }
  // Per-capita relapse rate -ln(A(t2)/A(t1))/(t2-t1): weeks 1-26 (the hazard ramps up, a
  // quarter of its full value on average) against weeks 100-150 (its full value 0.02).
  const double early = -std::log(share[26] / share[1]) / 25, late = -std::log(share[150] / share[100]) / 50;
  MESSAGE("weekly relapse rate of appliers without support, weeks 1-26: " << early << ", weeks 100-150: " << late);
  CHECK(late > 2.5 * early);
  CHECK(late == doctest::Approx(0.02).epsilon(0.3));
  // Relapsers do not come back by time alone: the share applying never rises.
  CHECK(never_rose);
  CHECK(share.back() < 0.3);
  // With colleagues' pull they do come back: applying ends clearly higher.
  Scenario u = s;
  u.parameters[Param::comeback_pull] = 0.5;
  auto mu = applying_from_start(u);
  mu->run();
  MESSAGE("share applying at week 150: without support " << share.back() << ", with colleagues' pull " << mu->result().applying[150]);
  CHECK(mu->result().applying[150] > share.back() + 0.1);
}

TEST_CASE("seed 000 phase 4: coaching on the job makes the method stick (beklijft)") {
  const Scenario with = test::shipped("reference.toml");
  Scenario without = with;
  std::erase_if(without.programme, [](const Intervention& iv) { return iv.type == InterventionType::coaching_on_the_job; });
  const auto a = run_ensemble(with, 41, 40, 2), b = run_ensemble(without, 41, 40, 2);
  const Paired skill = paired(a, b, [](const RunResult& r) { return r.kirkpatrick[78 * 4 + 1]; });
  const Paired applying = paired(a, b, [](const RunResult& r) { return r.applying[78]; });
  MESSAGE("with coaching minus without, week 78: skill of the trained " << interval(skill) << ", share applying " << interval(applying));
  CHECK(skill.low() > 0);
  CHECK(applying.low() > 0);
}
