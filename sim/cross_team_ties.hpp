// Lasting cross-team ties from learning together (docs/ODD.md §3.3.6.1, "Group composition").
// Seed 000, guided intervision: "verschillende groepssamenstellingen bieden verschillende
// perspectieven"; seed 003 (interprofessional learning): "met elkaar leren, van elkaar leren,
// over elkaar leren" strengthens "professionele samenwerking". In a group session that teaches,
// each attendee gets to know the next attendee of another team in the group's order (both
// directions). The tie outlives the session: it joins the person's exposure (§3.3.10) as a
// neighbour of weight `composition.cross_team_tie_weight` times the colleague's role-model weight.
// Each person keeps the last kSessionTies such ties; a tie ends when either position gets a new
// occupant (turnover). Written in the programme phase (serial), read by the weekly update.
#pragma once
#include <cstddef>
#include <cstdint>

#include "agents.hpp"
#include "exposure.hpp"
#include "organisation.hpp"

namespace adoptsim {

inline bool session_tie_holds(const Agents& a, std::size_t i, std::size_t slot) {
  const std::size_t k = i * kSessionTies + slot;
  const std::uint32_t j = a.session_tie[k];
  return j != kNoSessionTie && a.hire_week[i] <= a.session_tie_week[k] && a.hire_week[j] <= a.session_tie_week[k];
}

// One direction: i now knows j (refreshed if already known, else in place of i's oldest tie).
inline void add_session_tie(Agents& a, std::uint32_t i, std::uint32_t j, int week) {
  const std::size_t base = static_cast<std::size_t>(i) * kSessionTies;
  for (int s = 0; s < kSessionTies; ++s)
    if (a.session_tie[base + s] == j && session_tie_holds(a, i, static_cast<std::size_t>(s))) {
      a.session_tie_week[base + s] = static_cast<std::int16_t>(week);
      return;
    }
  std::uint8_t& next = a.session_tie_next[i];
  a.session_tie[base + next] = j;
  a.session_tie_week[base + next] = static_cast<std::int16_t>(week);
  next = static_cast<std::uint8_t>((next + 1) % kSessionTies);
}

// The ties a group makes: members [begin, end) in the group's order; each to the next member
// (cyclically) from another team.
template <class It>
void tie_across_teams(Agents& a, const Structure& st, It begin, It end, int week) {
  const auto n = end - begin;
  for (decltype(end - begin) k = 0; k < n; ++k) {
    const std::uint32_t i = begin[k];
    for (decltype(end - begin) d = 1; d < n; ++d) {
      const std::uint32_t j = begin[(k + d) % n];
      if (st.team_of[j] == st.team_of[i]) continue;
      add_session_tie(a, i, j, week);
      add_session_tie(a, j, i, week);
      break;
    }
  }
}

// Exposure with i's session ties added as neighbours of weight `tie_weight` (times the
// colleague's role-model weight). `own_weight_sum`: the sum of i's network neighbours' weights.
inline Exposure with_session_ties(const Exposure& x, const Agents& a, const Structure& st, const Agents::Visible* visible,
                                  const float* role_weight, std::size_t i, float own_weight_sum, float tie_weight) {
  float pull = x.applying * own_weight_sum, resist = x.resistance * own_weight_sum, weight = own_weight_sum;
  bool any = false;
  for (int s = 0; s < kSessionTies; ++s) {
    if (!session_tie_holds(a, i, static_cast<std::size_t>(s))) continue;
    const std::uint32_t j = a.session_tie[i * kSessionTies + static_cast<std::size_t>(s)];
    pull += tie_weight * visible[j].applying;
    resist += tie_weight * visible[j].resistance;
    weight += tie_weight * role_weight[idx(st.role[j])];
    any = true;
  }
  if (!any || weight <= 0) return x;
  return {pull / weight, resist / weight};
}

}  // namespace adoptsim
