// Writers copy the arrays of RunResult as they are; this checks first that the replicates of an
// ensemble have one shape, so a file is never written from arrays of the wrong length.
#pragma once
#include <vector>

#include "result.hpp"

namespace adoptsim {

// Throws std::runtime_error when `runs` is empty, when replicates differ in weeks, people or
// teams, or when an array is not as long as RunResult::allocate and the per-person records make
// it (e.g. a replicate cancelled before its last week).
void check_ensemble_shape(const std::vector<RunResult>& runs);

// The same for one replicate `r` (row `index` of the file) against the shape of `first`.
void check_run_shape(const RunResult& r, std::size_t index, const RunResult& first);

}  // namespace adoptsim
