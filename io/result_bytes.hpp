// RunResult as a flat byte string and back: what a rank sends to rank 0 and what a checkpoint
// journal stores. Native byte order and layout (all ranks of a job run the same binary on the same
// kind of machine); every value is copied bit for bit, so a result read back is identical.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "result.hpp"

namespace adoptsim {

using Bytes = std::string;

void append_result(Bytes& out, const RunResult& r);
// Reads one result starting at `pos` and moves `pos` past it. Throws std::runtime_error when the
// bytes are cut short or are not a result.
RunResult read_result(const Bytes& in, std::size_t& pos);

Bytes results_to_bytes(const std::vector<RunResult>& runs);
std::vector<RunResult> results_from_bytes(const Bytes& in);

}  // namespace adoptsim
