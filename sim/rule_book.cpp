#include "rule_book.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace adoptsim {

namespace {
bool rule_started(const Scenario& s, const Intervention& iv) {
  return iv.on_rule >= 0 || (iv.phase >= 0 && s.phases[static_cast<std::size_t>(iv.phase)].start_rule >= 0);
}
}  // namespace

std::vector<int> narrow_teams(const std::vector<int>& own, const std::vector<int>& teams) {
  std::vector<int> a = teams;
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  if (own.empty()) return a;
  std::vector<int> b = own, out;
  std::sort(b.begin(), b.end());
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

Scenario calendar_programme(const Scenario& s) {
  if (s.phases.empty() && s.rules.empty()) return s;
  Scenario out = s;
  for (auto& iv : out.programme) {
    if (rule_started(s, iv)) {
      iv.weeks.clear();
      continue;
    }
    if (iv.phase < 0) continue;
    const Phase& ph = s.phases[static_cast<std::size_t>(iv.phase)];
    std::vector<int> weeks;
    for (int w : iv.weeks)
      if (const int at = ph.start + w - 1; at >= 1 && at <= s.weeks) weeks.push_back(at);
    iv.weeks = std::move(weeks);
    if (!ph.teams.empty()) {
      iv.target.teams = narrow_teams(iv.target.teams, ph.teams);
      if (iv.target.teams.empty()) iv.weeks.clear();  // the phase's teams are not in its target
    }
  }
  return out;
}

double observe(Observable what, const std::vector<TeamObservation>& teams, const std::vector<int>& which, int week, double reaction) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  TeamObservation sum;
  sum.last_session = -1;
  auto add = [&](const TeamObservation& t) {
    sum.users += t.users;
    sum.applying += t.applying;
    sum.trained += t.trained;
    sum.resistance += t.resistance;
    sum.trained_skill += t.trained_skill;
    sum.last_session = std::max(sum.last_session, t.last_session);
  };
  if (which.empty())
    for (const auto& t : teams) add(t);
  else
    for (int t : which) add(teams[static_cast<std::size_t>(t)]);
  switch (what) {
    case Observable::applying_share: return sum.users > 0 ? static_cast<double>(sum.applying) / sum.users : nan;
    case Observable::mean_resistance: return sum.users > 0 ? sum.resistance / sum.users : nan;
    case Observable::trained_skill: return sum.trained > 0 ? sum.trained_skill / sum.trained : nan;
    case Observable::reaction: return reaction;
    case Observable::weeks_since_session: return static_cast<double>(week - 1 - std::max(sum.last_session, 0));
  }
  return nan;
}

Scenario scenario_for_run(const Scenario& s) {
  Scenario out = calendar_programme(s);
  if (!s.conditions.is_default()) out.parameters = apply_conditions(s.parameters, s.conditions);
  return out;
}

RuleBook::RuleBook(const Scenario& s) : weeks_(s.weeks), programme_(s.programme), phases_(s.phases), rules_(s.rules) {
  for (auto& iv : programme_) iv.groups.clear();  // only weeks, targets and links are read here
  phase_pending_.assign(s.phases.size(), -1);
  phase_started_.assign(s.phases.size(), false);
  for (std::size_t p = 0; p < s.phases.size(); ++p) {
    const Phase& ph = s.phases[p];
    if (ph.start_rule >= 0) {
      phases_pending_.push_back(static_cast<int>(p));
      if (ph.start >= 1) phase_pending_[p] = ph.start;  // at the latest
    }
  }
}

void RuleBook::schedule(int intervention, int first_week, bool all, const std::vector<int>& teams) {
  const Intervention& iv = programme_[static_cast<std::size_t>(intervention)];
  for (int w : iv.weeks) {
    const int at = first_week + w - 1;
    if (at < 1 || at > weeks_) continue;
    auto& week = due_[at];
    auto it = week.find(intervention);
    if (it == week.end()) {
      week.emplace(intervention, DueOccurrence{intervention, all, all ? std::vector<int>{} : teams});
      continue;
    }
    // Two firings in one week: one occurrence for the union of their teams.
    DueOccurrence& d = it->second;
    if (d.all) continue;
    if (all) {
      d.all = true;
      d.teams.clear();
      continue;
    }
    d.teams.insert(d.teams.end(), teams.begin(), teams.end());
    std::sort(d.teams.begin(), d.teams.end());
    d.teams.erase(std::unique(d.teams.begin(), d.teams.end()), d.teams.end());
  }
}

std::vector<int> RuleBook::initial_phase_starts() const {
  std::vector<int> out;
  for (const Phase& ph : phases_) out.push_back(ph.start_rule < 0 && ph.start >= 1 && ph.start <= weeks_ ? ph.start : -1);
  return out;
}

void RuleBook::start_phase(int phase, int week, std::vector<int>& phase_start) {
  phase_started_[static_cast<std::size_t>(phase)] = true;
  phase_start[static_cast<std::size_t>(phase)] = week;
  const Phase& ph = phases_[static_cast<std::size_t>(phase)];
  for (int k = 0; k < static_cast<int>(programme_.size()); ++k) {
    const Intervention& iv = programme_[static_cast<std::size_t>(k)];
    if (iv.phase != phase || iv.on_rule >= 0) continue;
    if (ph.teams.empty()) schedule(k, week, true, {});
    else if (const auto t = narrow_teams(iv.target.teams, ph.teams); !t.empty()) schedule(k, week, false, t);
  }
}

void RuleBook::size_for(int teams) {
  if (static_cast<int>(obs_.size()) == teams) return;
  obs_.assign(static_cast<std::size_t>(teams), TeamObservation{});
  last_session_.assign(static_cast<std::size_t>(teams), 0);
  fired_.clear();
  for (const auto& r : rules_) fired_.emplace_back(r.scope == RuleScope::team ? static_cast<std::size_t>(teams) : 1u, 0);
}

void RuleBook::note_session(int week, const std::vector<int>& teams) {
  if (teams.empty()) std::fill(last_session_.begin(), last_session_.end(), week);
  else
    for (int t : teams) last_session_[static_cast<std::size_t>(t)] = week;
}

void RuleBook::begin_week(int week, const Structure& st, const Agents& a, const RunResult& last, std::vector<RuleFiring>& firings,
                          std::vector<int>& phase_start) {
  size_for(st.teams());
  // Which rules check this week?
  std::vector<int> checking;
  for (int r = 0; r < static_cast<int>(rules_.size()); ++r) {
    const auto& cw = rules_[static_cast<std::size_t>(r)].check_weeks;
    if (std::find(cw.begin(), cw.end(), week) != cw.end()) checking.push_back(r);
  }
  if (!checking.empty()) {
    // Last week's state per team, in person order (serial: the same on any number of threads).
    for (auto& o : obs_) o = TeamObservation{};
    for (int i = 0; i < st.people; ++i) {
      const auto ui = static_cast<std::size_t>(i);
      if (!is_method_user(st.role[ui])) continue;
      TeamObservation& o = obs_[st.team_of[ui]];
      ++o.users;
      if (is_applying(a.stage[ui])) ++o.applying;
      o.resistance += a.resistance[ui];
      if (a.flags[ui] & kTrained) {
        ++o.trained;
        o.trained_skill += a.skill[ui];
      }
    }
    for (std::size_t t = 0; t < obs_.size(); ++t) obs_[t].last_session = last_session_[t];
    const auto row = static_cast<std::size_t>(week - 1);
    const double reaction = row * 4 < last.kirkpatrick.size() ? static_cast<double>(last.kirkpatrick[row * 4]) : std::nan("");

    for (int r : checking) {
      const ProgrammeRule& rule = rules_[static_cast<std::size_t>(r)];
      auto& fired = fired_[static_cast<std::size_t>(r)];
      std::vector<std::vector<int>> groups;  // who fires together
      if (rule.scope == RuleScope::group) {
        groups.push_back(rule.teams);
      } else if (rule.teams.empty()) {
        for (int t = 0; t < static_cast<int>(obs_.size()); ++t) groups.push_back({t});
      } else {
        for (int t : rule.teams) groups.push_back({t});
      }
      for (const auto& g : groups) {
        int& count = fired[rule.scope == RuleScope::team ? static_cast<std::size_t>(g[0]) : 0u];
        if (rule.max_firings > 0 && count >= rule.max_firings) continue;
        // A team-scoped rule looks only at teams with supervisors or foremen (not the MT & HR staff group).
        if (rule.scope == RuleScope::team && obs_[static_cast<std::size_t>(g[0])].users == 0) continue;
        const double value = observe(rule.observe, obs_, g, week, reaction);
        if (!rule_holds(rule, value)) continue;
        ++count;
        firings.push_back({week, r, g, value});
        const int action = week + rule.delay;
        for (int k = 0; k < static_cast<int>(programme_.size()); ++k)
          if (programme_[static_cast<std::size_t>(k)].on_rule == r) {
            const auto& own = programme_[static_cast<std::size_t>(k)].target.teams;
            if (g.empty()) schedule(k, action, true, {});
            else if (const auto t = narrow_teams(own, g); !t.empty()) schedule(k, action, false, t);
          }
        for (std::size_t p = 0; p < phases_.size(); ++p)
          if (phases_[p].start_rule == r && !phase_started_[p])
            phase_pending_[p] = phase_pending_[p] < 0 ? action : std::min(phase_pending_[p], action);
      }
    }
  }
  for (int p : phases_pending_)
    if (!phase_started_[static_cast<std::size_t>(p)] && phase_pending_[static_cast<std::size_t>(p)] == week) start_phase(p, week, phase_start);
}

std::vector<DueOccurrence> RuleBook::due(int week) const {
  std::vector<DueOccurrence> out;
  if (const auto it = due_.find(week); it != due_.end())
    for (const auto& [k, d] : it->second) out.push_back(d);
  return out;
}

}  // namespace adoptsim
