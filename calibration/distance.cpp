#include "distance.hpp"

#include <cmath>
#include <limits>

namespace adoptsim::calibration {

double standard_error(const Observation& o, const DistanceSettings& s) {
  if (is_share(o.series.indicator)) {
    const double p = (o.value * o.n + 0.5) / (o.n + 1.0);
    return std::sqrt(p * (1 - p) / o.n);
  }
  const double sd = std::isnan(o.sd) ? s.default_sd : o.sd;
  return sd / std::sqrt(o.n);
}

double distance(const std::vector<Observation>& obs, const std::vector<double>& predicted, const DistanceSettings& s) {
  double sum = 0;
  for (std::size_t k = 0; k < obs.size(); ++k) {
    if (!std::isfinite(predicted[k])) return std::numeric_limits<double>::infinity();
    const double diff = obs[k].value - predicted[k];
    const double z = s.kind == DistanceKind::count_rmse ? diff * obs[k].n : diff / standard_error(obs[k], s);
    sum += z * z;
  }
  return obs.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(obs.size()));
}

}  // namespace adoptsim::calibration
