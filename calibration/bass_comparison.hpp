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

// The Bass-equivalent point of the Bass nesting (docs/ODD.md, direct adoption): the closed-form
// fit (p, q per period, m people) of the largest `adopted` series (everyone, or the one group of
// a data set restricted to a village), turned into the weekly hazards of the full model with the
// staged path off: adoption.innovation = p / weeks_per_period, adoption.imitation =
// q n / (m weeks_per_period) (the hazard uses the share of the whole population, Bass the share
// of the market m), adoption.population_weight = 1 (the population share, as in Bass) and
// adoption.susceptible_share = m / n. The Bass hazard is a rate, so per week is per period / 52
// exactly (a constant hazard h over a week adopts 1 - exp(-h) of those left, which is what the
// engine draws). Returns the values of the fitted parameters, each clamped into its prior; a
// parameter outside those four keeps the scenario's value (clamped) or, for a family, factor 1.
// None when the data have no series of at least three `adopted` points or the space fits none
// of adoption.innovation and adoption.imitation.
struct BassStart {
  std::vector<double> values;  // per fitted parameter
  BassFit fit;                 // the closed-form fit it comes from
  std::string group;           // whose series
  double n = 0;                // its size
};
std::optional<BassStart> bass_equivalent_start(const Problem& problem, int weeks_per_period);

}  // namespace adoptsim::calibration
