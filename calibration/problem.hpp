// A calibration problem: a scenario, the data, the parameters to fit, the distance, and how
// many replicates each evaluation simulates. Evaluating a point of the parameter space is a pure
// function of (problem, values, seed): replicate r runs with run_replicate(scenario, seed, r).
#pragma once
#include <cstdint>
#include <vector>

#include "distance.hpp"
#include "observations.hpp"
#include "parameter_space.hpp"
#include "scenario.hpp"

namespace adoptsim {
class ThreadPool;
}

namespace adoptsim::calibration {

struct Problem {
  Scenario scenario;                  // the base scenario (its parameters are the starting values)
  std::vector<Observation> observations;
  ParameterSpace space;
  DistanceSettings distance;
  int replicates = 1;                 // simulated per evaluation; predictions are their means
  int last_week() const;              // the latest observed week
};

struct Evaluation {
  double distance = 0;
  std::vector<double> predicted;      // per observation: mean over the replicates
};

// Simulates `problem.replicates` replicates at `values` up to the last observed week and compares
// their mean prediction with the data. With a pool, the replicates run on its threads (used by
// the point estimate); the sums are taken in replicate order either way.
// `replicates` > 0 overrides problem.replicates (adaptive ABC-SMC).
Evaluation evaluate(const Problem& problem, const std::vector<double>& values, std::uint64_t seed, ThreadPool* pool = nullptr, int replicates = 0);

// Per observation, the value in each of the given runs (rows: observations, columns: runs).
std::vector<std::vector<double>> predictions(const Problem& problem, const std::vector<RunResult>& runs, const Structure& structure);

}  // namespace adoptsim::calibration
