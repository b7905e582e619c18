// The yardstick for diffusion data: the model's fit to the cumulative adopter counts of the whole
// population next to the closed-form Bass model fitted to the same counts.
#pragma once
#include <optional>
#include <string>
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

// The same for every group with at least three `adopted` observations (the whole population and
// each village of a per-community data set), in the order they first appear; `inside` counts the
// group's observations inside the simulated 90 % band. Bass's m is held within the group's size.
struct GroupComparison {
  std::string group;
  BassComparison comparison;
  int inside = 0;
};
std::vector<GroupComparison> compare_with_bass_by_group(const Problem& problem, const Fit& fit, int weeks_per_period);

}  // namespace adoptsim::calibration
