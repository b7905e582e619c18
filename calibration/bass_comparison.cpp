#include "bass_comparison.hpp"

#include <algorithm>
#include <cmath>

namespace adoptsim::calibration {

std::optional<BassComparison> compare_with_bass(const Problem& problem, const Fit& fit, int weeks_per_period) {
  BassComparison c;
  double sse = 0, max_n = 0;
  for (std::size_t k = 0; k < problem.observations.size(); ++k) {
    const Observation& o = problem.observations[k];
    if (o.series.indicator != Indicator::adopted || o.series.group.kind != GroupKind::everyone) continue;
    max_n = std::max(max_n, o.n);
    c.weeks.push_back(o.week);
    c.periods.push_back(static_cast<double>(o.week) / weeks_per_period);
    c.observed.push_back(o.value * o.n);
    c.model.push_back(fit.mean[k] * o.n);
    sse += (c.observed.back() - c.model.back()) * (c.observed.back() - c.model.back());
  }
  if (c.weeks.size() < 3) return std::nullopt;
  c.model_rmse = std::sqrt(sse / static_cast<double>(c.weeks.size()));
  // The market potential is at most the population observed (m <= n).
  c.fit = fit_bass(c.periods, c.observed, problem.observations.empty() ? 0.0 : max_n);
  c.bass = c.fit.fitted;
  return c;
}

}  // namespace adoptsim::calibration
