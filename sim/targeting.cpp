#include "targeting.hpp"

#include <algorithm>

#include "grouping.hpp"
#include "programme.hpp"
#include "rules.hpp"

namespace adoptsim {

TargetFilter::TargetFilter(const Target& t, const Structure& st) : status(t.status) {
  for (Role r : t.roles) roles |= static_cast<std::uint8_t>(1u << idx(r));
  for (Category c : t.categories) categories |= static_cast<std::uint8_t>(1u << idx(c));
  if (!t.teams.empty()) {
    teams.assign(static_cast<std::size_t>(st.teams()), 0);
    for (int team : t.teams) teams[static_cast<std::size_t>(team)] = 1;
  }
}

bool TargetFilter::could_reach(const Structure& st, int i) const {
  const auto ui = static_cast<std::size_t>(i);
  if (roles && !(roles & (1u << idx(st.role[ui])))) return false;
  if (!teams.empty() && !teams[st.team_of[ui]]) return false;
  if (categories && st.fixed_category[ui] >= 0 && !(categories & (1u << st.fixed_category[ui]))) return false;
  return true;
}

bool TargetFilter::matches(const Structure& st, const Agents& a, int i) const {
  const auto ui = static_cast<std::size_t>(i);
  if (!could_reach(st, i)) return false;
  if (categories && !(categories & (1u << idx(a.category[ui])))) return false;
  switch (status) {
    case TargetStatus::all: return true;
    case TargetStatus::trained: return a.has(i, kTrained);
    case TargetStatus::untrained: return !a.has(i, kTrained);
    case TargetStatus::enrolled: return a.has(i, kEnrolled);
    case TargetStatus::new_hires: return a.has(i, kNewHire);
    case TargetStatus::applying: return is_applying(a.stage[ui]);
    case TargetStatus::not_applying: return !is_applying(a.stage[ui]);
  }
  return false;
}

std::vector<std::uint32_t> invite(const TargetFilter& filter, const Structure& st, const Agents& a) {
  std::vector<std::uint32_t> invited;
  for (int i = 0; i < st.people; ++i)
    if (filter.matches(st, a, i)) invited.push_back(static_cast<std::uint32_t>(i));
  return invited;
}

std::vector<std::uint32_t> attendees_of(const Intervention& iv, const std::vector<std::uint32_t>& invited,
                                        const ProgrammeContext& ctx, Engine& rng) {
  const auto& p = ctx.params;
  const auto& a = ctx.agents;
  std::vector<std::uint32_t> came;
  for (auto i : invited) {
    const double w = ctx.team_workload[ctx.structure.team_of[i]];
    double prob;
    if (iv.mandatory) {
      prob = 1.0 - p[Param::absence_base] - p[Param::absence_workload] * w;
    } else {
      prob = logistic(p[Param::voluntary_base] + p.per_category(Param::propensity_innovator, a.category[i]) -
                      p[Param::voluntary_resistance] * a.resistance[i] -
                      p[Param::voluntary_workload] * (w - p[Param::workload_mean]) +
                      (a.has(static_cast<int>(i), kEnrolled) ? p[Param::voluntary_enrolled] : 0.0));
    }
    if (uniform01d(rng) < prob) came.push_back(i);
  }
  if (iv.capacity > 0 && static_cast<int>(came.size()) > iv.capacity) {
    // Places go first to those who had this activity least often, at random among equals.
    shuffle(came, rng);
    const auto& had = a.sessions_by_type[static_cast<std::size_t>(idx(iv.type))];
    std::stable_sort(came.begin(), came.end(), [&](std::uint32_t x, std::uint32_t y) { return had[x] < had[y]; });
    came.resize(static_cast<std::size_t>(iv.capacity));
  }
  return came;
}

}  // namespace adoptsim
