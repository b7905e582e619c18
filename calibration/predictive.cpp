#include "predictive.hpp"

#include <algorithm>
#include <cmath>

#include "model.hpp"
#include "organisation.hpp"
#include "parallel.hpp"
#include "streams.hpp"
#include "summary.hpp"

namespace adoptsim::calibration {

double weighted_quantile(std::vector<std::pair<double, double>> vw, double q) {
  if (vw.empty()) return std::nan("");
  std::sort(vw.begin(), vw.end());
  double total = 0;
  for (const auto& [v, w] : vw) total += w;
  // Midpoint rule: the k-th value sits at cumulative weight (W_k - w_k / 2) / total.
  double cum = 0, prev_pos = 0, prev_v = vw.front().first;
  for (std::size_t k = 0; k < vw.size(); ++k) {
    const double pos = (cum + vw[k].second / 2) / total;
    if (pos >= q) {
      if (k == 0) return vw[0].first;
      const double t = (q - prev_pos) / (pos - prev_pos);
      return prev_v + t * (vw[k].first - prev_v);
    }
    cum += vw[k].second;
    prev_pos = pos;
    prev_v = vw[k].first;
  }
  return vw.back().first;
}

std::vector<ParameterSummary> summarise_posterior(const Eigen::MatrixXd& x, const std::vector<double>& w) {
  std::vector<ParameterSummary> out;
  for (Eigen::Index k = 0; k < x.cols(); ++k) {
    std::vector<std::pair<double, double>> vw;
    ParameterSummary s;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      vw.emplace_back(x(i, k), w[static_cast<std::size_t>(i)]);
      s.mean += x(i, k) * w[static_cast<std::size_t>(i)];
    }
    s.median = weighted_quantile(vw, 0.5);
    s.p05 = weighted_quantile(vw, 0.05);
    s.p95 = weighted_quantile(vw, 0.95);
    out.push_back(s);
  }
  return out;
}

double coverage(const Problem& problem, const Fit& fit) {
  const std::size_t n = problem.observations.size();
  if (n == 0) return std::nan("");
  int inside = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const double v = problem.observations[k].value;
    inside += v >= fit.p05[k] && v <= fit.p95[k];
  }
  return static_cast<double>(inside) / static_cast<double>(n);
}

Fit predictive(const Problem& problem, const Eigen::MatrixXd& particles, const std::vector<double>& weights, int draws, std::uint64_t seed,
               int threads) {
  const std::vector<Series> series = distinct_series(problem.observations);
  const int horizon = problem.scenario.weeks;
  const std::size_t nobs = problem.observations.size();
  // Per draw: the value of each observation and each series' weekly curve.
  std::vector<std::vector<double>> at_obs(static_cast<std::size_t>(draws));
  std::vector<std::vector<std::vector<double>>> curves(static_cast<std::size_t>(draws));
  ThreadPool pool(threads);
  for_blocks(&pool, draws, [&](int d) {
    Engine rng = stream(seed, Purpose::predictive, static_cast<std::uint64_t>(d));
    double u = uniform01d(rng);
    std::size_t pick = 0;
    for (; pick + 1 < weights.size(); ++pick) {
      u -= weights[pick];
      if (u < 0) break;
    }
    std::vector<double> values(static_cast<std::size_t>(particles.cols()));
    for (Eigen::Index k = 0; k < particles.cols(); ++k) values[static_cast<std::size_t>(k)] = particles(static_cast<Eigen::Index>(pick), k);
    const Scenario s = problem.space.apply(problem.scenario, values);
    const Structure st = build_structure(s);
    const RunResult run = run_replicate(s, derived_seed(seed, Purpose::predictive, static_cast<std::uint64_t>(d)), 0);
    auto& o = at_obs[static_cast<std::size_t>(d)];
    for (const auto& ob : problem.observations) o.push_back(series_value(ob.series, run, st, ob.week));
    auto& c = curves[static_cast<std::size_t>(d)];
    for (const auto& se : series) {
      std::vector<double> row;
      for (int w = 0; w <= horizon; ++w) row.push_back(series_value(se, run, st, w));
      c.push_back(std::move(row));
    }
  });
  Fit fit;
  fit.draws = draws;
  std::vector<double> v;
  for (std::size_t k = 0; k < nobs; ++k) {
    v.clear();
    for (const auto& o : at_obs) v.push_back(o[k]);
    const Interval iv = interval_of(v);
    fit.mean.push_back(iv.mean);
    fit.p05.push_back(iv.p05);
    fit.p95.push_back(iv.p95);
  }
  for (std::size_t s = 0; s < series.size(); ++s) {
    Band b;
    b.series = series[s];
    for (int w = 0; w <= horizon; ++w) {
      v.clear();
      for (const auto& c : curves) v.push_back(c[s][static_cast<std::size_t>(w)]);
      const Interval iv = interval_of(v);
      b.mean.push_back(iv.mean);
      b.p05.push_back(iv.p05);
      b.p95.push_back(iv.p95);
    }
    fit.curves.push_back(std::move(b));
  }
  return fit;
}

}  // namespace adoptsim::calibration
