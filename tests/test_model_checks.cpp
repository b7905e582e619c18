// The checks of MODEL.md §12 and the plausibility of §14, as seeded statistical tests.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "ensemble.hpp"
#include "fixtures.hpp"
#include "model.hpp"
#include "parallel.hpp"
#include "summary.hpp"

using namespace adoptsim;

namespace {

// Paired differences a - b of a per-replicate statistic: mean and standard error.
struct Paired {
  double mean = 0, se = 0;
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

template <class T>
bool same_bits(const std::vector<T>& x, const std::vector<T>& y) {
  return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(T)) == 0;
}

bool identical(const RunResult& a, const RunResult& b) {
  return same_bits(a.applying, b.applying) && same_bits(a.goal_share, b.goal_share) && same_bits(a.stage_category_role, b.stage_category_role) &&
         same_bits(a.needs_by_category, b.needs_by_category) && same_bits(a.skill_mean, b.skill_mean) &&
         same_bits(a.resistance_mean, b.resistance_mean) && same_bits(a.cost_cumulative, b.cost_cumulative) &&
         same_bits(a.kirkpatrick, b.kirkpatrick) && same_bits(a.stage_by_team, b.stage_by_team) && same_bits(a.skill, b.skill) &&
         same_bits(a.adoption_week, b.adoption_week) && a.goal_week == b.goal_week && a.total_cost == b.total_cost;
}

// The discrete Bass curve F(t+1) = F(t) + (p + q F(t)) (1 - F(t)), F(0) = 0.
std::vector<double> bass_curve(double p, double q, int weeks) {
  std::vector<double> f{0.0};
  for (int t = 0; t < weeks; ++t) f.push_back(f.back() + (p + q * f.back()) * (1 - f.back()));
  return f;
}

}  // namespace

TEST_CASE("Bass reduction: the mean adoption curve is the discrete Bass curve") {
  const Scenario s = test::shipped("bass.toml");
  const int replicates = 30;
  const auto runs = run_ensemble(s, 2024, replicates, 2);
  const auto exact = bass_curve(s.parameters[Param::bass_p], s.parameters[Param::bass_q], s.weeks);
  const double n = s.bass_agents;
  for (int t = 0; t <= s.weeks; ++t) {
    double mean = 0;
    for (const auto& r : runs) mean += r.applying[static_cast<std::size_t>(t)] / replicates;
    // Sampling error of a mean of binomial shares, plus a bound on the O(1/N) mean-field bias.
    const double se = std::sqrt(exact[static_cast<std::size_t>(t)] * (1 - exact[static_cast<std::size_t>(t)]) / n / replicates);
    CAPTURE(t);
    CHECK(std::abs(mean - exact[static_cast<std::size_t>(t)]) < 5 * se + 2.0 / n);
  }
}

TEST_CASE("Bass reduction on a network: adoption follows p + q * share of adopting neighbours") {
  Scenario s = test::shipped("bass.toml");
  s.organisation.network.kind = NetworkKind::small_world;
  s.organisation.network.degree = 10;
  s.organisation.network.rewire = 1.0;  // a random graph: close to mean field, slower than complete
  const auto runs = run_ensemble(s, 7, 10, 2);
  const auto exact = bass_curve(s.parameters[Param::bass_p], s.parameters[Param::bass_q], s.weeks);
  double mean = 0;
  for (const auto& r : runs) mean += r.applying[10] / 10.0;
  CHECK(mean == doctest::Approx(exact[10]).epsilon(0.15));
  CHECK(runs[0].applying[s.weeks] > 0.99);
}

TEST_CASE("determinism: the same scenario and seed give bit-identical results on 1 and 2 threads") {
  const Scenario s = test::shipped("reference.toml");
  const auto one = run_ensemble(s, 99, 4, 1);
  const auto two = run_ensemble(s, 99, 4, 2);
  for (int k = 0; k < 4; ++k) CHECK(identical(one[static_cast<std::size_t>(k)], two[static_cast<std::size_t>(k)]));
  // A replicate is a pure function of (scenario, seed, replicate): run alone, it is the same.
  CHECK(identical(run_replicate(s, 99, 3), one[3]));
  CHECK_FALSE(identical(one[0], one[1]));
}

TEST_CASE("determinism: agent blocks spread over threads give bit-identical results") {
  Scenario s = test::shipped("reference.toml");
  s.organisation.teams.resize(1);
  s.organisation.teams[0].count = 700;  // about 12,600 people: four agent blocks
  s.organisation.teams[0].fixed = {};
  for (auto& iv : s.programme) iv.target.teams.clear();
  s.weeks = 30;
  const RunResult serial = run_replicate(s, 5, 0);
  for (int threads : {2, 3}) {
    ThreadPool pool(threads);
    CHECK(identical(run_replicate(s, 5, 0, &pool), serial));
  }
}

TEST_CASE("category order: innovators adopt first, laggards last") {
  const Scenario s = test::shipped("reference.toml");
  const auto runs = run_ensemble(s, 1, 40, 2);
  std::array<double, kCategories> sum{}, n{};
  for (const auto& r : runs)
    for (std::size_t i = 0; i < r.category.size(); ++i)
      if (is_method_user(static_cast<Role>(r.role[i])) && r.adoption_week[i] >= 0) {
        sum[static_cast<std::size_t>(r.category[i])] += r.adoption_week[i];
        ++n[static_cast<std::size_t>(r.category[i])];
      }
  for (int c = 0; c + 1 < kCategories; ++c) {
    CAPTURE(c);
    CHECK(sum[c] / n[c] < sum[c + 1] / n[c + 1]);
  }
}

TEST_CASE("masterclasses for managers before the supervisors' training beat the managers trained last") {
  const Scenario first = test::shipped("reference.toml");
  Scenario last = first;
  for (auto& iv : last.programme)
    if (iv.type == InterventionType::masterclass) iv.weeks = {56, 58, 60};  // after the training year
  const auto a = run_ensemble(first, 11, 40, 2), b = run_ensemble(last, 11, 40, 2);
  const Paired d = paired(a, b, [](const RunResult& r) { return r.applying[52]; });
  CAPTURE(d.mean);
  CAPTURE(d.se);
  CHECK(d.mean > 0.02);
  CHECK(d.mean > 3 * d.se);
}

TEST_CASE("intervision groups of 8 beat groups of 16 on learning") {
  const Scenario eight = test::shipped("reference.toml");
  Scenario sixteen = eight;
  for (auto& iv : sixteen.programme)
    if (iv.type == InterventionType::intervision) iv.group_size = 16;
  const auto a = run_ensemble(eight, 13, 30, 2), b = run_ensemble(sixteen, 13, 30, 2);
  auto intervision_gain = [](const RunResult& r) {
    double gain = 0, n = 0;
    for (const auto& o : r.occurrences)
      if (o.type == InterventionType::intervision) {
        gain += o.mean_gain * o.attendees;
        n += o.attendees;
      }
    return gain / n;
  };
  const Paired per_session = paired(a, b, intervision_gain);
  CHECK(per_session.mean > 0);
  CHECK(per_session.mean > 5 * per_session.se);
  const Paired skill = paired(a, b, [](const RunResult& r) { return r.kirkpatrick[static_cast<std::size_t>(r.weeks) * 4 + 1]; });
  CAPTURE(skill.mean);
  CAPTURE(skill.se);
  CHECK(skill.mean > 3 * skill.se);
}

TEST_CASE("plausibility (MODEL.md §14): the reference programme versus communication alone") {
  const Scenario reference = test::shipped("reference.toml");
  Scenario talk = reference;
  std::erase_if(talk.programme, [](const Intervention& iv) { return iv.type != InterventionType::communication; });
  const auto runs = run_ensemble(reference, 21, 40, 2), quiet = run_ensemble(talk, 21, 20, 2);
  const EnsembleSummary sum = summarise(reference, runs), none = summarise(talk, quiet);
  // Communication alone: well under 10 % after two years.
  CHECK(none.applying_at.back().p95 < 0.10);
  // The programme: an S-shape over the training year, a broad band, the goal reachable but not certain.
  CHECK(sum.applying_at[0].mean < 0.05);                   // week 13
  CHECK(sum.applying_at[1].mean > 0.10);                   // week 26
  CHECK(sum.applying_at[2].mean > sum.applying_at[1].mean + 0.25);  // week 52
  CHECK(sum.applying_at[2].p95 - sum.applying_at[2].p05 > 0.05);
  CHECK(sum.goal_probability > 0.1);
  CHECK(sum.goal_probability < 0.9);
  // A sizeable part of the laggards still does not apply at the end.
  double laggards = 0;
  for (const auto& r : runs) laggards += r.applying_by_category[static_cast<std::size_t>(r.weeks) * kCategories + idx(Category::laggard)] / 40.0;
  CHECK(laggards < 0.75);
}
