// Replicates of one scenario, run in parallel. Replicate r is run_replicate(scenario, seed, r),
// wherever and on whichever thread it runs: results do not depend on the thread count.
#pragma once
#include <atomic>
#include <cstdint>
#include <vector>

#include "result.hpp"
#include "scenario.hpp"

namespace adoptsim {

struct EnsembleProgress {
  std::atomic<std::int64_t> weeks_done{0};  // replicate-weeks simulated so far
  std::atomic<int> replicates_done{0};
  std::atomic<bool> cancel{false};          // set by the caller to stop early (results then partial)
};

// Runs replicates [first, first + count) with up to `threads` threads. With at least as many
// replicates as threads, each thread runs whole replicates; otherwise the agent blocks of each
// replicate are spread over the threads.
std::vector<RunResult> run_ensemble(const Scenario& scenario, std::uint64_t seed, int count, int threads,
                                    EnsembleProgress* progress = nullptr, int first = 0);

int hardware_threads();

}  // namespace adoptsim
