// Decisions under calibration uncertainty: replicates draw their parameters from a posterior
// (sim/posterior.hpp, io/posterior_file.hpp, --posterior of run, compare and optimise).
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

#include "cli_sandbox.hpp"
#include "fixtures.hpp"
#include "h5_helpers.hpp"
#include "model.hpp"
#include "posterior.hpp"
#include "posterior_file.hpp"
#include "scenario_loader.hpp"

using namespace adoptsim;
using test::session;
using test::small_organisation;

namespace {

Scenario programme_a() {
  Scenario s = small_organisation(6, 10, 3, 40);
  s.programme = {session(InterventionType::kick_off, {1}), session(InterventionType::basic_training, {3, 5}),
                 session(InterventionType::intervision, {10, 16, 22})};
  return s;
}

Posterior two_parameters(std::vector<double> particles, std::vector<double> weights) {
  Posterior p;
  p.source = "test";
  p.parameters = {{"skill.decay", param_rows_named("skill.decay"), false}, {"readiness.*", param_rows_named("readiness.*"), true}};
  p.particles = std::move(particles);
  p.weights = std::move(weights);
  return p;
}

void write_calibration_like(const std::filesystem::path& path, const Posterior& p) {
  h5::write_file(path, [&](H5::H5File& f) {
    H5::Group g = f.createGroup("posterior");
    std::vector<std::string> names;
    for (const auto& x : p.parameters) names.push_back(x.name);
    H5::DataSet ds = h5::write_matrix(g, "particles", p.particles, p.weights.size(), names.size());
    h5::set_names(ds, "parameter_names", names);
    h5::write_column(g, "weights", p.weights);
  });
}

}  // namespace

TEST_CASE("a posterior concentrated on one point gives exactly the plain run with those parameters") {
  const Scenario plain_base = programme_a();
  Scenario with = plain_base;
  with.posterior = std::make_shared<Posterior>(two_parameters({0.031, 2.5}, {1.0}));
  Scenario plain = plain_base;
  plain.parameters[Param::skill_decay] = 0.031;
  for (Param row : param_rows_named("readiness.*")) plain.parameters[row] = plain_base.parameters[row] * 2.5;
  for (int r = 0; r < 4; ++r) {
    const RunResult a = run_replicate(with, 7, r), b = run_replicate(plain, 7, r);
    CHECK(a.applying == b.applying);
    CHECK(a.skill_mean == b.skill_mean);
    CHECK(a.stage == b.stage);
    CHECK(a.total_cost == b.total_cost);
  }
  // And the parameters did change the run: the default scenario differs.
  const RunResult d = run_replicate(plain_base, 7, 0), a = run_replicate(with, 7, 0);
  CHECK(d.skill_mean != a.skill_mean);
}

TEST_CASE("posterior draws: the same particle for a replicate in every programme, frequencies follow the weights") {
  const Posterior p = two_parameters({0.01, 1.0, 0.02, 1.0, 0.03, 1.0}, {0.2, 0.5, 0.3});
  Scenario a = programme_a(), b = programme_a();
  b.programme.pop_back();  // another programme
  a.posterior = b.posterior = std::make_shared<Posterior>(p);
  int count[3] = {0, 0, 0};
  const int n = 4000;
  for (int r = 0; r < n; ++r) {
    const int k = posterior_particle(p, 11, r);
    ++count[k];
    if (r < 50) {
      const Scenario sa = scenario_for_replicate(a, 11, r), sb = scenario_for_replicate(b, 11, r);
      CHECK(sa.parameters[Param::skill_decay] == sb.parameters[Param::skill_decay]);
      CHECK(sa.parameters[Param::skill_decay] == doctest::Approx(0.01 * (k + 1)));
      CHECK(!sa.posterior);
    }
  }
  // Binomial: each share within 4 standard errors of its weight.
  for (int k = 0; k < 3; ++k) {
    const double w = p.weights[static_cast<std::size_t>(k)], se = std::sqrt(w * (1 - w) / n);
    CHECK(std::abs(count[k] / static_cast<double>(n) - w) < 4 * se);
  }
}

TEST_CASE("a calibration's posterior file reads back; a file without one is refused with its name") {
  test::Sandbox box;
  const Posterior p = two_parameters({0.01, 1.5, 0.02, 0.5}, {1.0, 3.0});
  write_calibration_like(box.dir / "cal.h5", p);
  const auto q = read_posterior((box.dir / "cal.h5").string());
  REQUIRE(q->count() == 2);
  CHECK(q->weights[0] == doctest::Approx(0.25));  // normalised
  CHECK(q->value(1, 1) == 0.5);
  CHECK(q->parameters[1].factor);
  CHECK(q->parameters[1].rows.size() == 5);

  h5::write_file(box.dir / "other.h5", [](H5::H5File& f) { f.createGroup("runs"); });
  try {
    (void)read_posterior((box.dir / "other.h5").string());
    FAIL("no error");
  } catch (const ScenarioError& e) {
    CHECK(std::string(e.what()).find("other.h5") != std::string::npos);
  }

  // The command line: the summary says where the parameters come from; a missing file exits 2.
  const auto ok = box.run("run " + test::source_path("scenarios/reference.toml") + " -r 4 -w 10 -t 1 -o " + (box.dir / "r.h5").string() +
                          " --posterior " + (box.dir / "cal.h5").string());
  CHECK(ok.code == 0);
  CHECK(ok.out.find("Calibration uncertainty: parameters drawn per replicate from the posterior") != std::string::npos);
  const auto bad = box.run("run " + test::source_path("scenarios/reference.toml") + " -r 2 -w 5 -o " + (box.dir / "s.h5").string() + " --posterior " +
                           (box.dir / "other.h5").string());
  CHECK(bad.code == 2);
  CHECK(bad.err.find("other.h5") != std::string::npos);
}
