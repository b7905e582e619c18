// Forming groups for a session: split the attendees into groups of at most `cap`, by a rule or
// as the scenario lists them (MODEL.md §6; trainers' group composition).
#pragma once
#include <cstdint>
#include <vector>

#include "agents.hpp"
#include "domain.hpp"
#include "organisation.hpp"
#include "rng.hpp"

namespace adoptsim {

// Groups as one flat list: group g holds members[start[g] .. start[g+1]).
struct Groups {
  std::vector<std::uint32_t> members;
  std::vector<std::uint32_t> start{0};
  int count() const { return static_cast<int>(start.size()) - 1; }
  int size(int g) const { return static_cast<int>(start[g + 1] - start[g]); }
  void close_group() { start.push_back(static_cast<std::uint32_t>(members.size())); }
};

// Attendees listed in `explicit_groups` (person ids) sit as listed; everyone else is grouped
// by `rule` with at most `cap` per group, in balanced sizes.
Groups form_groups(const std::vector<std::uint32_t>& attendees, GroupRule rule, int cap,
                   const std::vector<std::vector<int>>& explicit_groups, const Structure& st,
                   const Agents& a, Engine& rng);

// The sizes of `groups` groups for n people (groups = 0: as few as hold at most `cap` each),
// balanced: they differ by at most one, the larger first. The one cutter of the engine's groups
// and of the trainer's proposals (decision/group_search.cpp).
std::vector<std::size_t> balanced_sizes(std::size_t n, int cap, int groups = 0);

// Fisher-Yates with our own index draw, so the order is the same with every standard library.
void shuffle(std::vector<std::uint32_t>& v, Engine& rng);

}  // namespace adoptsim
