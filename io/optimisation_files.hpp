// The results of `adoptsim optimise` as files: one HDF5 file with every programme the race ran
// (knobs, replicates, cost, probability of reaching the goal, why it left the race), the stages
// and the frontier; and frontier.csv. Layouts: outputs/README.md.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "knob_space.hpp"
#include "optimiser.hpp"

namespace adoptsim {

struct OptimisationMetadata {
  std::string program_version, created, scenario_name, scenario_path, scenario_text, goal, currency = "EUR";
  std::uint64_t seed = 0;
  int threads = 0;
  double seconds = 0;
  std::int64_t simulations = 0;  // everything, the confirmation and the baseline included
};

// frontier.csv: one row per frontier point, by ascending cost: cost_mean,cost_p05,cost_p95,
// goal_probability,goal_p05,goal_p95,replicates, then one column per knob, and winner (1/0).
std::string frontier_csv(const OptimiseResult& r);

void write_optimisation_h5(const std::filesystem::path& path, const OptimisationMetadata& meta, const OptimiseSettings& settings,
                           const KnobGrid& grid, const OptimiseResult& r);

}  // namespace adoptsim
