// The social network: undirected, stored as compressed sparse rows (CSR). A complete network is
// not materialised: exposure then uses the population share directly.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "organisation.hpp"
#include "rng.hpp"

namespace adoptsim {

struct Network {
  int people = 0;
  bool complete = false;
  std::vector<std::uint64_t> offset;      // people + 1 entries
  std::vector<std::uint32_t> neighbour;   // both directions of every tie

  int degree(int i) const { return complete ? people - 1 : static_cast<int>(offset[i + 1] - offset[i]); }
  std::uint64_t ties() const { return complete ? static_cast<std::uint64_t>(people) * (people - 1) / 2 : neighbour.size() / 2; }
};

// Builds the CSR from an undirected edge list; drops self loops and duplicate ties.
Network network_from_edges(int people, std::vector<std::pair<std::uint32_t, std::uint32_t>> edges);

// Dense within teams, sparse across teams, managers tied to their team and to the MT member they
// report to, HR advisers to the managers of the teams they serve, the MT to each other (MODEL.md §4).
Network organisation_network(const Structure& st, const Organisation& org, Engine& rng);

// Watts-Strogatz: ring lattice of even degree k, each tie rewired with probability beta.
Network small_world_network(int people, int k, double beta, Engine& rng);

Network complete_network(int people);

}  // namespace adoptsim
