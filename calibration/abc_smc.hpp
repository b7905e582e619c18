// Approximate Bayesian computation by sequential Monte Carlo (population Monte Carlo; Beaumont,
// Cornuet, Marin & Robert 2009; Toni et al. 2009). Generation 0 samples the prior. Each later
// generation sets its tolerance to a quantile of the previous generation's distances, proposes
// particles by resampling the previous population and perturbing them with a multivariate normal
// kernel (covariance: kernel_scale times the previous population's weighted covariance), keeps
// those whose simulation lands within the tolerance, and weights them by prior / proposal
// density. It stops on the first of these rules and says which (AbcResult::stop_rule):
//  - target tolerance: the tolerance reached target_epsilon;
//  - noise floor (when noise_floor_stop): the next tolerance would be below the mean distance of the posterior's median
//    particle re-simulated noise_evaluations times: tightening further would select lucky
//    simulations rather than better parameters;
//  - minimum acceptance: a generation would need more than particles / min_acceptance
//    simulations (that generation is then dropped);
//  - stalled: the tolerance falls by less than min_epsilon_change;
//  - generation limit.
// Replicates per evaluation adapt (with max_replicates above replicates): after each generation
// the median particle is re-simulated noise_evaluations times; while the standard deviation of
// its distance exceeds noise_limit times its mean, the replicates per evaluation double (up to
// max_replicates) for the following generations.
//
// Proposal k of generation g draws its random numbers from stream (seed, g, k) and simulates with
// seed derived from (seed, g, k); proposals are evaluated in batches of a fixed size and accepted
// in index order, so the result does not depend on the number of threads.
#pragma once
#include <Eigen/Dense>
#include <array>
#include <string_view>
#include <functional>
#include <string>
#include <vector>

#include "parallel.hpp"
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
  int replicates = 1;              // per evaluation at the start
  int max_replicates = 0;          // adaptive up to this many (0 or <= replicates: fixed)
  double noise_limit = 0.1;        // allowed sd / mean of the median particle's distance
  int noise_evaluations = 0;       // re-simulations of the median particle per generation (0, 1: none)
  bool noise_floor_stop = false;   // apply the noise-floor rule (off: ABC's posterior needs the
                                   // tolerance below the noise; on: stop when chasing noise)
  std::uint64_t seed = 1;
};

enum class StopRule : std::uint8_t { target_tolerance, noise_floor, min_acceptance, stalled, generation_limit };
inline constexpr std::array<std::string_view, 5> kStopRuleNames{"target_tolerance", "noise_floor", "min_acceptance", "stalled", "generation_limit"};

struct Generation {
  int index = 0;
  double epsilon = 0;              // tolerance (+inf for generation 0)
  int evaluated = 0, accepted = 0;
  double acceptance = 0;           // accepted / evaluated
  double ess = 0;                  // effective sample size 1 / sum w^2
  double seconds = 0;
  int replicates = 1;              // per evaluation in this generation
  int noise_replicates = 1;        // per evaluation when the noise was measured (the next generation's)
  double noise_mean = 0, noise_sd = 0;  // distance of the median particle re-simulated (after adapting)
  Eigen::MatrixXd particles;       // particles x parameters, values (not internal)
  std::vector<double> weights;     // normalised
  std::vector<double> distances;
};

struct AbcResult {
  std::vector<Generation> generations;  // the last one is the posterior
  std::string stop_reason;
  StopRule stop_rule = StopRule::generation_limit;
  long long simulations = 0;            // evaluations of all generations, dropped ones included
  long long replicate_runs = 0;         // simulated replicates of all evaluations (noise checks included)
};

// distance(values, simulation seed): one evaluation, safe to call from several threads.
using DistanceFunction = std::function<double(const std::vector<double>& values, std::uint64_t seed)>;
// The same with the number of replicates to simulate (for adaptive replicates).
using ReplicatedDistance = std::function<double(const std::vector<double>& values, std::uint64_t seed, int replicates)>;

// `map` shares each batch of proposals out (sim/parallel.hpp BatchMap; e.g. over MPI ranks).
AbcResult abc_smc(const ParameterSpace& space, const ReplicatedDistance& distance, const AbcSettings& settings, int threads,
                  const std::function<void(const Generation&)>& on_generation = {}, const BatchMap& map = {});
// A distance with a fixed number of replicates: no adaptation.
AbcResult abc_smc(const ParameterSpace& space, const DistanceFunction& distance, const AbcSettings& settings, int threads,
                  const std::function<void(const Generation&)>& on_generation = {});

// Weighted covariance of the rows of `x` (internal coordinates).
Eigen::MatrixXd weighted_covariance(const Eigen::MatrixXd& x, const std::vector<double>& w);

}  // namespace adoptsim::calibration
