// adoptsim bench --calibration CONFIG: the speed of calibration on this machine: simulations
// (replicates to the last observed week) per second on one thread and on all threads, and the
// wall time of the whole ABC-SMC run of the set-up (no files written).
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>

#include "bench_calibration.hpp"
#include "commands.hpp"
#include "ensemble.hpp"
#include "model.hpp"
#include "parallel.hpp"
#include "predictive.hpp"
#include "read_config.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

std::string cpu() {
  std::ifstream info("/proc/cpuinfo");
  std::string line;
  while (std::getline(info, line))
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown CPU";
}

}  // namespace

int bench_calibration(const std::string& config, int threads_wanted) {
  using namespace calibration;
  const CalibrationConfig c = load_calibration(config);
  const Problem& p = c.problem;
  const int all = threads_wanted > 0 ? threads_wanted : hardware_threads();
  Scenario s = p.scenario;
  s.weeks = std::min(s.weeks, std::max(1, p.last_week()));  // as an evaluation simulates
  const Structure st = build_structure(s);
  std::printf("adoptsim bench --calibration %s on %s, %d hardware threads\n", config.c_str(), cpu().c_str(), hardware_threads());
  std::printf("scenario %s: %d people, %d weeks per simulation (up to the last observation)\n\n", c.scenario.path.c_str(), st.people, s.weeks);
  Table t({"threads", "simulations", "seconds", "simulations/s", "per thread"});
  std::vector<int> counts{1};
  if (all > 1) counts.push_back(all);
  for (int threads : counts) {
    // Enough simulations for about two seconds of work per thread, as calibration runs them:
    // whole replicates side by side on the threads.
    const auto t0 = std::chrono::steady_clock::now();
    (void)run_replicate(s, c.seed, 0);
    const double one = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const int n = std::max(threads * 4, static_cast<int>(2.0 * threads / std::max(one, 1e-4)));
    ThreadPool pool(threads);
    const auto start = std::chrono::steady_clock::now();
    for_blocks(&pool, n, [&](int r) { (void)run_replicate(s, c.seed, r); });
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    t.row({std::to_string(threads), std::to_string(n), fixed(secs, 2), fixed(n / secs, 0), fixed(n / secs / threads, 0)});
  }
  std::printf("%s\n", t.str().c_str());

  if (c.algorithm == Algorithm::abc_smc) {
    std::printf("The whole ABC-SMC run of %s on %d threads (%d particles, at most %d generations, %d replicate%s per evaluation):\n", config.c_str(), all,
                c.abc.particles, c.abc.generations, p.replicates, p.replicates == 1 ? "" : "s");
    const auto start = std::chrono::steady_clock::now();
    const DistanceFunction d = [&](const std::vector<double>& v, std::uint64_t seed) { return evaluate(p, v, seed).distance; };
    const AbcResult r = abc_smc(p.space, d, c.abc, all);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto& last = r.generations.back();
    std::printf("  wall time %s: %zu generations, %s evaluations = %s simulations (%.0f simulations/s); stopped: %s\n", seconds(secs).c_str(),
                r.generations.size(), money(static_cast<double>(r.simulations)).c_str(), money(static_cast<double>(r.simulations * p.replicates)).c_str(),
                static_cast<double>(r.simulations * p.replicates) / secs, r.stop_reason.c_str());
    const auto summary = summarise_posterior(last.particles, last.weights);
    Table pt({"parameter", "median", "90% credible interval"});
    for (int k = 0; k < p.space.size(); ++k) {
      const auto& x = summary[static_cast<std::size_t>(k)];
      pt.row({p.space.parameters[static_cast<std::size_t>(k)].name, fmt::format("{:.4g}", x.median), fmt::format("[{:.4g}, {:.4g}]", x.p05, x.p95)});
    }
    std::printf("%s", pt.str().c_str());
  }
  return kExitOk;
}

}  // namespace adoptsim::cli
