#include "nelder_mead.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace adoptsim::calibration {

NelderMeadResult nelder_mead(const std::function<double(const std::vector<double>&)>& f, std::vector<double> start,
                             const NelderMeadSettings& cfg) {
  const std::size_t d = start.size();
  const double dd = static_cast<double>(d);
  // Adaptive coefficients: reflection, expansion, contraction, shrink.
  const double alpha = 1, beta = 1 + 2 / dd, gamma = 0.75 - 1 / (2 * dd), delta = 1 - 1 / dd;
  NelderMeadResult out;
  out.value = std::numeric_limits<double>::infinity();
  auto project = [](std::vector<double> x) {
    for (double& v : x) v = std::clamp(v, 0.0, 1.0);
    return x;
  };
  auto eval = [&](const std::vector<double>& x) {
    const double v = f(x);
    ++out.evaluations;
    if (v < out.value) {
      out.value = v;
      out.best = x;
    }
    out.trace.push_back(out.value);
    return v;
  };
  start = project(start);
  for (int round = 0; round <= cfg.restarts && out.evaluations < cfg.max_evaluations; ++round) {
    const std::vector<double> origin = round == 0 ? start : out.best;
    std::vector<std::vector<double>> x{origin};
    for (std::size_t k = 0; k < d; ++k) {
      std::vector<double> v = origin;
      // Step inwards when the start sits on the upper face.
      v[k] += v[k] + cfg.initial_step <= 1 ? cfg.initial_step : -cfg.initial_step;
      x.push_back(project(v));
    }
    std::vector<double> fx;
    for (const auto& v : x) fx.push_back(eval(v));
    while (out.evaluations < cfg.max_evaluations) {
      std::vector<std::size_t> order(d + 1);
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return fx[a] < fx[b]; });
      std::vector<std::vector<double>> xs;
      std::vector<double> fs;
      for (auto k : order) {
        xs.push_back(x[k]);
        fs.push_back(fx[k]);
      }
      x = xs;
      fx = fs;
      if (std::fabs(fx[d] - fx[0]) <= cfg.tolerance) {
        out.converged = true;
        break;
      }
      out.converged = false;
      std::vector<double> centre(d, 0.0);
      for (std::size_t k = 0; k < d; ++k)
        for (std::size_t j = 0; j < d; ++j) centre[j] += x[k][j] / dd;
      auto along = [&](double t) {
        std::vector<double> v(d);
        for (std::size_t j = 0; j < d; ++j) v[j] = centre[j] + t * (x[d][j] - centre[j]);
        return project(v);
      };
      const auto xr = along(-alpha);
      const double fr = eval(xr);
      if (fr < fx[0]) {
        const auto xe = along(-beta);
        const double fe = eval(xe);
        if (fe < fr) x[d] = xe, fx[d] = fe;
        else x[d] = xr, fx[d] = fr;
      } else if (fr < fx[d - 1]) {
        x[d] = xr, fx[d] = fr;
      } else {
        const bool outside = fr < fx[d];
        const auto xc = along(outside ? -gamma : gamma);
        const double fc = eval(xc);
        if (fc < std::min(fr, fx[d])) {
          x[d] = xc, fx[d] = fc;
        } else {
          for (std::size_t k = 1; k <= d && out.evaluations < cfg.max_evaluations; ++k) {
            for (std::size_t j = 0; j < d; ++j) x[k][j] = x[0][j] + delta * (x[k][j] - x[0][j]);
            fx[k] = eval(x[k]);
          }
        }
      }
    }
  }
  const int rounds = cfg.restarts + 1;
  out.stop_reason = out.evaluations >= cfg.max_evaluations
                        ? fmt::format("the evaluation limit ({}) was reached{}", cfg.max_evaluations,
                                      out.converged ? "" : " before the simplex converged: the estimate may not be a minimum")
                        : fmt::format("the simplex converged (values within {:g}) in each of {} round{}", cfg.tolerance, rounds, rounds == 1 ? "" : "s");
  for (double u : out.best) out.on_bound.push_back(u <= 1e-3 || u >= 1 - 1e-3);
  return out;
}

}  // namespace adoptsim::calibration
