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

std::optional<BassStart> bass_equivalent_start(const Problem& problem, int weeks_per_period) {
  const auto& ps = problem.space.parameters;
  auto fitted = [&](Param row) {
    return std::any_of(ps.begin(), ps.end(), [&](const FittedParameter& f) { return !f.factor && f.rows.size() == 1 && f.rows[0] == row; });
  };
  if (!fitted(Param::adoption_innovation) && !fitted(Param::adoption_imitation)) return std::nullopt;
  // The largest group's series (everyone when present: no group is larger).
  std::string group;
  double n = 0;
  for (const Observation& o : problem.observations)
    if (o.series.indicator == Indicator::adopted && (o.n > n || (o.n == n && o.series.group.kind == GroupKind::everyone))) {
      n = o.n;
      group = o.series.group.name;
    }
  BassStart out;
  std::vector<double> t, y;
  for (const Observation& o : problem.observations)
    if (o.series.indicator == Indicator::adopted && o.series.group.name == group) {
      t.push_back(static_cast<double>(o.week) / weeks_per_period);
      y.push_back(o.value * o.n);
    }
  if (t.size() < 3 || n <= 0) return std::nullopt;
  out.fit = fit_bass(t, y, n);
  out.group = group;
  out.n = n;
  const double wpp = weeks_per_period, m = std::max(out.fit.m, 1.0);
  for (const FittedParameter& f : ps) {
    double v = f.factor ? 1.0 : problem.scenario.parameters[f.rows[0]];
    if (!f.factor) {
      switch (f.rows[0]) {
        case Param::adoption_innovation: v = out.fit.p / wpp; break;
        case Param::adoption_imitation: v = out.fit.q * n / (m * wpp); break;
        case Param::adoption_population_weight: v = 1.0; break;
        case Param::adoption_susceptible_share: v = m / n; break;
        default: break;
      }
    }
    out.values.push_back(std::clamp(v, f.min, f.max));
  }
  return out;
}

}  // namespace adoptsim::calibration
