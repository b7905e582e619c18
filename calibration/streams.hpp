// Random streams of the calibration and sensitivity algorithms, like sim/rng.hpp: every stream
// and every simulation seed is a pure function of (seed, purpose, a, b) — for example (seed,
// ABC proposal, generation, proposal index) — never of the thread that happens to use it.
#pragma once
#include <cstdint>

#include "rng.hpp"

namespace adoptsim::calibration {

enum class Purpose : std::uint64_t {
  abc_proposal = 101, abc_simulation = 102, predictive = 103, point = 104, morris = 105, saltelli = 106,
  bootstrap = 107, survey = 108, sensitivity_simulation = 109, abc_noise = 110
};

inline Engine stream(std::uint64_t seed, Purpose purpose, std::uint64_t a, std::uint64_t b = 0) {
  return make_engine(seed, a, static_cast<Stream>(purpose), b);
}

// A seed for the engine's own streams: run_replicate(scenario, derived_seed(...), r).
inline std::uint64_t derived_seed(std::uint64_t seed, Purpose purpose, std::uint64_t a, std::uint64_t b = 0) {
  std::uint64_t state = seed;
  state ^= splitmix64(state) + static_cast<std::uint64_t>(purpose);
  state ^= splitmix64(state) + a;
  state ^= splitmix64(state) + b;
  return splitmix64(state) >> 11;  // below 2^53: exact in a double and in TOML files
}

}  // namespace adoptsim::calibration
