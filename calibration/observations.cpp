#include "observations.hpp"

#include <algorithm>
#include <limits>

namespace adoptsim::calibration {

std::string Series::label() const {
  std::string out(kIndicatorNames[static_cast<std::size_t>(indicator)]);
  if (indicator == Indicator::stage) out.append(".").append(kStageNames[static_cast<std::size_t>(idx(stage))]);
  return out.append(" | ").append(group.name);
}

std::string unsupported(const Series& s) {
  switch (s.indicator) {
    case Indicator::skill:
    case Indicator::skill_trained:
      if (s.group.kind != GroupKind::users) return "the engine records skill for the method's users only: use group 'users'";
      break;
    case Indicator::reaction:
      if (s.group.kind != GroupKind::everyone) return "the reaction score is over all attendees of sessions: use group 'everyone'";
      break;
    default: break;
  }
  return {};
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool in_group(const Group& g, int role, int category, int team) {
  switch (g.kind) {
    case GroupKind::everyone: return true;
    case GroupKind::users: return is_method_user(static_cast<Role>(role));
    case GroupKind::role: return role == g.index;
    case GroupKind::category: return category == g.index;
    case GroupKind::team: return team == g.index;
  }
  return false;
}

// Share of the group in the stages for which `counted(stage)` holds, from the weekly counts.
template <class Counted>
double stage_share(const Group& g, const RunResult& run, int week, Counted counted) {
  std::int64_t part = 0, whole = 0;
  const auto w = static_cast<std::size_t>(week);
  if (g.kind == GroupKind::team) {
    for (int st = 0; st < kStages; ++st) {
      const std::int64_t n = run.stage_by_team[(w * static_cast<std::size_t>(run.teams) + static_cast<std::size_t>(g.index)) * kStages + static_cast<std::size_t>(st)];
      whole += n;
      if (counted(st)) part += n;
    }
  } else {
    for (int c = 0; c < kCategories; ++c)
      for (int r = 0; r < kRoles; ++r) {
        if (!in_group(g, r, c, -1)) continue;
        for (int st = 0; st < kStages; ++st) {
          const std::int64_t n = run.stage_category_role[((w * kCategories + static_cast<std::size_t>(c)) * kRoles + static_cast<std::size_t>(r)) * kStages + static_cast<std::size_t>(st)];
          whole += n;
          if (counted(st)) part += n;
        }
      }
  }
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : kNaN;
}

}  // namespace

double series_value(const Series& s, const RunResult& run, const Structure& st, int week) {
  if (week < 0 || week > run.weeks) return kNaN;
  const auto w = static_cast<std::size_t>(week);
  switch (s.indicator) {
    case Indicator::applying: return stage_share(s.group, run, week, [](int x) { return is_applying(static_cast<Stage>(x)); });
    case Indicator::stage: return stage_share(s.group, run, week, [&](int x) { return x == idx(s.stage); });
    case Indicator::skill: return run.skill_mean[w];
    case Indicator::skill_trained: return run.kirkpatrick[w * 4 + 1];
    case Indicator::reaction: return run.kirkpatrick[w * 4 + 0];
    case Indicator::adopted: {
      // From the per-person records at the end of the run: the occupant of each position whose
      // first application came by `week` (exact without turnover).
      std::int64_t part = 0, whole = 0;
      for (int i = 0; i < run.people; ++i) {
        const auto ui = static_cast<std::size_t>(i);
        if (!in_group(s.group, idx(st.role[ui]), run.category[ui], static_cast<int>(st.team_of[ui]))) continue;
        ++whole;
        if (run.adoption_week[ui] >= 0 && run.adoption_week[ui] <= week) ++part;
      }
      return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : kNaN;
    }
  }
  return kNaN;
}

std::vector<Series> distinct_series(const std::vector<Observation>& obs) {
  std::vector<Series> out;
  for (const auto& o : obs)
    if (std::find(out.begin(), out.end(), o.series) == out.end()) out.push_back(o.series);
  return out;
}

}  // namespace adoptsim::calibration
