// The fit to the data: simulations drawn from the posterior (or run at a point estimate), with
// the mean and the 5-95 % band of each observed quantity and of each observed series week by
// week. Draw d picks a particle by weight from stream (seed, d) and simulates one replicate with
// a seed derived from (seed, d), so the bands include both parameter and simulation uncertainty.
#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "problem.hpp"

namespace adoptsim::calibration {

struct Band {
  Series series;
  std::vector<double> mean, p05, p95;  // weeks 0..horizon
};

struct Fit {
  int draws = 0;
  std::vector<double> mean, p05, p95;  // per observation
  std::vector<Band> curves;            // per distinct series of the data
};

// `particles` holds values (particles x parameters), `weights` sums to 1. Runs to the scenario's
// horizon, on up to `threads` threads.
Fit predictive(const Problem& problem, const Eigen::MatrixXd& particles, const std::vector<double>& weights, int draws, std::uint64_t seed,
               int threads);

// Weighted quantile (q in [0,1]) of values with weights summing to 1: the smallest value whose
// cumulative weight reaches q (interpolated between neighbours).
double weighted_quantile(std::vector<std::pair<double, double>> value_weight, double q);

// The posterior predictive check: the share of observations inside the simulated 5-95 % band.
double coverage(const Problem& problem, const Fit& fit);

struct ParameterSummary {
  double mean = 0, median = 0, p05 = 0, p95 = 0;
};
std::vector<ParameterSummary> summarise_posterior(const Eigen::MatrixXd& particles, const std::vector<double>& weights);

}  // namespace adoptsim::calibration
