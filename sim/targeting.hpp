// Targeting and attendance (docs/ODD.md §3.3.5): whom an intervention reaches in their current
// state, and who of them comes.
#pragma once
#include <cstdint>
#include <vector>

#include "agents.hpp"
#include "organisation.hpp"
#include "rng.hpp"
#include "scenario.hpp"

namespace adoptsim {

struct ProgrammeContext;

// A target compiled to bit masks, for the pass over everyone at each occurrence.
struct TargetFilter {
  TargetFilter(const Target& t, const Structure& st);
  // Whom the target can reach at all, from the organisation alone: role, team and, where a
  // roster fixes it, category. The one answer for the loader's check ("targets nobody"), the
  // trainer's proposals (decision/group_search.cpp) and, below, the engine.
  bool could_reach(const Structure& st, int i) const;
  // Whom it reaches this week: could_reach, the agent's category and its status.
  bool matches(const Structure& st, const Agents& a, int i) const;
  std::uint8_t roles = 0, categories = 0;  // bit masks, 0 = any
  std::vector<std::uint8_t> teams;         // per team, empty = any
  TargetStatus status;
};

// Everyone the target matches now, in index order.
std::vector<std::uint32_t> invite(const TargetFilter& filter, const Structure& st, const Agents& a);

// Who of the invited comes: mandatory sessions lose the absent, voluntary ones are a choice; then
// the capacity cap. One uniform per invited person, whatever the outcome.
std::vector<std::uint32_t> attendees_of(const Intervention& iv, const std::vector<std::uint32_t>& invited, const ProgrammeContext& ctx,
                                        Engine& rng);

}  // namespace adoptsim
