// The yardstick for diffusion data: the model's fit to the cumulative adopter counts of the whole
// population next to the closed-form Bass model fitted to the same counts.
#pragma once
#include <optional>
#include <vector>

#include "bass_fit.hpp"
#include "predictive.hpp"

namespace adoptsim::calibration {

struct BassComparison {
  std::vector<int> weeks;
  std::vector<double> periods;                       // week / weeks_per_period: Bass's time axis
  std::vector<double> observed, model, bass;         // cumulative adopters (people)
  double model_rmse = 0;
  BassFit fit;                                       // p, q per period; m in people
};

// From the observations of indicator `adopted` for group `everyone` (at least three), with the
// model's posterior predictive mean; none when the data have no such series.
std::optional<BassComparison> compare_with_bass(const Problem& problem, const Fit& fit, int weeks_per_period);

}  // namespace adoptsim::calibration
