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

std::vector<GroupComparison> compare_with_bass_by_group(const Problem& problem, const Fit& fit, int weeks_per_period) {
  std::vector<GroupComparison> out;
  for (std::size_t k = 0; k < problem.observations.size(); ++k) {
    const Observation& o = problem.observations[k];
    if (o.series.indicator != Indicator::adopted) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const GroupComparison& g) { return g.group == o.series.group.name; });
    if (it == out.end()) {
      out.push_back({o.series.group.name, {}, 0});
      it = out.end() - 1;
    }
    BassComparison& c = it->comparison;
    c.weeks.push_back(o.week);
    c.periods.push_back(static_cast<double>(o.week) / weeks_per_period);
    c.observed.push_back(o.value * o.n);
    c.model.push_back(fit.mean[k] * o.n);
    c.fit.m = std::max(c.fit.m, o.n);  // the group's size, until the fit replaces it
    it->inside += o.value >= fit.p05[k] && o.value <= fit.p95[k];
  }
  std::erase_if(out, [](const GroupComparison& g) { return g.comparison.weeks.size() < 3; });
  for (auto& g : out) {
    BassComparison& c = g.comparison;
    double sse = 0;
    for (std::size_t k = 0; k < c.observed.size(); ++k) sse += (c.observed[k] - c.model[k]) * (c.observed[k] - c.model[k]);
    c.model_rmse = std::sqrt(sse / static_cast<double>(c.observed.size()));
    c.fit = fit_bass(c.periods, c.observed, c.fit.m);
    c.bass = c.fit.fitted;
  }
  return out;
}

}  // namespace adoptsim::calibration
