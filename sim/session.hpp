// The session and its effects (docs/ODD.md §3.3.5-3.3.6): what one occurrence does to each
// attendee, group by group and member by member; a message reaches people without a session.
#pragma once
#include <boost/random/normal_distribution.hpp>
#include <cstdint>
#include <vector>

#include "agents.hpp"
#include "grouping.hpp"
#include "rng.hpp"
#include "scenario.hpp"

namespace adoptsim {

struct ProgrammeContext;
struct ReactionTally;

// What is the same for every attendee of one occurrence: worked out once, before the attendees.
struct SessionSettings {
  double challenge, learning_rate, awareness, acceptance, practice;
  bool plenary, training, scored, mandate;
  SessionSettings(const Intervention& iv, const Parameters& p);
};

// Sums over the attendees, for the occurrence's record and its staff cost.
struct SessionSums {
  double staff_cost = 0, safety = 0, gain = 0, reaction = 0, stress = 0;
};

// A message (communication): impulses and staff time, no group and no learning.
void deliver_message(const ProgrammeContext& ctx, const Intervention& iv, const SessionSettings& set, const std::vector<std::uint32_t>& came,
                     SessionSums& sums);

// One group's session: the learning rule per member, then the session's effects on them.
// `teams` and `start_skill` are scratch space; `ctx.scratch` marks the group's members while it runs.
void hold_session(const ProgrammeContext& ctx, const Intervention& iv, const SessionSettings& set, const Groups& groups, int g,
                  boost::random::normal_distribution<double>& noise, Engine& rng, std::vector<std::uint32_t>& teams,
                  std::vector<float>& start_skill, SessionSums& sums, ReactionTally& reactions);

}  // namespace adoptsim
