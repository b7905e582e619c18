#include "programme.hpp"

#include <algorithm>
#include <boost/random/normal_distribution.hpp>

#include "grouping.hpp"
#include "occurrence_costs.hpp"
#include "rng.hpp"
#include "session.hpp"
#include "targeting.hpp"

namespace adoptsim {

Schedule build_schedule(const Scenario& s) {
  Schedule sch;
  sch.by_week.resize(static_cast<std::size_t>(s.weeks) + 1);
  for (int k = 0; k < static_cast<int>(s.programme.size()); ++k)
    for (int w : s.programme[static_cast<std::size_t>(k)].weeks)
      if (w >= 1 && w <= s.weeks) sch.by_week[static_cast<std::size_t>(w)].push_back(k);
  return sch;
}

Occurrence run_occurrence(const ProgrammeContext& ctx, int k, CostMatrix& cost_matrix, ReactionTally& reactions) {
  const Intervention& iv = ctx.scenario.programme[static_cast<std::size_t>(k)];
  Engine rng = make_engine(ctx.seed, static_cast<std::uint64_t>(ctx.replicate), Stream::programme,
                           name_hash(iv.name) ^ (static_cast<std::uint64_t>(ctx.week) * 0x9E3779B97F4A7C15ULL));
  // Targeting and attendance.
  const auto invited = invite(TargetFilter(iv.target, ctx.structure), ctx.structure, ctx.agents);
  const auto came = attendees_of(iv, invited, ctx, rng);
  // Groups. Communication is a message, not a session: it reaches people, without groups or learning.
  const bool message = is_message(iv.type);
  // A plenary with group_size kWholeAudience is one session for everyone who came.
  const int cap = iv.group_size == kWholeAudience ? std::max(1, static_cast<int>(came.size())) : std::max(1, iv.group_size);
  const Groups groups = message ? Groups{} : form_groups(came, iv.grouping, cap, iv.groups, ctx.structure, ctx.agents, rng);

  Occurrence occ;
  occ.week = ctx.week;
  occ.intervention = k;
  occ.type = iv.type;
  occ.targeted = static_cast<int>(invited.size());
  occ.attendees = static_cast<int>(came.size());
  if (ctx.keep_attendee_ids) occ.attendee_ids = came;

  // The session and its effects.
  const SessionSettings settings(iv, ctx.params);
  boost::random::normal_distribution<double> noise(0.0, ctx.params[Param::reaction_noise]);
  SessionSums sums;
  std::vector<std::uint32_t> teams;
  std::vector<float> start_skill;
  if (message) deliver_message(ctx, iv, settings, came, sums);
  for (int g = 0; g < groups.count(); ++g) hold_session(ctx, iv, settings, groups, g, noise, rng, teams, start_skill, sums, reactions);

  // Costs.
  book_costs(iv, ctx.scenario.costs, message, groups.count(), sums.staff_cost, cost_matrix, occ);
  if (occ.attendees > 0) {
    occ.mean_safety = static_cast<float>(sums.safety / occ.attendees);
    occ.mean_gain = static_cast<float>(sums.gain / occ.attendees);
    occ.mean_reaction = static_cast<float>(sums.reaction / occ.attendees);
    occ.mean_stress = static_cast<float>(sums.stress / occ.attendees);
  }
  return occ;
}

}  // namespace adoptsim
