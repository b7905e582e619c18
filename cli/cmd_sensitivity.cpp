// adoptsim sensitivity SCENARIO: which parameters matter for an output. Morris elementary
// effects (screening) and Sobol first-order and total indices (Saltelli sampling) over chosen
// parameters and ranges; a ranked table and an HDF5 file.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <numeric>

#include "adoptsim_version.hpp"
#include "cluster.hpp"
#include "farm.hpp"
#include "scale_out.hpp"
#include "atomic_file.hpp"
#include "commands.hpp"
#include "ensemble.hpp"
#include "files.hpp"
#include "memory_check.hpp"
#include "h5_helpers.hpp"
#include "model.hpp"
#include "option_values.hpp"
#include "parallel.hpp"
#include "parameter_space.hpp"
#include "scenario_loader.hpp"
#include "sensitivity.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

using namespace calibration;

struct SensitivityOptions {
  std::string scenario, output = "applying@52", method = "both", out;
  std::vector<std::string> params;
  std::vector<std::string> set;  // --set NAME=VALUE
  int trajectories = 20, samples = 128, replicates = 4, threads = 0, bootstrap = 200;
  std::int64_t seed = -1;
  bool resume = false, quiet = false;
  std::string memory_limit;  // --memory-limit SIZE
};

// Parameters looked at when none are named: the levers of the stage model and of learning,
// each from half to one and a half times its scenario value (within the table's range).
constexpr std::array<std::string_view, 6> kDefaultParameters{"stage.apply_rate", "basic_training.learning_rate", "skill.decay",
                                                             "skill.apply_threshold", "stage.awareness_exposure", "resistance.brake"};

struct Output {
  enum Kind { applying, goal_week, cost_per_adopter } kind = applying;
  int week = 52;
  std::string label() const {
    switch (kind) {
      case applying: return fmt::format("share of the method's users applying at week {}", week);
      case goal_week: return "week the goal is reached (never: horizon + 1)";
      case cost_per_adopter: return "cost per adopter (mean total cost / mean users applying at the end)";
    }
    return {};
  }
};

Output parse_output(const std::string& text, const Scenario& s) {
  Output o;
  if (text == "goal_week") o.kind = Output::goal_week;
  else if (text == "cost_per_adopter") o.kind = Output::cost_per_adopter;
  else if (text.rfind("applying@", 0) == 0) {
    try {
      o.week = std::stoi(text.substr(9));
    } catch (...) {
      o.week = -1;
    }
    if (o.week < 0 || o.week > s.weeks) throw std::invalid_argument(fmt::format("--output {}: the week must be 0..{} (the horizon)", text, s.weeks));
  } else {
    throw std::invalid_argument(fmt::format("--output {}: expected applying@WEEK, goal_week or cost_per_adopter", text));
  }
  return o;
}

double output_value(const Output& o, const Scenario& s, const std::vector<RunResult>& runs) {
  double sum = 0, cost = 0, adopters = 0;
  for (const auto& r : runs) {
    switch (o.kind) {
      case Output::applying: sum += r.applying[static_cast<std::size_t>(o.week)]; break;
      case Output::goal_week: sum += r.goal_week >= 0 ? r.goal_week : s.weeks + 1; break;
      case Output::cost_per_adopter:
        cost += r.total_cost;
        adopters += r.applying_final;
        break;
    }
  }
  const double n = static_cast<double>(runs.size());
  return o.kind == Output::cost_per_adopter ? cost / std::max(1.0, adopters) : sum / n;
}

FittedParameter parse_range(const std::string& text, const Scenario& s) {
  FittedParameter p;
  const auto eq = text.find('='), colon = text.find(':', eq == std::string::npos ? 0 : eq);
  p.name = text.substr(0, eq);
  p.rows = rows_named(p.name);
  p.factor = p.name.ends_with(".*");
  if (p.rows.empty()) throw std::invalid_argument(fmt::format("--param {}: '{}' is not a parameter (`adoptsim params`) or a family 'prefix.*'", text, p.name));
  if (eq == std::string::npos) {  // no range: half to one and a half times the scenario's value
    const double v = p.factor ? 1.0 : s.parameters[p.rows.front()];
    p.min = p.factor ? 0.5 : std::max(0.5 * v, info(p.rows.front()).min);  // kept inside the table's range
    p.max = p.factor ? 1.5 : std::min(1.5 * v, info(p.rows.front()).max);
  } else {
    char* end = nullptr;
    const std::string lo = colon == std::string::npos ? "" : text.substr(eq + 1, colon - eq - 1), hi = colon == std::string::npos ? "" : text.substr(colon + 1);
    p.min = std::strtod(lo.c_str(), &end);
    const bool lo_ok = !lo.empty() && *end == '\0';
    p.max = std::strtod(hi.c_str(), &end);
    if (!lo_ok || hi.empty() || *end != '\0' || !(p.min < p.max))
      throw std::invalid_argument(fmt::format("--param {}: expected NAME=LOW:HIGH with LOW < HIGH, e.g. skill.decay=0.01:0.03", text));
  }
  for (Param row : p.rows) {
    const ParamInfo& in = info(row);
    const double lo = p.factor ? s.parameters[row] * p.min : p.min, hi = p.factor ? s.parameters[row] * p.max : p.max;
    if (lo < in.min || hi > in.max)
      throw std::invalid_argument(fmt::format("--param {}: {} would range over [{:g}, {:g}] but allows [{:g}, {:g}]", text, in.name, lo, hi, in.min, in.max));
  }
  return p;
}

int sensitivity(const SensitivityOptions& opt) {
  LoadedScenario loaded = load_scenario(opt.scenario, opt.set);
  const Scenario& s = loaded.scenario;
  const Output output = parse_output(opt.output, s);
  if (opt.method != "morris" && opt.method != "sobol" && opt.method != "both")
    throw std::invalid_argument(fmt::format("--method {}: expected morris, sobol or both", opt.method));
  ParameterSpace space;
  if (opt.params.empty())
    for (auto name : kDefaultParameters) space.parameters.push_back(parse_range(std::string(name), s));
  for (const auto& p : opt.params) space.parameters.push_back(parse_range(p, s));
  const std::uint64_t seed = opt.seed >= 0 ? static_cast<std::uint64_t>(opt.seed) : s.seed;
  const int threads = opt.threads > 0 ? opt.threads : cluster::default_threads(hardware_threads());
  const std::string out = opt.out.empty() ? "outputs/" + file_stem(s.name) + "_sensitivity.h5" : opt.out;
  cluster::on_root([&] { check_writable(out); });
  const bool root = cluster::is_root();
  const bool loud = root && !opt.quiet;  // --quiet: no progress bar, no tables
  // A design point per thread, each holding its replicates until they are averaged.
  check_memory("sensitivity", s, threads, std::int64_t{threads} * opt.replicates, opt.memory_limit);
  // The designs' values, unit by unit, in a journal beside the output: --resume continues them.
  JournaledMap journal(out, command_key({loaded.text}), opt.resume, threads);
  const int d = space.size();
  const bool morris = opt.method != "sobol", sobol = opt.method != "morris";

  if (loud) std::printf("adoptsim %s sensitivity | %s | %d parameters | output: %s | %d replicates per point | seed %llu | %d threads%s\n", ADOPTSIM_VERSION,
              s.name.c_str(), d, output.label().c_str(), opt.replicates, static_cast<unsigned long long>(seed), threads, ranks_note().c_str());
  // Common random numbers: every design point simulates replicates 0..R-1 with the same seed,
  // so differences between points come from the parameters, not from the dice.
  auto model = [&](const Point& x, std::size_t) {
    const Scenario sc = space.apply(s, space.from_unit(x));
    std::vector<RunResult> runs;
    for (int r = 0; r < opt.replicates; ++r) runs.push_back(run_replicate(sc, seed, r));
    return output_value(output, sc, runs);
  };
  const auto start = std::chrono::steady_clock::now();
  MorrisSettings ms{opt.trajectories, 4, seed};
  SobolSettings ss{opt.samples, opt.bootstrap, seed};
  std::vector<Point> morris_points, sobol_points;
  std::vector<double> morris_values, sobol_values;
  MorrisResult mr;
  SobolResult sr;
  auto run_design = [&](const std::vector<Point>& points, const std::string& label) {
    std::atomic<long long> done{0};
    std::vector<double> values;
    // Under MPI the design points are shared out over the ranks; rank 0 gathers their values.
    ThreadPool pool(threads);
    const BatchBlock block = [&](std::int64_t first, std::int64_t count, double* out) {
      for_blocks(&pool, static_cast<int>(count), [&](int i) {
        const auto k = static_cast<std::size_t>(first + i);
        out[i] = model(points[k], k);
        done.fetch_add(1, std::memory_order_relaxed);
      });
    };
    with_progress(loud, label, static_cast<std::int64_t>(points.size()), [&] { return done.load(); },
                  [&] { values = journal(static_cast<std::int64_t>(points.size()), 1, block); });
    return values;
  };
  if (morris) {
    morris_points = morris_design(d, ms);
    if (loud) std::printf("Morris: %d trajectories, %zu points\n", ms.trajectories, morris_points.size());
    morris_values = run_design(morris_points, "Morris");
    if (root) mr = morris_analyse(morris_points, morris_values, d, ms);
  }
  if (sobol) {
    sobol_points = saltelli_design(d, ss);
    if (loud) std::printf("Sobol (Saltelli): N = %d, %zu points\n", ss.samples, sobol_points.size());
    sobol_values = run_design(sobol_points, "Sobol");
    if (root) sr = sobol_analyse(sobol_values, d, ss);
  }
  if (!root) return kExitOk;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::size_t points = morris_points.size() + sobol_points.size();
  std::printf("%zu points x %d replicates in %s (%.0f replicates per second)\n%s", points, opt.replicates, seconds(elapsed).c_str(),
              static_cast<double>(points) * opt.replicates / elapsed, opt.quiet ? "" : "\n");

  // Ranked by total Sobol index, else by Morris mu*.
  std::vector<int> order(static_cast<std::size_t>(d));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return sobol ? sr.total[static_cast<std::size_t>(a)] > sr.total[static_cast<std::size_t>(b)] : mr.mu_star[static_cast<std::size_t>(a)] > mr.mu_star[static_cast<std::size_t>(b)];
  });
  std::vector<std::string> header{"rank", "parameter", "range"};
  if (morris) header.insert(header.end(), {"Morris mu*", "sigma"});
  if (sobol) header.insert(header.end(), {"Sobol S1", "90% interval", "total ST", "90% interval"});
  Table t(header);
  auto g = [](double x) { return fmt::format("{:.3g}", x); };
  int rank = 0;
  for (int k : order) {
    const auto ks = static_cast<std::size_t>(k);
    const auto& p = space.parameters[ks];
    std::vector<std::string> row{std::to_string(++rank), p.name, fmt::format("{}{} .. {}", p.factor ? "x " : "", g(p.min), g(p.max))};
    if (morris) row.insert(row.end(), {g(mr.mu_star[ks]), g(mr.sigma[ks])});
    if (sobol)
      row.insert(row.end(), {fixed(sr.first[ks], 3), fmt::format("[{}, {}]", fixed(sr.first_p05[ks], 2), fixed(sr.first_p95[ks], 2)), fixed(sr.total[ks], 3),
                             fmt::format("[{}, {}]", fixed(sr.total_p05[ks], 2), fixed(sr.total_p95[ks], 2))});
    t.row(row);
  }
  if (!opt.quiet) std::printf("Sensitivity of the %s\n%s", output.label().c_str(), t.str().c_str());
  if (morris && !opt.quiet) std::printf("  mu*: mean absolute change of the output over a parameter's whole range; sigma: its spread (interaction, curvature)\n");
  if (sobol) {
    if (!opt.quiet) std::printf("  S1: share of the output's variance (%.3g) due to the parameter alone; ST: including its interactions\n", sr.variance);
    std::vector<std::string> names;
    for (const auto& p : space.parameters) names.push_back(p.name);
    for (const auto& w : sobol_warnings(sr, names, ss.samples)) std::printf("  warning: %s\n", w.c_str());  // also when quiet
  }

  // h5::write_file: built in memory, then put in place atomically (a full disk is a clean error).
  h5::write_file(out, [&](H5::H5File& f) {
    using namespace h5;
    {
      set_text(f, "program_version", ADOPTSIM_VERSION);
      set_text(f, "scenario", loaded.text);
      set_text(f, "scenario_path", loaded.path);
      set_text(f, "output", output.label());
      set_number<std::uint64_t>(f, "seed", seed);
      set_number<std::int32_t>(f, "replicates", opt.replicates);
      set_number<std::int32_t>(f, "threads", threads);
      set_text(f, "created", utc_now());
      H5::Group pg = f.createGroup("parameters");
      std::vector<double> lo, hi;
      for (const auto& p : space.parameters) lo.push_back(p.min), hi.push_back(p.max);
      labels(pg, "parameter", space.names(), "Parameter varied.");
      H5::DataSet names = write_strings(pg, "name", space.names());
      describe(names, "Parameters varied ('prefix.*': a factor on the family's rows).", "", {"parameter"});
      H5::DataSet ds = write_column(pg, "min", lo);
      describe(ds, "Lower end of the range (uniform).", "parameter units", {"parameter"});
      ds = write_column(pg, "max", hi);
      describe(ds, "Upper end of the range (uniform).", "parameter units", {"parameter"});
      auto design = [&](H5::Group& g, const std::vector<Point>& pts, const std::vector<double>& vals) {
        std::vector<double> flat;
        for (const auto& x : pts) {
          const auto v = space.from_unit(x);
          flat.insert(flat.end(), v.begin(), v.end());
        }
        H5::DataSet x = write_matrix(g, "design", flat, pts.size(), static_cast<std::size_t>(d));
        describe(x, "Parameter values of each design point.", "parameter units", {"point", "parameter"});
        H5::DataSet y = write_column(g, "values", vals);
        describe(y, "Output at each design point (mean over the replicates).", output.label(), {"point"});
      };
      if (morris) {
        H5::Group g = f.createGroup("morris");
        labels(g, "parameter", space.names(), "Parameter varied.");
        set_number<std::int32_t>(g, "trajectories", ms.trajectories);
        set_number<std::int32_t>(g, "levels", ms.levels);
        for (auto [name, v, what] : {std::tuple{"mu", &mr.mu, "Mean elementary effect (output change per whole range)."},
                                     {"mu_star", &mr.mu_star, "Mean absolute elementary effect."}, {"sigma", &mr.sigma, "Standard deviation of the elementary effects."}}) {
          ds = write_column(g, name, *v);
          describe(ds, what, "output units", {"parameter"});
        }
        design(g, morris_points, morris_values);
      }
      if (sobol) {
        H5::Group g = f.createGroup("sobol");
        labels(g, "parameter", space.names(), "Parameter varied.");
        set_number<std::int32_t>(g, "samples", ss.samples);
        set_number<double>(g, "variance", sr.variance);
        for (auto [name, v, what] : {std::tuple{"first", &sr.first, "First-order index S1."}, {"total", &sr.total, "Total index ST."},
                                     {"first_p05", &sr.first_p05, "Bootstrap 5 % quantile of S1."}, {"first_p95", &sr.first_p95, "Bootstrap 95 % quantile of S1."},
                                     {"total_p05", &sr.total_p05, "Bootstrap 5 % quantile of ST."}, {"total_p95", &sr.total_p95, "Bootstrap 95 % quantile of ST."}}) {
          ds = write_column(g, name, *v);
          describe(ds, what, "share of variance", {"parameter"});
        }
        design(g, sobol_points, sobol_values);
      }
    }
  });
  journal.finish();
  std::printf("\nResults: %s\n", out.c_str());
  return kExitOk;
}

}  // namespace

Command add_sensitivity(CLI::App& app) {
  auto o = std::make_shared<SensitivityOptions>();
  auto* sub = app.add_subcommand("sensitivity", "Morris elementary effects and Sobol indices of an output over chosen parameters and ranges");
  sub->add_option("scenario", o->scenario, "Scenario file (TOML)")->required();
  sub->add_option("--param,-p", o->params, "NAME=LOW:HIGH (repeatable; 'prefix.*' scales a family; default: six key parameters, 0.5x to 1.5x)");
  sub->add_option("--output", o->output, "applying@WEEK, goal_week or cost_per_adopter")->capture_default_str();
  sub->add_option("--method", o->method, "morris, sobol or both")->capture_default_str();
  sub->add_option("--trajectories", o->trajectories, "Morris trajectories")->check(CLI::Range(2, 100000))->capture_default_str();
  sub->add_option("--samples", o->samples, "Sobol base sample N (N x (parameters + 2) points)")->check(CLI::Range(8, 10000000))->capture_default_str();
  sub->add_option("--bootstrap", o->bootstrap, "Bootstrap resamples for the Sobol intervals")->check(CLI::Range(0, 100000))->capture_default_str();
  sub->add_option("--replicates,-r", o->replicates, "Replicates per design point")->check(CLI::Range(1, 100000))->capture_default_str();
  sub->add_option("--seed,-s", o->seed, "Seed (default: the scenario's)")->check(CLI::NonNegativeNumber);
  sub->add_option("--threads,-t", o->threads, "Threads (default: all)")->check(CLI::Range(1, 4096));
  sub->add_option("--out,-o", o->out, "HDF5 result file (default: outputs/<scenario name>_sensitivity.h5)");
  add_set_option(sub, o->set);
  sub->add_flag("--quiet,-q", o->quiet, "No progress bar and no tables (the point count and warnings are still printed)");
  sub->add_flag("--resume", o->resume, "Continue a stopped analysis from its checkpoint <out>.checkpoint-<key>");
  add_memory_limit_option(sub, o->memory_limit);
  return [o] { return sensitivity(*o); };
}

}  // namespace adoptsim::cli
