// Handing out units of work over the ranks of a job and collecting their results in order.
//
// Units are numbered; a unit's result is a pure function of its number (a replicate, a programme x
// replicate block, a design point), so it does not matter which rank computes it. Rank 0 hands out
// units as ranks become free (itself included, on a second thread), keeps results that arrive early
// and delivers them to `deliver` strictly in unit order: what is written never depends on timing.
// No more than `window` units past the first undelivered one are out at a time, which bounds the
// memory of results waiting for their turn. With one rank, units are computed in order, inline.
//
// A rank whose unit throws makes rank 0 stop handing out work, collect what is in flight, end the
// farm on every rank and throw std::runtime_error naming the rank, the unit and the error. A stop
// request (cluster.hpp) ends it the same way without an error: farm() then returns the first unit
// not delivered, the same on every rank, and the caller keeps its checkpoint.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace adoptsim::cluster {

using Bytes = std::string;

// Computes a unit on any rank; nullopt when it stopped early (stop request) without a result.
using Compute = std::function<std::optional<Bytes>(std::int64_t unit)>;
// On rank 0 only, in unit order.
using Deliver = std::function<void(std::int64_t unit, Bytes&& result)>;

struct FarmOptions {
  std::int64_t window = 0;                         // 0: 4 units per rank
  std::atomic<std::int64_t>* delivered = nullptr;  // counts delivered units as they are (progress)
};

// Runs units [first, end) and returns the first unit not delivered (end when all were).
std::int64_t farm(std::int64_t first, std::int64_t end, const Compute& compute, const Deliver& deliver, const FarmOptions& options = {});


}  // namespace adoptsim::cluster
