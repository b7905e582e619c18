// Exposure (docs/ODD.md §3.3.10, §1.3 step 4b): the weighted share of one's neighbours applying
// last week, and their weighted mean resistance, read from last week's visible state only. On a
// complete network both are the population's figures of last week.
#pragma once
#include <cstddef>

#include "agents.hpp"
#include "network.hpp"

namespace adoptsim {

struct Exposure {
  float applying;    // E
  float resistance;  // N_r
};

// What the weekly update needs to compute exposure; built once per week.
struct ExposureInputs {
  const Network& network;
  const Agents::Visible* visible;        // last week
  const float* inverse_weight;           // per person: 1 / sum of neighbours' role-model weights
  float population_applying, population_resistance;
  bool prefetch;                         // large organisations: fetch a later agent's ties early
};

inline constexpr std::size_t kPrefetchDistance = 8;  // agents
inline constexpr int kPrefetchAbove = 100000;        // people

inline Exposure exposure_of(const ExposureInputs& x, std::size_t ui, std::size_t end, float own_resistance) {
  if (x.network.complete) return {x.population_applying, x.population_resistance};
  const auto& offset = x.network.offset;
  const auto& neighbour = x.network.neighbour;
  // Ties across teams land anywhere in memory: ask for a later agent's neighbours early.
  if (const auto ahead = ui + kPrefetchDistance; x.prefetch && ahead < end)
    for (auto e = offset[ahead]; e < offset[ahead + 1]; ++e) __builtin_prefetch(&x.visible[neighbour[e]]);
  float pull = 0, resist = 0;
  for (auto e = offset[ui]; e < offset[ui + 1]; ++e) {
    const Agents::Visible& v = x.visible[neighbour[e]];
    pull += v.applying;
    resist += v.resistance;
  }
  const float inverse = x.inverse_weight[ui];
  return {pull * inverse, inverse > 0 ? resist * inverse : own_resistance};
}

}  // namespace adoptsim
