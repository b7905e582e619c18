#include "programme_reading.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace adoptsim::toml_reading {

namespace {

// A list of team names, kept with their positions.
void read_team_names(Reader& r, const toml::table& t, const std::string& path, std::vector<NameAt>& out) {
  const toml::node* teams = t.get("teams");
  if (!teams) return;
  if (!teams->is_array()) {
    r.error(*teams, path + ".teams", "must be a list of team names");
    return;
  }
  for (const auto& name : *teams->as_array()) {
    if (!name.is_string()) r.error(name, path + ".teams", "team names are strings");
    else out.emplace_back(*name.value<std::string>(), r.pos(name));
  }
}

// Weeks as a list `key = [...]`, or a cadence `<prefix>from` / `<prefix>every` / `<prefix>until`.
void read_check_weeks(Reader& r, const toml::table& t, const std::string& path, int horizon, std::vector<int>& out) {
  const toml::node* list = t.get("check_weeks");
  const bool cadence = t.get("check_every") || t.get("check_from") || t.get("check_until");
  if (list && cadence) {
    r.error(*list, path + ".check_weeks", "give either `check_weeks = [...]` or a cadence (check_from, check_every, check_until), not both");
    return;
  }
  if (list) {
    if (!list->is_array()) {
      r.error(*list, path + ".check_weeks", "must be a list of week numbers, e.g. [26, 52]");
      return;
    }
    std::size_t k = 0;
    for (const auto& w : *list->as_array()) {
      const std::string key = fmt::format("{}.check_weeks[{}]", path, ++k);
      r.positions[key] = r.pos(w);
      if (!w.is_integer()) r.error(w, key, fmt::format("must be a whole week number, got {}", Reader::type_name(w)));
      else out.push_back(static_cast<int>(*w.value<std::int64_t>()));
    }
    std::sort(out.begin(), out.end());
    return;
  }
  if (!cadence) {
    r.error(r.pos(t), path + ".check_weeks", "missing: when is it checked? `check_weeks = [...]` or `check_every` (with check_from, check_until)");
    return;
  }
  int from = 1, every = 0, until = horizon;
  r.number(t, path, "check_from", from, 1, 1040);
  r.number(t, path, "check_every", every, 1, 1040);
  r.number(t, path, "check_until", until, 1, 1040);
  if (!t.get("check_every")) {
    r.error(r.pos(t), path + ".check_every", "a cadence needs `check_every` (weeks between checks)");
    return;
  }
  for (int w = from; every > 0 && w <= until; w += every) out.push_back(w);
  r.positions[path + ".check_weeks"] = r.where(path + ".check_every");
}

void read_rule(Reader& r, const toml::table& t, const std::string& path, int horizon, ProgrammeRule& rule, std::vector<NameAt>& teams) {
  r.keys(t, path, {"name", "observe", "scope", "teams", "above", "below", "check_weeks", "check_from", "check_every", "check_until", "delay",
                   "max_firings"});
  if (!r.string(t, path, "name", rule.name)) r.error(r.pos(t), path + ".name", "missing: every rule has a name");
  if (!t.get("observe")) r.error(r.pos(t), path + ".observe", fmt::format("missing: one of {}", name_list(kObservableNames)));
  r.choice(t, path, "observe", kObservableNames, rule.observe);
  r.choice(t, path, "scope", kRuleScopeNames, rule.scope);
  read_team_names(r, t, path, teams);
  const bool above = t.get("above") != nullptr, below = t.get("below") != nullptr;
  if (above == below)
    r.error(r.pos(t), path + ".above", above ? "give `above` or `below`, not both" : "missing: the threshold, as `above = x` or `below = x`");
  else if (above) {
    rule.when = RuleComparison::above;
    r.number(t, path, "above", rule.threshold, -1e9, 1e9);
  } else {
    rule.when = RuleComparison::below;
    r.number(t, path, "below", rule.threshold, -1e9, 1e9);
  }
  read_check_weeks(r, t, path, horizon, rule.check_weeks);
  r.number(t, path, "delay", rule.delay, 0, 1040);
  r.number(t, path, "max_firings", rule.max_firings, 0, 1e6);
}

void read_phase(Reader& r, const toml::table& t, const std::string& path, Phase& ph, std::vector<NameAt>& teams, NameAt& rule) {
  r.keys(t, path, {"name", "teams", "start", "start_on_rule"});
  if (!r.string(t, path, "name", ph.name)) r.error(r.pos(t), path + ".name", "missing: every phase has a name");
  read_team_names(r, t, path, teams);
  const bool has_start = r.number(t, path, "start", ph.start, 1, 1040);
  if (const toml::node* n = t.get("start_on_rule")) {
    if (!n->is_string()) r.error(*n, path + ".start_on_rule", "must be the name of a [[rule]]");
    else rule = {*n->value<std::string>(), r.pos(*n)};
    if (!has_start && !t.get("start")) ph.start = -1;  // only the rule starts it
  }
}

void read_conditions(Reader& r, const toml::table& root, Conditions& c) {
  if (const toml::table* t = r.table(root, "", "preconditions")) {
    std::vector<std::string_view> allowed(kPreconditionNames.begin(), kPreconditionNames.end());
    for (auto&& [k, v] : *t) {
      const std::string key = "preconditions." + std::string(k.str());
      r.positions[key] = r.pos(v);
      const auto which = from_name<Precondition>(kPreconditionNames, k.str());
      if (!which) {
        const std::string hint = closest(k.str(), allowed);
        r.error(r.pos(v), key, hint.empty() ? fmt::format("unknown precondition (known: {})", name_list(kPreconditionNames))
                                                  : fmt::format("unknown precondition; did you mean '{}'?", hint));
        continue;
      }
      int state = 2;
      if (r.choice(v, key, kPreconditionStateNames, state)) c.state[static_cast<std::size_t>(idx(*which))] = state;
    }
  }
  if (const toml::table* t = r.table(root, "", "barriers")) {
    std::vector<std::string_view> allowed(kBarrierLevelNames.begin(), kBarrierLevelNames.end());
    for (auto&& [k, v] : *t) {
      const std::string key = "barriers." + std::string(k.str());
      r.positions[key] = r.pos(v);
      const auto level = from_name<BarrierLevel>(kBarrierLevelNames, k.str());
      if (!level) {
        const std::string hint = closest(k.str(), allowed);
        r.error(r.pos(v), key, hint.empty() ? fmt::format("unknown level (known: {})", name_list(kBarrierLevelNames))
                                                  : fmt::format("unknown level; did you mean '{}'?", hint));
        continue;
      }
      Barrier& b = c.barrier[static_cast<std::size_t>(idx(*level))];
      if (!v.is_table()) {
        r.error(v, key, "must be a table, e.g. { rating = 2, changeable = true } (rating 1-3 as in seed 004)");
        continue;
      }
      const toml::table& bt = *v.as_table();
      r.keys(bt, key, {"rating", "changeable"});
      if (!bt.get("rating")) r.error(v, key + ".rating", "missing: 1 (a little), 2 (fairly) or 3 (very hindering)");
      r.number(bt, key, "rating", b.rating, 1, 3);
      r.boolean(bt, key, "changeable", b.changeable);
    }
  }
}

template <class T>
int find_named(const std::vector<T>& items, const std::string& name) {
  for (std::size_t k = 0; k < items.size(); ++k)
    if (items[k].name == name) return static_cast<int>(k);
  return -1;
}

template <class T>
int resolve(Reader& r, const std::vector<T>& items, const NameAt& ref, const std::string& key, std::string_view what) {
  if (ref.first.empty()) return -1;
  const int k = find_named(items, ref.first);
  if (k >= 0) return k;
  std::vector<std::string> names;
  for (const auto& x : items) names.push_back(x.name);
  const std::string hint = closest(ref.first, names);
  r.error(ref.second, key,
          hint.empty() ? fmt::format("no {} is called '{}'", what, ref.first) : fmt::format("no {} is called '{}'; did you mean '{}'?", what, ref.first, hint));
  return -1;
}

std::vector<int> resolve_teams(Reader& r, const Structure& st, const TeamLookup& lookup, const std::vector<NameAt>& names, const std::string& key) {
  std::vector<int> out;
  for (const auto& [name, at] : names) {
    const auto found = lookup(name);
    if (found.empty()) {
      const std::string hint = closest(name, st.team_names);
      r.error(at, key, hint.empty() ? fmt::format("no team is called '{}'", name) : fmt::format("no team is called '{}'; did you mean '{}'?", name, hint));
    }
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace

bool relative_weeks(const Scenario&, const Intervention& iv) { return iv.phase >= 0 || iv.on_rule >= 0; }

void read_programme_structure(Reader& r, const toml::table& root, Scenario& s, ProgrammeRefs& refs) {
  r.each_table(root, "", "rule", [&](const toml::table& t, const std::string& path) {
    ProgrammeRule rule;
    refs.rule_teams.emplace_back();
    read_rule(r, t, path, s.weeks, rule, refs.rule_teams.back());
    s.rules.push_back(std::move(rule));
  });
  r.each_table(root, "", "phase", [&](const toml::table& t, const std::string& path) {
    Phase ph;
    refs.phase_teams.emplace_back();
    refs.phase_start_rule.emplace_back();
    read_phase(r, t, path, ph, refs.phase_teams.back(), refs.phase_start_rule.back());
    s.phases.push_back(std::move(ph));
  });
  read_conditions(r, root, s.conditions);
}

void read_intervention_links(Reader& r, const toml::table& t, const std::string& path, ProgrammeRefs& refs) {
  NameAt phase, rule;
  if (const toml::node* n = t.get("phase")) {
    if (!n->is_string()) r.error(*n, path + ".phase", "must be the name of a [[phase]]");
    else phase = {*n->value<std::string>(), r.pos(*n)};
  }
  if (const toml::node* n = t.get("on_rule")) {
    if (!n->is_string()) r.error(*n, path + ".on_rule", "must be the name of a [[rule]]");
    else rule = {*n->value<std::string>(), r.pos(*n)};
  }
  refs.intervention_phase.push_back(phase);
  refs.intervention_rule.push_back(rule);
}

void resolve_programme_names(Reader& r, const Structure& st, const TeamLookup& teams, Scenario& s, const ProgrammeRefs& refs) {
  for (std::size_t k = 0; k < s.rules.size(); ++k) s.rules[k].teams = resolve_teams(r, st, teams, refs.rule_teams[k], fmt::format("rule[{}].teams", k + 1));
  for (std::size_t k = 0; k < s.phases.size(); ++k) {
    s.phases[k].teams = resolve_teams(r, st, teams, refs.phase_teams[k], fmt::format("phase[{}].teams", k + 1));
    s.phases[k].start_rule = resolve(r, s.rules, refs.phase_start_rule[k], fmt::format("phase[{}].start_on_rule", k + 1), "rule");
  }
  for (std::size_t k = 0; k < s.programme.size() && k < refs.intervention_phase.size(); ++k) {
    s.programme[k].phase = resolve(r, s.phases, refs.intervention_phase[k], fmt::format("intervention[{}].phase", k + 1), "phase");
    s.programme[k].on_rule = resolve(r, s.rules, refs.intervention_rule[k], fmt::format("intervention[{}].on_rule", k + 1), "rule");
  }
}

void check_programme_structure(const Scenario& s, const Structure& st, const std::function<void(const std::string&, const std::string&)>& error) {
  auto check_teams = [&](const std::vector<int>& teams, const std::string& key) {
    for (int t : teams)
      if (t < 0 || t >= st.teams()) error(key, fmt::format("team index {} does not exist", t));
  };
  for (std::size_t a = 0; a < s.phases.size(); ++a) {
    const Phase& ph = s.phases[a];
    const std::string path = fmt::format("phase[{}]", a + 1);
    for (std::size_t b = 0; b < a; ++b)
      if (s.phases[b].name == ph.name) error(path + ".name", fmt::format("name '{}' is already used by phase[{}]", ph.name, b + 1));
    check_teams(ph.teams, path + ".teams");
    if (ph.start_rule >= static_cast<int>(s.rules.size())) error(path + ".start_on_rule", "no such rule");
    if (ph.start_rule < 0 && (ph.start < 1 || ph.start > s.weeks))
      error(path + ".start", fmt::format("week {} is outside the horizon 1..{} (scenario.weeks)", ph.start, s.weeks));
    if (ph.start_rule >= 0 && ph.start > s.weeks) error(path + ".start", fmt::format("week {} is beyond the horizon of {} weeks", ph.start, s.weeks));
  }
  for (std::size_t a = 0; a < s.rules.size(); ++a) {
    const ProgrammeRule& rule = s.rules[a];
    const std::string path = fmt::format("rule[{}]", a + 1);
    for (std::size_t b = 0; b < a; ++b)
      if (s.rules[b].name == rule.name) error(path + ".name", fmt::format("name '{}' is already used by rule[{}]", rule.name, b + 1));
    check_teams(rule.teams, path + ".teams");
    if (rule.check_weeks.empty()) error(path + ".check_weeks", "is never checked");
    for (std::size_t w = 0; w < rule.check_weeks.size(); ++w)
      if (rule.check_weeks[w] < 1 || rule.check_weeks[w] > s.weeks)
        error(fmt::format("{}.check_weeks[{}]", path, w + 1), fmt::format("week {} is outside the horizon 1..{} (scenario.weeks)", rule.check_weeks[w], s.weeks));
    const bool share = rule.observe != Observable::weeks_since_session;
    const std::string threshold_key = path + (rule.when == RuleComparison::above ? ".above" : ".below");
    if (share && !(rule.threshold >= 0 && rule.threshold <= 1))
      error(threshold_key, fmt::format("{} is a share between 0 and 1, got {:g}", kObservableNames[static_cast<std::size_t>(idx(rule.observe))], rule.threshold));
    if (!share && rule.threshold < 0) error(threshold_key, "weeks since the last session cannot be negative");
    if (rule.observe == Observable::reaction && rule.scope == RuleScope::team)
      error(path + ".scope", "the reaction score is the programme's (the evaluation's), not a team's: use scope = \"group\"");
    if (rule.delay < 0) error(path + ".delay", "must be 0 or more");
    if (rule.max_firings < 0) error(path + ".max_firings", "must be 0 (no limit) or more");
  }
  for (std::size_t k = 0; k < s.programme.size(); ++k) {
    const Intervention& iv = s.programme[k];
    const std::string path = fmt::format("intervention[{}]", k + 1);
    if (iv.phase >= static_cast<int>(s.phases.size())) error(path + ".phase", "no such phase");
    if (iv.on_rule >= static_cast<int>(s.rules.size())) error(path + ".on_rule", "no such rule");
    if (iv.phase >= 0 && iv.on_rule >= 0)
      error(path + ".on_rule", "an intervention belongs to a phase or is started by a rule, not both (a rule can start the whole phase)");
    if (iv.phase >= 0 && iv.phase < static_cast<int>(s.phases.size())) {
      const Phase& ph = s.phases[static_cast<std::size_t>(iv.phase)];
      bool overlap = ph.teams.empty() || iv.target.teams.empty();
      for (int t : ph.teams) overlap = overlap || std::find(iv.target.teams.begin(), iv.target.teams.end(), t) != iv.target.teams.end();
      if (!overlap) error(path + ".target.teams", fmt::format("none of its teams is in phase '{}'", ph.name));
    }
  }
}

}  // namespace adoptsim::toml_reading
