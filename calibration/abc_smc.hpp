// Approximate Bayesian computation by sequential Monte Carlo (population Monte Carlo; Beaumont,
// Cornuet, Marin & Robert 2009; Toni et al. 2009). Generation 0 samples the prior. Each later
// generation sets its tolerance to a quantile of the previous generation's distances, proposes
// particles by resampling the previous population and perturbing them with a multivariate normal
// kernel (covariance: kernel_scale times the previous population's weighted covariance), keeps
// those whose simulation lands within the tolerance, and weights them by prior / proposal
// density. It stops at the generation limit, at a target tolerance, when the tolerance hardly
// moves, or when acceptance falls so low that a generation would need more than
// particles / min_acceptance simulations (that generation is then dropped).
//
// Proposal k of generation g draws its random numbers from stream (seed, g, k) and simulates with
// seed derived from (seed, g, k); proposals are evaluated in batches of a fixed size and accepted
// in index order, so the result does not depend on the number of threads.
#pragma once
#include <Eigen/Dense>
#include <functional>
#include <string>
#include <vector>

#include "parameter_space.hpp"

namespace adoptsim::calibration {

struct AbcSettings {
  int particles = 200;
  int generations = 8;             // at most, generation 0 included
  double quantile = 0.5;           // the next tolerance: this quantile of the accepted distances
  double min_acceptance = 0.02;    // stop when a generation would accept fewer
  double min_epsilon_change = 0.02;// stop when the tolerance falls by less than this fraction
  double target_epsilon = 0;       // stop once the tolerance is at or below it
  double kernel_scale = 2.0;       // perturbation covariance = this x weighted covariance
  std::uint64_t seed = 1;
};

struct Generation {
  int index = 0;
  double epsilon = 0;              // tolerance (+inf for generation 0)
  int evaluated = 0, accepted = 0;
  double acceptance = 0;           // accepted / evaluated
  double ess = 0;                  // effective sample size 1 / sum w^2
  double seconds = 0;
  Eigen::MatrixXd particles;       // particles x parameters, values (not internal)
  std::vector<double> weights;     // normalised
  std::vector<double> distances;
};

struct AbcResult {
  std::vector<Generation> generations;  // the last one is the posterior
  std::string stop_reason;
  long long simulations = 0;            // evaluations of all generations, dropped ones included
};

// distance(values, simulation seed): one evaluation, safe to call from several threads.
using DistanceFunction = std::function<double(const std::vector<double>& values, std::uint64_t seed)>;

AbcResult abc_smc(const ParameterSpace& space, const DistanceFunction& distance, const AbcSettings& settings, int threads,
                  const std::function<void(const Generation&)>& on_generation = {});

// Weighted covariance of the rows of `x` (internal coordinates).
Eigen::MatrixXd weighted_covariance(const Eigen::MatrixXd& x, const std::vector<double>& w);

}  // namespace adoptsim::calibration
