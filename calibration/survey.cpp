#include "survey.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "model.hpp"
#include "organisation.hpp"
#include "streams.hpp"

namespace adoptsim::calibration {

std::vector<Observation> survey(const Scenario& scenario, std::vector<Observation> design, std::uint64_t seed, const DistanceSettings& settings) {
  const Structure st = build_structure(scenario);
  const RunResult run = run_replicate(scenario, derived_seed(seed, Purpose::survey, 0), 0);
  for (std::size_t k = 0; k < design.size(); ++k) {
    Observation& o = design[k];
    const double truth = series_value(o.series, run, st, o.week);
    if (!std::isfinite(truth))
      throw std::invalid_argument(o.source + ":" + std::to_string(o.line) + ": " + o.series.label() + " is undefined in week " + std::to_string(o.week) +
                                  " of the simulation (for example no session yet for a reaction score)");
    Engine rng = stream(seed, Purpose::survey, 1, k);
    if (is_share(o.series.indicator)) {
      const auto n = static_cast<long long>(std::llround(o.n));
      long long yes = 0;
      for (long long i = 0; i < n; ++i) yes += uniform01d(rng) < truth;
      o.value = static_cast<double>(yes) / static_cast<double>(n);
    } else {
      const double u1 = 1.0 - uniform01d(rng), u2 = uniform01d(rng);
      const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
      const double sd = std::isnan(o.sd) ? settings.default_sd : o.sd;
      o.value = std::clamp(truth + z * sd / std::sqrt(o.n), 0.0, 1.0);
    }
  }
  return design;
}

}  // namespace adoptsim::calibration
