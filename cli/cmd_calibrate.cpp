// adoptsim calibrate CONFIG: fit model parameters to observed data (ABC-SMC or a Nelder-Mead
// point estimate), print the posterior and the fit, write HDF5, CSV and the fit picture.
#include <chrono>
#include <cstdio>
#include <fmt/format.h>

#include "adoptsim_version.hpp"
#include "cluster.hpp"
#include "farm.hpp"
#include <optional>
#include "scale_out.hpp"
#include "bass_comparison.hpp"
#include "commands.hpp"
#include "ensemble.hpp"
#include "files.hpp"
#include "input_file.hpp"
#include "memory_check.hpp"
#include "fit_picture.hpp"
#include "organisation.hpp"
#include "parallel.hpp"
#include "read_config.hpp"
#include "streams.hpp"
#include "terminal.hpp"
#include "atomic_file.hpp"
#include "write_calibration.hpp"

namespace adoptsim::cli {

namespace {

using namespace calibration;

struct CalibrateOptions {
  std::string config, out;
  int threads = 0;
  bool resume = false;
  std::string memory_limit;  // --memory-limit SIZE
};

std::string num(double x) {
  if (!std::isfinite(x)) return x > 0 ? "inf" : "n/a";
  return fmt::format("{:.4g}", x);
}

std::string prior_text(const FittedParameter& p) {
  return fmt::format("{} [{}, {}]{}", p.prior == Prior::uniform ? "uniform" : "log-uniform", num(p.min), num(p.max), p.factor ? " x" : "");
}

std::string indicator_text(const Series& s) {
  std::string out(kIndicatorNames[static_cast<std::size_t>(s.indicator)]);
  if (s.indicator == Indicator::stage) out.append(".").append(kStageNames[static_cast<std::size_t>(idx(s.stage))]);
  return out;
}

// A share as a percentage, a score as a number.
std::string value_text(const Series& s, double v) { return is_share(s.indicator) ? percent(v) : fixed(v, 3); }

void print_posterior(const CalibrationConfig& c, const CalibrationOutcome& o) {
  const auto& ps = c.problem.space.parameters;
  if (o.abc) {
    const auto& last = o.abc->generations.back();
    std::printf("\nPosterior (generation %d: %d particles, effective sample size %.0f)\n", last.index, last.accepted, last.ess);
    Table t({"parameter", "prior", "mean", "median", "90% credible interval"});
    for (std::size_t k = 0; k < ps.size(); ++k) {
      const auto& s = o.summary[k];
      t.row({ps[k].name, prior_text(ps[k]), num(s.mean), num(s.median), fmt::format("[{}, {}]", num(s.p05), num(s.p95))});
    }
    std::printf("%s", t.str().c_str());
    if (std::any_of(ps.begin(), ps.end(), [](const auto& p) { return p.factor; }))
      std::printf("  (x: a factor on the scenario's values of every row of the family)\n");
  } else {
    std::printf("\nPoint estimate (Nelder-Mead, common random numbers: %d evaluations, distance %s)\n", o.point->evaluations,
                num(o.point->value).c_str());
    Table t({"parameter", "prior", "estimate", ""});
    const auto v = c.problem.space.from_unit(o.point->best);
    int on_bound = 0;
    for (std::size_t k = 0; k < ps.size(); ++k) {
      const bool bound = k < o.point->on_bound.size() && o.point->on_bound[k];
      on_bound += bound;
      t.row({ps[k].name, prior_text(ps[k]), num(v[k]), bound ? "on a bound of its prior" : ""});
    }
    std::printf("%s", t.str().c_str());
    std::printf("  stopped: %s\n", o.point->stop_reason.c_str());
    if (on_bound > 0)
      std::printf("  %d estimate%s on a bound of the prior: the data may want a value outside the range; widen it, or read the estimate as a limit\n",
                  on_bound, on_bound == 1 ? " lies" : "s lie");
  }
}

void print_fit(const CalibrationConfig& c, const CalibrationOutcome& o) {
  std::printf("\nFit to the data (%d %s simulations; observed 90%% interval from n)\n", o.fit.draws, o.abc ? "posterior predictive" : "point-estimate");
  Table t({"week", "indicator", "group", "observed", "n", "predicted", "90% band", "inside"});
  int inside = 0;
  for (std::size_t k = 0; k < c.problem.observations.size(); ++k) {
    const Observation& ob = c.problem.observations[k];
    const bool in = ob.value >= o.fit.p05[k] && ob.value <= o.fit.p95[k];
    inside += in;
    t.row({std::to_string(ob.week), indicator_text(ob.series), ob.series.group.name, value_text(ob.series, ob.value), fmt::format("{:g}", ob.n),
           value_text(ob.series, o.fit.mean[k]), fmt::format("[{}, {}]", value_text(ob.series, o.fit.p05[k]), value_text(ob.series, o.fit.p95[k])),
           in ? "yes" : "no"});
  }
  std::printf("%s", t.str().c_str());
  std::printf("  %d of %zu observations inside the simulated 90%% band\n", inside, c.problem.observations.size());
  if (o.bass) {
    const auto& b = *o.bass;
    std::printf("\nCumulative adopters of the whole population (n = %.0f): root mean square error per data point\n",
                c.problem.observations.empty() ? 0.0 : c.problem.observations.front().n);
    Table bt({"model", "RMSE (people)", "parameters"});
    bt.row({o.abc ? "adoptsim (posterior predictive mean)" : "adoptsim (point estimate, mean of the simulations)", fixed(b.model_rmse, 1),
            fmt::format("{} fitted", c.problem.space.size())});
    bt.row({"closed-form Bass, least squares", fixed(b.fit.rmse, 1),
            fmt::format("p = {}, q = {} per period, m = {}", num(b.fit.p), num(b.fit.q), fixed(b.fit.m, 0))});
    std::printf("%s", bt.str().c_str());
  }
  const int weeks_per_period = c.data.format == DataFormat::cumulative_adoption ? c.data.weeks_per_period : 1;
  const auto groups = compare_with_bass_by_group(c.problem, o.fit, weeks_per_period);
  // Every group when there are several, and the one group of a data set without `everyone` (a
  // village fitted by itself) that the table above does not cover.
  if (groups.size() > 1 || (groups.size() == 1 && !o.bass)) {
    std::printf("\nCumulative adopters per group: RMSE per data point (people), the model's predictive mean against the closed-form Bass\n"
                "curve fitted to that group alone (m <= its size), and the group's observations inside the 90%% band\n");
    Table gt({"group", "points", "adoptsim RMSE", "Bass RMSE", "Bass m", "inside 90% band"});
    int model_wins = 0, inside = 0, points = 0;
    for (const auto& g : groups) {
      const auto& b = g.comparison;
      model_wins += b.model_rmse <= b.fit.rmse;
      inside += g.inside;
      points += static_cast<int>(b.weeks.size());
      gt.row({g.group, std::to_string(b.weeks.size()), fixed(b.model_rmse, 1), fixed(b.fit.rmse, 1), fixed(b.fit.m, 0),
              fmt::format("{} of {}", g.inside, b.weeks.size())});
    }
    std::printf("%s", gt.str().c_str());
    std::printf("  adoptsim at least as good as Bass in %d of %zu groups; %d of %d points inside the band (%s)\n", model_wins, groups.size(), inside, points,
                percent(points > 0 ? static_cast<double>(inside) / points : 0.0).c_str());
  }
}

int calibrate(const CalibrateOptions& opt) {
  CalibrationConfig c = load_calibration(opt.config);
  if (!opt.out.empty()) c.out = opt.out;
  cluster::on_root([&] {
    check_writable(c.out);
    check_writable(c.csv);
    check_writable(c.picture);
  });
  const bool root = cluster::is_root();
  // Under MPI, ABC-SMC shares each batch of proposals out over the ranks (every rank follows the
  // same generations: the batch's results are broadcast); the rest runs on rank 0.
  if (!root && c.algorithm != Algorithm::abc_smc) return kExitOk;
  if (root && cluster::ranks() > 1 && c.algorithm != Algorithm::abc_smc)
    std::fprintf(stderr, "adoptsim: note: the Nelder-Mead point estimate does not share its work over MPI ranks; rank 0 runs it alone\n");
  const int threads = opt.threads > 0 ? opt.threads : cluster::default_threads(hardware_threads());
  const Problem& p = c.problem;
  // An evaluation per thread, each holding its replicates (up to the adaptive maximum) until compared with the data.
  check_memory("calibrate", p.scenario, threads, std::int64_t{threads} * std::max(p.replicates, c.abc.max_replicates), opt.memory_limit);
  const Structure st = build_structure(p.scenario);
  if (root) std::printf("adoptsim %s calibrate | %s | %s | %d parameters, %zu observations | %d replicate%s per evaluation | seed %llu | %d threads%s\n",
              ADOPTSIM_VERSION, c.name.c_str(), c.algorithm == Algorithm::abc_smc ? "ABC-SMC" : "Nelder-Mead", p.space.size(),
              p.observations.size(), p.replicates, p.replicates == 1 ? "" : "s", static_cast<unsigned long long>(c.seed), threads, ranks_note().c_str());
  if (root) std::printf("scenario %s (%d people in %d teams, %d weeks); data %s\n", c.scenario.path.c_str(), st.people, st.teams(), p.scenario.weeks,
              c.data.file.c_str());

  std::optional<JournaledMap> journal;
  CalibrationOutcome o;
  o.threads = threads;
  o.program_version = ADOPTSIM_VERSION;
  o.created = utc_now();
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  if (c.algorithm == Algorithm::abc_smc) {
    if (root) std::printf("\n  generation  tolerance  accepted / simulated  acceptance    ESS  replicates  noise (median particle)     time\n");
    std::fflush(stdout);
    auto on_generation = [&](const Generation& g) {
      if (!root) return;
      const std::string noise = g.noise_mean > 0 ? fmt::format("{} +- {} ({} rep.)", num(g.noise_mean), num(g.noise_sd), g.noise_replicates) : "-";
      std::printf("  %10d  %9s  %8d / %-9d  %9s  %5.0f  %10d  %23s  %7s\n", g.index, num(g.epsilon).c_str(), g.accepted, g.evaluated, percent(g.acceptance).c_str(),
                  g.ess, g.replicates, noise.c_str(), seconds(g.seconds).c_str());
      std::fflush(stdout);
    };
    const ReplicatedDistance distance = [&](const std::vector<double>& values, std::uint64_t seed, int replicates) {
      return evaluate(p, values, seed, nullptr, replicates).distance;
    };
    // Every batch of proposals, unit by unit, in a journal beside the output: --resume continues it.
    std::string why;
    journal.emplace(c.out, command_key({c.text, c.scenario.text, read_input_file(c.data.file, why).value_or("")}), opt.resume, threads);
    o.abc = abc_smc(p.space, distance, c.abc, threads, on_generation, journal->map());
    if (!root) return kExitOk;
    o.simulations = o.abc->simulations;
    const auto& last = o.abc->generations.back();
    o.particles = last.particles;
    o.weights = last.weights;
    std::printf("  stopped by rule '%s': %s\n", std::string(kStopRuleNames[static_cast<std::size_t>(o.abc->stop_rule)]).c_str(), o.abc->stop_reason.c_str());
  } else {
    // Common random numbers: every evaluation simulates with the same seed.
    const std::uint64_t seed = derived_seed(c.seed, Purpose::point, 0);
    ThreadPool pool(threads);
    auto objective = [&](const std::vector<double>& x) { return evaluate(p, p.space.from_unit(x), seed, &pool).distance; };
    std::vector<double> start(static_cast<std::size_t>(p.space.size()), 0.5);
    if (!c.start_values.empty()) {
      start = p.space.to_unit(c.start_values);
      std::printf("  start: the Bass-equivalent point of the closed-form fit (omega = 1, see calibration/README.md):");
      for (int k = 0; k < p.space.size(); ++k) std::printf(" %s %s", p.space.parameters[static_cast<std::size_t>(k)].name.c_str(), num(c.start_values[static_cast<std::size_t>(k)]).c_str());
      std::printf("\n");
      std::fflush(stdout);
    }
    o.point = nelder_mead(objective, start, c.nelder_mead);
    o.simulations = o.point->evaluations;
    const auto v = p.space.from_unit(o.point->best);
    o.particles.resize(1, p.space.size());
    for (int k = 0; k < p.space.size(); ++k) o.particles(0, k) = v[static_cast<std::size_t>(k)];
    o.weights = {1.0};
  }
  const double search_seconds = elapsed();
  const long long replicates = o.abc ? o.abc->replicate_runs : o.simulations * p.replicates;
  std::printf("  %s evaluations, %s replicates simulated in %s: %.0f replicates per second\n", money(static_cast<double>(o.simulations)).c_str(),
              money(static_cast<double>(replicates)).c_str(), seconds(search_seconds).c_str(), static_cast<double>(replicates) / search_seconds);
  o.summary = summarise_posterior(o.particles, o.weights);
  o.fit = predictive(p, o.particles, o.weights, c.predictive_draws, derived_seed(c.seed, Purpose::predictive, 0), threads);
  int weeks_per_period = c.data.format == DataFormat::cumulative_adoption ? c.data.weeks_per_period : 1;
  o.bass = compare_with_bass(p, o.fit, weeks_per_period);
  o.seconds = elapsed();

  print_posterior(c, o);
  print_fit(c, o);
  {
    // The three files are one result: replaced together or not at all (io/atomic_file.hpp).
    OutputSet set;
    write_calibration_h5(c.out, c, o);
    write_fit_csv(c.csv, c, o.fit);
    write_fit_picture(c.picture, c, o);
    set.commit();
    if (journal) journal->finish();
  }
  std::printf("\nResults: %s   fit: %s   picture: %s   (%s in all)\n", c.out.c_str(), c.csv.c_str(), c.picture.c_str(), seconds(o.seconds).c_str());
  return kExitOk;
}

}  // namespace

Command add_calibrate(CLI::App& app) {
  auto o = std::make_shared<CalibrateOptions>();
  auto* sub = app.add_subcommand("calibrate", "Fit model parameters to observed data (ABC-SMC or Nelder-Mead); posterior, fit, HDF5, CSV and PNG");
  sub->add_option("config", o->config, "Calibration set-up (TOML; see calibration/README.md)")->required();
  sub->add_option("--out,-o", o->out, "HDF5 result file (default: [output] file, or outputs/<name>_calibration.h5)");
  sub->add_option("--threads,-t", o->threads, "Threads (default: all)")->check(CLI::Range(1, 4096));
  sub->add_flag("--resume", o->resume, "Continue a stopped ABC-SMC fit from its checkpoint <out>.checkpoint-<key>");
  add_memory_limit_option(sub, o->memory_limit);
  return [o] { return calibrate(*o); };
}

}  // namespace adoptsim::cli
