#include "problem.hpp"

#include <algorithm>
#include <cmath>

#include "model.hpp"
#include "organisation.hpp"
#include "parallel.hpp"

namespace adoptsim::calibration {

int Problem::last_week() const {
  int w = 0;
  for (const auto& o : observations) w = std::max(w, o.week);
  return w;
}

std::vector<std::vector<double>> predictions(const Problem& problem, const std::vector<RunResult>& runs, const Structure& structure) {
  std::vector<std::vector<double>> out(problem.observations.size(), std::vector<double>(runs.size()));
  for (std::size_t k = 0; k < problem.observations.size(); ++k) {
    const Observation& o = problem.observations[k];
    for (std::size_t r = 0; r < runs.size(); ++r) out[k][r] = series_value(o.series, runs[r], structure, o.week);
  }
  return out;
}

Evaluation evaluate(const Problem& problem, const std::vector<double>& values, std::uint64_t seed, ThreadPool* pool, int replicates) {
  const int count = replicates > 0 ? replicates : problem.replicates;
  Scenario s = problem.space.apply(problem.scenario, values);
  // Weeks after the last observation cannot change the distance: do not simulate them.
  s.weeks = std::min(s.weeks, std::max(1, problem.last_week()));
  const Structure structure = build_structure(s);
  std::vector<RunResult> runs(static_cast<std::size_t>(count));
  for_blocks(pool, count, [&](int r) { runs[static_cast<std::size_t>(r)] = run_replicate(s, seed, r); });
  const auto per_run = predictions(problem, runs, structure);
  Evaluation e;
  for (const auto& row : per_run) {
    // Replicates where the value is undefined (a group emptied by turnover) do not count.
    double sum = 0;
    int n = 0;
    for (double v : row)
      if (std::isfinite(v)) {
        sum += v;
        ++n;
      }
    e.predicted.push_back(n > 0 ? sum / n : std::nan(""));
  }
  e.distance = distance(problem.observations, e.predicted, problem.distance);
  return e;
}

}  // namespace adoptsim::calibration
