// Comparing programmes on common random numbers: the statistics, the metrics, the paired
// differences and the files of `adoptsim compare`.
#include <doctest/doctest.h>

#include <cmath>

#include "comparison.hpp"
#include "comparison_files.hpp"
#include "costs.hpp"
#include "ensemble.hpp"
#include "fixtures.hpp"
#include "knobs.hpp"
#include "scenario_writer.hpp"
#include "rng.hpp"
#include "statistics.hpp"

using namespace adoptsim;

namespace {

double sd(const std::vector<double>& v) {
  double m = 0, s = 0;
  for (double x : v) m += x / static_cast<double>(v.size());
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

}  // namespace

TEST_CASE("Wilson interval and t quantiles: known values") {
  const Proportion half = wilson(5, 10, 1.959964);
  CHECK(half.estimate == 0.5);
  CHECK(half.low == doctest::Approx(0.2366).epsilon(1e-3));
  CHECK(half.high == doctest::Approx(0.7634).epsilon(1e-3));
  const Proportion none = wilson(0, 20), all = wilson(20, 20);
  CHECK(none.low == 0);
  CHECK(none.high == doctest::Approx(2.7055 / 22.7055).epsilon(1e-3));  // z^2 / (n + z^2)
  CHECK(all.high == 1);
  CHECK(all.low == doctest::Approx(20 / 22.7055).epsilon(1e-3));
  CHECK(t_quantile(1.644854, 7) == doctest::Approx(1.8946).epsilon(1e-3));
  CHECK(t_quantile(2.575829, 10) == doctest::Approx(3.1693).epsilon(2e-3));
  CHECK(t_quantile(1.959964, 1000) == doctest::Approx(1.9623).epsilon(1e-3));
}

TEST_CASE("the paired difference of two probabilities: its 90 % interval covers the truth about 90 % of the time") {
  // Outcomes of A and B on the same replicates, positively correlated as common random numbers
  // make them: P(A) = 0.6, P(B) = 0.7, P(both) = 0.55.
  Engine rng = make_engine(7, 0, Stream::programme, 0);
  const int trials = 2000, n = 60;
  int covered = 0;
  double width_paired = 0, width_independent = 0;
  for (int t = 0; t < trials; ++t) {
    std::vector<bool> a, b;
    for (int r = 0; r < n; ++r) {
      const double u = uniform01d(rng);
      a.push_back(u < 0.6);                       // both: u < 0.55; only A: 0.55 - 0.60
      b.push_back(u < 0.55 || (u >= 0.6 && u < 0.75));  // only B: 0.60 - 0.75
    }
    const Difference d = paired_difference(paired_counts(a, b));
    CHECK(d.low <= d.estimate);
    CHECK(d.estimate <= d.high);
    if (d.low <= 0.1 && 0.1 <= d.high) ++covered;
    width_paired += (d.high - d.low) / trials;
    // The same data treated as unpaired (Newcombe's square-and-add from the margins only).
    const auto c = paired_counts(a, b);
    const double pa = static_cast<double>(c.both + c.only_a) / n, pb = static_cast<double>(c.both + c.only_b) / n;
    const Proportion wa = wilson(c.both + c.only_a, n), wb = wilson(c.both + c.only_b, n);
    width_independent += (std::sqrt((pb - wb.low) * (pb - wb.low) + (wa.high - pa) * (wa.high - pa)) +
                          std::sqrt((wb.high - pb) * (wb.high - pb) + (pa - wa.low) * (pa - wa.low))) / trials;
  }
  const double coverage = static_cast<double>(covered) / trials;
  CAPTURE(coverage);
  CHECK(coverage > 0.87);  // nominal 0.90; the continuity correction errs on the safe side
  CHECK(coverage < 0.97);
  CHECK(width_paired < 0.8 * width_independent);  // pairing is what common random numbers buy
}

TEST_CASE("common random numbers: a programme compared with itself differs by exactly zero") {
  const Scenario s = test::shipped("reference.toml");
  const std::vector<std::vector<RunResult>> runs{run_ensemble(s, 4, 12, 2), run_ensemble(s, 4, 12, 1)};
  const Comparison c = compare_programmes(s, runs);
  REQUIRE(c.summary.size() == 2);
  CHECK_FALSE(c.summary[0][0].has_difference);
  for (std::size_t k = 0; k < c.metrics.size(); ++k) {
    CAPTURE(c.metrics[k].name);
    const MetricSummary& m = c.summary[1][k];
    REQUIRE(m.has_difference);
    CHECK(m.difference.mean == 0.0);
    if (c.metrics[k].kind != MetricKind::probability) {
      CHECK(m.difference.p05 == 0.0);
      CHECK(m.difference.p95 == 0.0);
    } else {
      CHECK(m.difference.p05 <= 0.0);  // a confidence interval: zero observed, zero possible
      CHECK(m.difference.p95 >= 0.0);
    }
    for (std::size_t r = 0; r < 12; ++r) {
      const double x = c.values[0][k][r], y = c.values[1][k][r];
      CHECK((x == y || (std::isnan(x) && std::isnan(y))));
    }
  }
}

TEST_CASE("common random numbers make paired differences far tighter than independent runs") {
  const Scenario first = test::shipped("reference.toml");
  const Scenario last = test::shipped("managers-last.toml");
  const auto a = run_ensemble(first, 8, 30, 2), b = run_ensemble(last, 8, 30, 2), b_other = run_ensemble(last, 9, 30, 2);
  const Comparison paired = compare_programmes(first, {a, b});
  const int k = paired.metric("applying_week_52");
  REQUIRE(k >= 0);
  std::vector<double> d_paired, d_independent;
  for (std::size_t r = 0; r < 30; ++r) {
    d_paired.push_back(b[r].applying[52] - a[r].applying[52]);
    d_independent.push_back(b_other[r].applying[52] - a[r].applying[52]);
  }
  CHECK(paired.summary[1][static_cast<std::size_t>(k)].difference.mean == doctest::Approx(interval_of(d_paired).mean));
  CHECK(sd(d_paired) < 0.6 * sd(d_independent));
  // Managers trained last: lower adoption at the deadline in (nearly) every replicate.
  CHECK(paired.summary[1][static_cast<std::size_t>(k)].difference.p95 < 0);
  // Different replicates are refused: there would be no pairing.
  CHECK_THROWS_AS(compare_programmes(first, {a, b_other}), std::invalid_argument);
}

TEST_CASE("comparison metrics: each is what its name says") {
  Scenario s = test::shipped("reference.toml");
  s.budget = 830000;
  const auto runs = run_ensemble(s, 2, 6, 2);
  const auto metrics = comparison_metrics(s);
  const auto values = metric_values(metrics, s, runs);
  auto at = [&](const std::string& name) {
    for (std::size_t k = 0; k < metrics.size(); ++k)
      if (metrics[k].name == name) return values[k];
    FAIL("no metric " << name);
    return std::vector<double>{};
  };
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const RunResult& run = runs[r];
    CHECK(at("applying_week_52")[r] == doctest::Approx(run.applying[52]));
    CHECK(at("applying_week_104")[r] == doctest::Approx(run.applying[104]));
    CHECK(at("goal_probability")[r] == (run.goal_week >= 0 && run.goal_week <= 52 ? 1.0 : 0.0));
    CHECK(at("over_budget")[r] == (run.total_cost > 830000 ? 1.0 : 0.0));
    double kinds = 0;
    for (int k = 0; k < kCostKinds; ++k) kinds += at("cost_" + std::string(kCostKindNames[static_cast<std::size_t>(k)]))[r];
    CHECK(kinds == doctest::Approx(run.total_cost).epsilon(1e-12));
    CHECK(at("total_cost")[r] == run.total_cost);
    CHECK(at("kirkpatrick_L2_learning")[r] == doctest::Approx(run.kirkpatrick[104 * 4 + 1]));
  }
  Scenario no_budget = s;
  no_budget.budget = 0;
  for (const auto& m : comparison_metrics(no_budget)) CHECK(m.name != "over_budget");
}

TEST_CASE("aligning programmes: one goal and budget for all, notes on what else differs, one horizon") {
  Scenario a = test::shipped("reference.toml");
  Scenario b = test::shipped("managers-last.toml");
  b.goal.share = 0.5;
  b.budget = 1;
  Scenario c = a;
  c.parameters[Param::safety_familiarity] = 0.5;
  c.organisation.teams[0].supervisors += 1;
  std::vector<Scenario> programmes{a, b, c};
  const auto notes = align_for_comparison(programmes, {"a.toml", "b.toml", "c.toml"});
  CHECK(programmes[1].goal.share == a.goal.share);
  CHECK(programmes[1].budget == a.budget);
  auto mentions = [&](const std::string& who, const std::string& what) {
    for (const auto& n : notes)
      if (n.rfind(who, 0) == 0 && n.find(what) != std::string::npos) return true;
    return false;
  };
  CHECK(mentions("b.toml", "goal"));
  CHECK(mentions("b.toml", "budget"));
  CHECK_FALSE(mentions("b.toml", "organisation"));
  CHECK(mentions("c.toml", "organisation"));
  CHECK(mentions("c.toml", "safety.familiarity"));
  Scenario shorter = a;
  shorter.weeks = 52;
  std::vector<Scenario> mismatched{a, shorter};
  CHECK_THROWS_AS(align_for_comparison(mismatched, {}), std::invalid_argument);
}

TEST_CASE("the shipped variants are the reference programme with one knob turned") {
  const Scenario reference = test::shipped("reference.toml");
  // Plain variables, not structured bindings: clang 14 cannot capture bindings in CAPTURE's lambda.
  for (const auto& variant_knob : {std::pair{"managers-last.toml", "masterclasses_first"}, {"voluntary-training.toml", "mandatory"}}) {
    const char* const file = variant_knob.first;
    const char* const knob = variant_knob.second;
    CAPTURE(file);
    Scenario variant = test::shipped(file);
    ProgrammeKnobs k = read_knobs(reference);
    set_knob(k, knob, 0);
    CHECK(read_knobs(variant) == k);
    variant.name = reference.name;
    variant.description = reference.description;
    CHECK(to_toml(variant) == to_toml(apply_knobs(reference, k)));
  }
}

TEST_CASE("compare.csv and costs.csv: one row per programme and metric, costs that add up") {
  const Scenario s = test::shipped("reference.toml");
  const std::vector<std::vector<RunResult>> runs{run_ensemble(s, 1, 4, 2), run_ensemble(test::shipped("voluntary-training.toml"), 1, 4, 2)};
  const Comparison c = compare_programmes(s, runs);
  std::vector<ComparedProgramme> programmes{{"reference", "a", "", &runs[0], cost_breakdown(runs[0])},
                                            {"voluntary, training", "b", "", &runs[1], cost_breakdown(runs[1])}};
  const std::string csv = comparison_csv(programmes, c);
  CHECK(csv.rfind("programme,metric,mean,p05,p95,diff_mean,diff_p05,diff_p95\n", 0) == 0);
  CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) == 1 + 2 * c.metrics.size());
  CHECK(csv.find("\nreference,total_cost,") != std::string::npos);
  CHECK(csv.find("\nreference,goal_probability,") != std::string::npos);
  CHECK(csv.find("\n\"voluntary, training\",cost_staff_time,") != std::string::npos);
  const auto first_row = csv.substr(csv.find('\n') + 1, csv.find('\n', csv.find('\n') + 1) - csv.find('\n') - 1);
  CHECK(first_row.substr(first_row.size() - 3) == ",,,");  // the first programme has no difference

  const std::string costs = costs_csv(programmes);
  CHECK(costs.rfind("programme,item,kind,mean,p05,p95\n", 0) == 0);
  CHECK(costs.find("\nreference,programme,project_leader,") != std::string::npos);
  CHECK(costs.find("\nreference,basic_training,trainer,") != std::string::npos);
  // The rows of a programme: its cells add up to its row totals and the grand total.
  double cells = 0, total = 0;
  std::size_t pos = 0;
  while ((pos = costs.find("\nreference,", pos)) != std::string::npos) {
    const auto end = costs.find('\n', pos + 1);
    const std::string line = costs.substr(pos + 1, end - pos - 1);
    std::vector<std::string> f;
    for (std::size_t a = 0, b; a <= line.size(); a = b + 1) {
      b = line.find(',', a);
      if (b == std::string::npos) b = line.size();
      f.push_back(line.substr(a, b - a));
    }
    if (f[1] != "total" && f[2] != "total") cells += std::stod(f[3]);
    if (f[1] == "total" && f[2] == "total") total = std::stod(f[3]);
    pos = end;
  }
  CHECK(cells == doctest::Approx(total).epsilon(1e-9));
  CHECK(total == doctest::Approx(cost_breakdown(runs[0]).total.mean));
}

TEST_CASE("programme labels are unique: shared names are numbered, in order, with one warning per name") {
  std::vector<std::string> warnings;
  const auto names = adoptsim::unique_programme_names({"a", "b", "a", "a #2"}, {"x.toml", "y.toml", "z.toml", "w.toml"}, &warnings);
  REQUIRE(names.size() == 4);
  CHECK(names[0] == "a #1");
  CHECK(names[1] == "b");
  CHECK(names[2] == "a #2");
  CHECK(names[3] != names[2]);  // a file really named "a #2" still gets its own label
  CHECK(warnings.size() == 1);
  CHECK(adoptsim::unique_programme_names({"a", "b"}, {}, &warnings) == std::vector<std::string>{"a", "b"});
}
