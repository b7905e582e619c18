#include "bass_fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "nelder_mead.hpp"

namespace adoptsim::calibration {

double bass_cumulative(double p, double q, double m, double t) {
  const double e = std::exp(-(p + q) * t);
  return m * (1 - e) / (1 + (q / p) * e);
}

namespace {

// Search box in log p and log q: innovation from 1e-6 to 1, imitation from 1e-4 to 10 per unit t.
constexpr double kLogP0 = -13.815510557964274, kLogP1 = 0.0;   // log 1e-6, log 1
constexpr double kLogQ0 = -9.210340371976182, kLogQ1 = 2.302585092994046;  // log 1e-4, log 10

struct Sse {
  double sse, m;
};

Sse sse_at(double p, double q, const std::vector<double>& t, const std::vector<double>& y, double m_max) {
  double fy = 0, ff = 0;
  for (std::size_t k = 0; k < t.size(); ++k) {
    const double f = bass_cumulative(p, q, 1.0, t[k]);
    fy += f * y[k];
    ff += f * f;
  }
  const double m = ff > 0 ? std::clamp(fy / ff, 0.0, m_max) : 0.0;
  double sse = 0;
  for (std::size_t k = 0; k < t.size(); ++k) {
    const double r = y[k] - m * bass_cumulative(p, q, 1.0, t[k]);
    sse += r * r;
  }
  return {sse, m};
}

}  // namespace

BassFit fit_bass(const std::vector<double>& t, const std::vector<double>& y, double m_max) {
  auto pq = [](const std::vector<double>& x) {
    return std::pair{std::exp(kLogP0 + x[0] * (kLogP1 - kLogP0)), std::exp(kLogQ0 + x[1] * (kLogQ1 - kLogQ0))};
  };
  auto objective = [&](const std::vector<double>& x) {
    const auto [p, q] = pq(x);
    return sse_at(p, q, t, y, m_max).sse;
  };
  NelderMeadSettings cfg;
  cfg.max_evaluations = 400;
  cfg.initial_step = 0.05;
  cfg.tolerance = 1e-10;
  cfg.restarts = 2;
  NelderMeadResult best;
  best.value = std::numeric_limits<double>::infinity();
  for (double a : {0.2, 0.4, 0.6, 0.8})
    for (double b : {0.2, 0.4, 0.6, 0.8}) {
      const auto r = nelder_mead(objective, {a, b}, cfg);
      if (r.value < best.value) best = r;
    }
  BassFit fit;
  std::tie(fit.p, fit.q) = pq(best.best);
  fit.m = sse_at(fit.p, fit.q, t, y, m_max).m;
  double sse = 0;
  for (std::size_t k = 0; k < t.size(); ++k) {
    fit.fitted.push_back(bass_cumulative(fit.p, fit.q, fit.m, t[k]));
    sse += (y[k] - fit.fitted.back()) * (y[k] - fit.fitted.back());
  }
  fit.rmse = t.empty() ? 0.0 : std::sqrt(sse / static_cast<double>(t.size()));
  return fit;
}

}  // namespace adoptsim::calibration
