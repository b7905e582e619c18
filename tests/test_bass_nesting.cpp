// The full model nests the Bass model (docs/ODD.md "Direct adoption: the Bass nesting"): with
// every staged hazard at zero and the direct adoption hazard p + q [(1 - w) exposure + w share]
// switched on, the mean adoption curve of the *full* model equals the discrete Bass curve in
// hazard form, F(t+1) = F(t) + (1 - F(t)) (1 - exp(-(p + q m F(t)))), A(t) = m N F(t), within
// sampling error at every week: on a complete network, and with w = 1 on a measured network.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "ensemble.hpp"
#include "fixtures.hpp"
#include "model.hpp"
#include "posterior.hpp"
#include "scenario_loader.hpp"

using namespace adoptsim;
namespace fs = std::filesystem;

namespace {

// The shared diffusion data: $ADOPTSIM_SHARED_DATA, else ../shared/data beside the repository.
std::string shared_data(const std::string& file) {
  const char* env = std::getenv("ADOPTSIM_SHARED_DATA");
  return (env && *env ? fs::path(env) : fs::path(test::source_path("../shared/data"))) / file;
}

// Every staged hazard, turnover and relapse at zero: only the direct hazard moves anyone.
void staged_off(Scenario& s) {
  Parameters& p = s.parameters;
  for (const char* family : {"readiness.*", "norm_sensitivity.*", "mandate_sensitivity.*"})
    for (Param row : param_rows_named(family)) p[row] = 0;
  for (Param x : {Param::awareness_base, Param::awareness_exposure, Param::apply_rate, Param::relapse_base, Param::relapse_resistance,
                  Param::relapse_low_skill, Param::relapse_workload, Param::relapse_unsupported, Param::turnover_annual, Param::routine_rate})
    p[x] = 0;
}

std::vector<double> bass_curve(double p, double q, double m, int weeks) {
  std::vector<double> share{0.0};  // A(t) / N
  double f = 0;
  for (int t = 1; t <= weeks; ++t) {
    f += (1 - f) * -std::expm1(-(p + q * m * f));
    share.push_back(m * f);
  }
  return share;
}

// Per week: mean and standard error over replicates of the share of everyone applying.
struct Curve {
  std::vector<double> mean, se;
};
Curve everyone_applying(const std::vector<RunResult>& runs, int weeks) {
  Curve c;
  for (int w = 0; w <= weeks; ++w) {
    double sum = 0, sum2 = 0;
    for (const auto& r : runs) {
      std::int64_t applying = 0, all = 0;
      const std::size_t base = static_cast<std::size_t>(w) * kCategories * kRoles * kStages;
      for (std::size_t k = 0; k < static_cast<std::size_t>(kCategories * kRoles * kStages); ++k) {
        const auto n = r.stage_category_role[base + k];
        all += n;
        if (is_applying(static_cast<Stage>(k % kStages))) applying += n;
      }
      const double x = static_cast<double>(applying) / static_cast<double>(all);
      sum += x;
      sum2 += x * x;
    }
    const double n = static_cast<double>(runs.size()), mean = sum / n;
    c.mean.push_back(mean);
    c.se.push_back(std::sqrt(std::max(0.0, (sum2 / n - mean * mean) * n / (n - 1)) / n));
  }
  return c;
}

void check_nesting(const Scenario& s, double p, double q, double m, int replicates) {
  const auto runs = run_ensemble(s, 2026, replicates, 2);
  const Curve c = everyone_applying(runs, s.weeks);
  const auto bass = bass_curve(p, q, m, s.weeks);
  double worst = 0;
  for (int w = 1; w <= s.weeks; ++w) {
    // Tolerance: four standard errors of the mean, plus 0.002 for the finite-population
    // (mean-field) difference between the expected curve and the deterministic recursion.
    const double z = std::abs(c.mean[static_cast<std::size_t>(w)] - bass[static_cast<std::size_t>(w)]) / (c.se[static_cast<std::size_t>(w)] + 1e-12);
    worst = std::max(worst, z);
    CAPTURE(w);
    CAPTURE(c.mean[static_cast<std::size_t>(w)]);
    CAPTURE(bass[static_cast<std::size_t>(w)]);
    CHECK(std::abs(c.mean[static_cast<std::size_t>(w)] - bass[static_cast<std::size_t>(w)]) <= 4 * c.se[static_cast<std::size_t>(w)] + 0.002);
  }
  MESSAGE("largest difference from the Bass curve: " << worst << " standard errors");
  // The curve did rise: the test compares a real diffusion, not two flat lines.
  CHECK(c.mean.back() > 0.5 * m);
}

}  // namespace

TEST_CASE("the full model with staged hazards at zero is the discrete Bass model (complete network, m < 1)") {
  Scenario s = test::small_organisation(40, 40, 8, 60);  // 40 teams of 40 supervisors, 8 foremen, a manager: 1,963 people
  s.organisation.network.kind = NetworkKind::complete;
  staged_off(s);
  const double p = 0.01, q = 0.35, m = 0.8;
  s.parameters[Param::adoption_innovation] = p;
  s.parameters[Param::adoption_imitation] = q;
  s.parameters[Param::adoption_susceptible_share] = m;
  check_nesting(s, p, q, m, 200);
}

TEST_CASE("with imitation by the population share (omega = 1) the full model is Bass on a measured network too") {
  if (!fs::exists(shared_data("brfarmers_nodes.csv"))) {
    MESSAGE("skipped: the shared diffusion data are neither at $ADOPTSIM_SHARED_DATA nor at ../shared/data");
    return;
  }
  const std::string text = "[scenario]\nname = \"brfarmers\"\nweeks = 80\n[network]\nkind = \"external\"\nnodes = \"" + shared_data("brfarmers_nodes.csv") +
                           "\"\nedges = \"" + shared_data("brfarmers_edges.csv") +
                           "\"\nid = \"node_id\"\ngroup = \"village\"\nsource = \"ego\"\ntarget = \"alter\"\n"
                           "edge_filter = { alter_surveyed = 1, self_loop = 0 }\n";
  Scenario s = parse_scenario(text, "brfarmers.toml");
  staged_off(s);
  const double p = 0.005, q = 0.15, m = 1.0;
  s.parameters[Param::adoption_innovation] = p;
  s.parameters[Param::adoption_imitation] = q;
  s.parameters[Param::adoption_population_weight] = 1.0;
  check_nesting(s, p, q, m, 300);

}

TEST_CASE("direct adoption and the susceptible share are off by default and then draw nothing") {
  const Parameters defaults;
  CHECK(defaults[Param::adoption_innovation] == 0);
  CHECK(defaults[Param::adoption_imitation] == 0);
  CHECK(defaults[Param::adoption_susceptible_share] == 1);
  // Never adopting: with m = 0 nobody applies whatever the hazards.
  Scenario s = test::small_organisation(4, 10, 3, 30);
  s.organisation.network.kind = NetworkKind::complete;
  s.parameters[Param::adoption_innovation] = 0.5;
  s.parameters[Param::adoption_susceptible_share] = 0.0;
  const RunResult r = run_replicate(s, 1, 0);
  CHECK(r.applying_final == 0);
}
