// Synthetic data: what a survey of a simulated organisation would report. One replicate is
// simulated; each design row (week, indicator, group, n) is then "asked" of n people: a share
// is drawn as Binomial(n, true share) / n, a mean as Normal(true mean, sd / sqrt(n)) clipped to
// [0, 1]. Used to test that calibration recovers known parameters.
#pragma once
#include <cstdint>
#include <vector>

#include "distance.hpp"
#include "observations.hpp"
#include "scenario.hpp"

namespace adoptsim::calibration {

// Returns the design with value set to the surveyed value. Replicate 0 is simulated with a seed
// derived from `seed`; the sampling draws come from stream (seed, row).
std::vector<Observation> survey(const Scenario& scenario, std::vector<Observation> design, std::uint64_t seed, const DistanceSettings& settings);

}  // namespace adoptsim::calibration
