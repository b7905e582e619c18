// How far a model's predictions are from the observed data: each difference is weighted by the
// sampling variance that the observation's sample size implies, so a share measured on 150
// people counts more than one measured on 15.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "observations.hpp"

namespace adoptsim::calibration {

// standardised: each difference over its standard error (the default, below).
// count_rmse: the root mean square of (observed - predicted) x n over the observations, in
// people: for cumulative adopter counts this is the RMSE the Bass comparison reports, so a
// point fit can minimise the very figure it is judged by (calibration/README.md).
enum class DistanceKind : std::uint8_t { standardised, count_rmse };
inline constexpr std::array<std::string_view, 2> kDistanceKindNames{"standardised", "count_rmse"};

struct DistanceSettings {
  double default_sd = 0.2;  // sd among people for a mean indicator whose row gives none
  DistanceKind kind = DistanceKind::standardised;
};

// Standard error of an observation. Shares: sqrt(p(1-p)/n) with p shrunk to (value*n + 0.5)/(n + 1)
// so that 0 % and 100 % still carry a finite weight; means: sd/sqrt(n).
double standard_error(const Observation& o, const DistanceSettings& s);

// Root mean square of the standardised differences (observed - predicted)/se over all
// observations (count_rmse: of (observed - predicted) n); +inf when a prediction is missing (NaN).
double distance(const std::vector<Observation>& obs, const std::vector<double>& predicted, const DistanceSettings& s);

}  // namespace adoptsim::calibration
