// Random streams. Every random number of a run comes from one of these streams, and every stream
// is a pure function of (seed, replicate, stream kind, index). Work is split over fixed blocks of
// agents, never over threads, so results are bit-identical whatever the thread count.
//
//   organisation            categories, traits, the network           (index 0)
//   environment             the weekly workload                        (index 0)
//   agents                  per agent block: turnover, stage draws     (index = block)
//   hires                   per agent block: traits of new hires       (index = block)
//   programme               per intervention occurrence                (index = hash(name, week))
//
// In the full model an agent draws exactly two uniforms per week from its block stream (one for
// turnover, one for its stage transition), whatever its state, so two programmes run with the
// same seed see the same agent-level random numbers: common random numbers for comparisons.
// (The Bass reduction draws one uniform per week for each person who has not yet adopted.)
#pragma once
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/seed_seq.hpp>
#include <cstdint>
#include <string_view>

namespace adoptsim {

using Engine = boost::random::mt19937;

enum class Stream : std::uint64_t { organisation = 1, environment = 2, agents = 3, hires = 4, programme = 5, posterior = 6, susceptibility = 7 };

// Agents are processed in blocks of this many; each block has its own streams.
inline constexpr int kBlockSize = 4096;

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// 64-bit FNV-1a of a name: a stable stream index for a named intervention.
inline std::uint64_t name_hash(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

inline Engine make_engine(std::uint64_t seed, std::uint64_t replicate, Stream kind, std::uint64_t index) {
  std::uint64_t state = seed;
  state ^= splitmix64(state) + replicate;
  state ^= splitmix64(state) + static_cast<std::uint64_t>(kind);
  state ^= splitmix64(state) + index;
  std::uint32_t words[8];
  for (int i = 0; i < 8; i += 2) {
    std::uint64_t z = splitmix64(state);
    words[i] = static_cast<std::uint32_t>(z);
    words[i + 1] = static_cast<std::uint32_t>(z >> 32);
  }
  boost::random::seed_seq seq(words, words + 8);
  return Engine(seq);
}

// Uniform on [0, 1) with 24 random bits (float) or 53 (double).
inline float uniform01(Engine& e) { return static_cast<float>(e() >> 8) * 0x1p-24f; }
inline double uniform01d(Engine& e) {
  std::uint64_t hi = e() >> 5, lo = e() >> 6;
  return static_cast<double>((hi << 26) | lo) * 0x1p-53;
}
// Uniform integer in [0, n) (Lemire's multiply-shift; the tiny bias is irrelevant for n << 2^32).
inline std::uint32_t uniform_index(Engine& e, std::uint32_t n) {
  return static_cast<std::uint32_t>((static_cast<std::uint64_t>(e()) * n) >> 32);
}

}  // namespace adoptsim
