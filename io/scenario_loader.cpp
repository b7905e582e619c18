#include "scenario_loader.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <toml++/toml.h>

#include "external_network.hpp"
#include "programme_reading.hpp"
#include "roster.hpp"
#include "input_file.hpp"
#include "toml_reader.hpp"
#include "organisation.hpp"
#include "targeting.hpp"
#include "scenario_limits.hpp"

namespace adoptsim {

std::string Diagnostic::str() const {
  return fmt::format("{}:{}:{}: {}{}{}", file, line, column, key, key.empty() ? "" : ": ", message);
}

namespace {
std::string join_messages(const std::vector<Diagnostic>& d) {
  std::string out;
  for (const auto& x : d) out += x.str() + "\n";
  return out;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> d) : std::runtime_error(join_messages(d)), diagnostics_(std::move(d)) {}

int edit_distance(std::string_view a, std::string_view b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

namespace {

using namespace toml_reading;

// ---------------------------------------------------------------------------------------------

void read_scenario_table(Reader& r, const toml::table& root, Scenario& s) {
  const toml::table* t = r.table(root, "", "scenario");
  if (!t) {
    r.error(Position{1, 1, {}}, "scenario", "missing [scenario] table (name, weeks, ...)");
    return;
  }
  r.keys(*t, "scenario", {"name", "description", "model", "weeks", "seed", "replicates"});
  if (!r.string(*t, "scenario", "name", s.name)) r.error(r.pos(*t), "scenario.name", "missing: every scenario has a name");
  r.string(*t, "scenario", "description", s.description);
  static constexpr std::array<std::string_view, 2> kinds{"full", "bass"};
  r.choice(*t, "scenario", "model", kinds, s.kind);
  r.number(*t, "scenario", "weeks", s.weeks, 1, kMaxWeeks);
  std::int64_t seed = static_cast<std::int64_t>(s.seed);
  if (r.number(*t, "scenario", "seed", seed, 0, 9.0e15)) s.seed = static_cast<std::uint64_t>(seed);
  r.number(*t, "scenario", "replicates", s.replicates, 1, 1e6);
}

void read_team(Reader& r, const toml::table& t, const std::string& path, TeamSpec& team) {
  r.keys(t, path, {"name", "count", "managers", "supervisors", "foremen", "composition"});
  if (!r.string(t, path, "name", team.name)) r.error(r.pos(t), path + ".name", "missing: every team has a name");
  r.number(t, path, "count", team.count, 1, 1e7);
  r.number(t, path, "managers", team.managers, 0, 1000);
  r.number(t, path, "supervisors", team.supervisors, 0, 100000);
  r.number(t, path, "foremen", team.foremen, 0, 100000);
  if (const toml::table* c = r.table(t, path, "composition")) {
    const std::string cp = path + ".composition";
    r.keys(*c, cp, {"innovator", "early_adopter", "early_majority", "late_majority", "laggard"});
    for (int k = 0; k < kCategories; ++k) r.number(*c, cp, kCategoryNames[static_cast<std::size_t>(k)], team.fixed[static_cast<std::size_t>(k)], 0, 100000);
    int fixed = 0;
    for (int v : team.fixed) fixed += v;
    if (fixed > team.managers + team.supervisors + team.foremen)
      r.error(r.pos(*c), cp, fmt::format("fixes {} people but the team has {}", fixed, team.managers + team.supervisors + team.foremen));
  }
}

// [network] kind = "external": people, groups and ties from CSV files (io/external_network.hpp).
// Paths are relative to the current directory (the repository root for the shipped examples).
void read_external_source(Reader& r, const toml::table& t, Organisation& org) {
  ExternalSource& src = org.external.source;
  const bool external = org.network.kind == NetworkKind::external;
  for (std::string_view key : {"nodes", "edges", "id", "group", "source", "target", "edge_filter", "unknown_ties", "groups"})
    if (!external && t.get(key))
      r.error(*t.get(key), Reader::join("network", key), "only for kind = \"external\" (a network read from CSV files)");
  if (!external) return;
  if (!r.string(t, "network", "nodes", src.nodes)) r.error(r.pos(t), "network.nodes", "missing: the node list (CSV with an id and a group per person)");
  if (!r.string(t, "network", "edges", src.edges)) r.error(r.pos(t), "network.edges", "missing: the edge list (CSV with two ids per tie)");
  r.string(t, "network", "id", src.id);
  r.string(t, "network", "group", src.group);
  r.string(t, "network", "source", src.source);
  r.string(t, "network", "target", src.target);
  static constexpr std::array<std::string_view, 2> unknown{"error", "drop"};
  int policy = 0;
  if (const toml::node* n = t.get("unknown_ties"); n && r.choice(*n, "network.unknown_ties", unknown, policy)) src.drop_unknown = policy == 1;
  if (const toml::table* f = r.table(t, "network", "edge_filter")) {
    for (auto&& [k, v] : *f) {
      const std::string key = "network.edge_filter." + std::string(k.str());
      r.positions[key] = r.pos(v);
      if (v.is_string()) src.edge_filter.emplace_back(std::string(k.str()), *v.value<std::string>());
      else if (v.is_integer()) src.edge_filter.emplace_back(std::string(k.str()), std::to_string(*v.value<std::int64_t>()));
      else r.error(v, key, "must be a whole number or a string (compared with the cell's text)");
    }
  }
  // groups = ["10", "22"]: only these groups' people (a village by itself); numbers are their text.
  if (const toml::node* g = t.get("groups")) {
    r.positions["network.groups"] = r.pos(*g);
    if (!g->is_array() || g->as_array()->empty()) {
      r.error(*g, "network.groups", "must be a non-empty list of group names, e.g. [\"10\", \"22\"]");
    } else {
      for (const auto& x : *g->as_array()) {
        std::string name;
        if (x.is_string()) name = *x.value<std::string>();
        else if (x.is_integer()) name = std::to_string(*x.value<std::int64_t>());
        else {
          r.error(x, "network.groups", "group names are strings or whole numbers (compared with the node list's text)");
          continue;
        }
        if (std::find(src.groups.begin(), src.groups.end(), name) != src.groups.end()) r.error(x, "network.groups", fmt::format("group '{}' is named twice", name));
        else src.groups.push_back(name);
      }
    }
  }
  if (src.nodes.empty() || src.edges.empty()) return;
  std::vector<Diagnostic> problems;
  ExternalNetwork loaded = load_external_network(src, problems, [&](const std::string& key, const std::string& message) {
    const Position at = r.where(key);
    return Diagnostic{r.file(), at.line, at.column, key, message};
  });
  r.diagnostics.insert(r.diagnostics.end(), problems.begin(), problems.end());
  org.external = std::move(loaded);
}

void read_organisation(Reader& r, const toml::table& root, Scenario& s) {
  auto& org = s.organisation;
  if (const toml::table* t = r.table(root, "", "organisation")) {
    r.keys(*t, "organisation", {"roster", "mt", "hr", "hr_teams_served", "team"});
    if (r.string(*t, "organisation", "roster", org.roster.path)) {
      // The roster lists everyone, the staff group included (io/roster.hpp).
      for (std::string_view key : {"mt", "hr", "team"})
        if (const toml::node* n = t->get(key))
          r.error(*n, Reader::join("organisation", key), "a roster lists everyone, teams and the MT & HR staff group included; remove this key");
      org.mt = org.hr = 0;
      if (org.roster.path.empty()) {
        r.error(*t->get("roster"), "organisation.roster", "empty path: name the staff CSV (name, team, role, ...)");
      } else {
        std::vector<Diagnostic> problems;
        org.roster = load_roster(org.roster.path, problems);
        r.diagnostics.insert(r.diagnostics.end(), problems.begin(), problems.end());
      }
    }
    r.number(*t, "organisation", "mt", org.mt, 0, 10000);
    r.number(*t, "organisation", "hr", org.hr, 0, 10000);
    r.number(*t, "organisation", "hr_teams_served", org.hr_teams_served, 0, 1e6);
    r.each_table(*t, "organisation", "team", [&](const toml::table& spec, const std::string& path) {
      TeamSpec team;
      read_team(r, spec, path, team);
      org.teams.push_back(team);
    });
  }
  if (const toml::table* t = r.table(root, "", "network")) {
    r.keys(*t, "network", {"kind", "within_team_tie_probability", "cross_team_ties", "degree", "rewire", "nodes", "edges", "id", "group",
                           "source", "target", "edge_filter", "unknown_ties", "groups"});
    r.choice(*t, "network", "kind", kNetworkKindNames, org.network.kind);
    r.number(*t, "network", "within_team_tie_probability", org.network.within_team_tie_probability, 0, 1);
    r.number(*t, "network", "cross_team_ties", org.network.cross_team_ties, 0, 1000);
    r.number(*t, "network", "degree", org.network.degree, 2, 10000);
    r.number(*t, "network", "rewire", org.network.rewire, 0, 1);
    if (org.network.degree % 2 != 0) r.error(r.where("network.degree"), "network.degree", "must be even (a ring lattice has k/2 ties on each side)");
    read_external_source(r, *t, org);
  }
}

// Flattens [parameters] (nested tables or quoted dotted keys) into parameter names.
void read_parameters(Reader& r, const toml::table& t, const std::string& prefix, Parameters& p) {
  for (auto&& [k, v] : t) {
    const std::string name = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    const std::string key = "parameters." + name;
    r.positions[key] = r.pos(v);
    if (v.is_table()) {
      read_parameters(r, *v.as_table(), name, p);
      continue;
    }
    const auto id = find_param(name);
    if (!id) {
      std::vector<std::string_view> names;
      for (const auto& row : kParamTable) names.push_back(row.name);
      const std::string hint = closest(name, names);
      r.error(r.pos(k), key,
              hint.empty() ? "unknown parameter (`adoptsim params` lists them all)" : fmt::format("unknown parameter; did you mean '{}'?", hint));
      continue;
    }
    const ParamInfo& row = info(*id);
    if (!v.is_number()) {
      r.error(v, key, fmt::format("must be a number ({}), got {}", row.unit, Reader::type_name(v)));
      continue;
    }
    const double x = *v.value<double>();
    if (!(x >= row.min && x <= row.max)) {
      r.error(v, key, fmt::format("must be between {:g} and {:g} ({}), got {:g}", row.min, row.max, row.unit, x));
      continue;
    }
    p[*id] = x;
  }
}

void read_goal_budget_costs(Reader& r, const toml::table& root, Scenario& s) {
  if (const toml::table* t = r.table(root, "", "goal")) {
    r.keys(*t, "goal", {"roles", "share", "week"});
    r.choices(*t, "goal", "roles", kRoleNames, s.goal.roles);
    r.number(*t, "goal", "share", s.goal.share, 0, 1);
    r.number(*t, "goal", "week", s.goal.week, 0, 1040);
  }
  // Without a deadline the goal is judged one year in, or at the horizon if that is sooner.
  if (!root.at_path("goal.week")) s.goal.week = std::min(52, s.weeks);
  if (const toml::table* t = r.table(root, "", "budget")) {
    r.keys(*t, "budget", {"amount", "currency", "covers"});
    r.number(*t, "budget", "amount", s.budget, 0, 1e15);
    r.choice(*t, "budget", "covers", kBudgetCoversNames, s.budget_covers);
    r.string(*t, "budget", "currency", s.currency);
  }
  if (const toml::table* t = r.table(root, "", "costs")) {
    auto& c = s.costs;
    r.keys(*t, "costs", {"hourly_wage", "project_leader_hours_per_week", "project_leader_rate", "project_leader_from",
                         "project_leader_until", "evaluation_share"});
    r.number(*t, "costs", "project_leader_hours_per_week", c.project_leader_hours_per_week, 0, 168);
    r.number(*t, "costs", "project_leader_rate", c.project_leader_rate, 0, 1e6);
    r.number(*t, "costs", "project_leader_from", c.project_leader_from, 0, 1040);
    r.number(*t, "costs", "project_leader_until", c.project_leader_until, -1, 1040);
    r.number(*t, "costs", "evaluation_share", c.evaluation_share, 0, 1);
    if (const toml::table* w = r.table(*t, "costs", "hourly_wage")) {
      r.keys(*w, "costs.hourly_wage", {"supervisor", "foreman", "manager", "mt", "hr"});
      for (int k = 0; k < kRoles; ++k) r.number(*w, "costs.hourly_wage", kRoleNames[static_cast<std::size_t>(k)], c.hourly_wage[static_cast<std::size_t>(k)], 0, 1e5);
    }
  }
  if (const toml::table* t = r.table(root, "", "bass")) {
    r.keys(*t, "bass", {"p", "q", "agents"});
    r.number(*t, "bass", "p", s.parameters[Param::bass_p], info(Param::bass_p).min, info(Param::bass_p).max);
    r.number(*t, "bass", "q", s.parameters[Param::bass_q], info(Param::bass_q).min, info(Param::bass_q).max);
    r.number(*t, "bass", "agents", s.bass_agents, 1, static_cast<double>(kMaxPeople));
  }
}

// Team names in targets: an expanded name ("Assembly 2") or the name of a repeated team spec
// ("Assembly": all its copies).
std::vector<int> teams_named(const Structure& st, const Scenario& s, const std::string& name) {
  std::vector<int> out;
  for (int t = 0; t < st.teams(); ++t)
    if (st.team_names[static_cast<std::size_t>(t)] == name) out.push_back(t);
  if (!out.empty()) return out;
  int t = 0;
  for (const auto& spec : s.organisation.teams)
    for (int c = 0; c < spec.count; ++c, ++t)
      if (spec.name == name) out.push_back(t);
  return out;
}

void read_intervention(Reader& r, const toml::table& t, const std::string& path, Intervention& iv, std::vector<std::string>& team_refs,
                       std::vector<Position>& team_ref_pos, const Roster& roster) {
  r.keys(t, path, {"name", "type", "weeks", "start", "every", "count", "until", "target", "mandatory", "group_size", "capacity",
                   "hours", "challenge", "trainer_quality", "feedback_acted_on", "grouping", "groups", "trainer_fee", "actor_fee",
                   "venue", "materials", "phase", "on_rule"});
  if (!r.string(t, path, "name", iv.name)) r.error(r.pos(t), path + ".name", "missing: every intervention has a name");
  if (!t.get("type")) r.error(r.pos(t), path + ".type", fmt::format("missing: one of {}", name_list(kInterventionTypeNames)));
  const bool typed = r.choice(t, path, "type", kInterventionTypeNames, iv.type);  // false: missing or unknown
  {  // the type's defaults; the keys below override them
    Intervention defaults = Intervention::of_type(iv.type);
    iv.group_size = defaults.group_size;
    iv.hours = defaults.hours;
    iv.trainer_fee = defaults.trainer_fee;
    iv.actor_fee = defaults.actor_fee;
    iv.venue = defaults.venue;
    iv.materials = defaults.materials;
  }

  // When: a list of weeks, or a recurrence start / every / count or until.
  const toml::node* weeks = t.get("weeks");
  const bool recurrence = t.get("start") || t.get("every") || t.get("count") || t.get("until");
  if (weeks && recurrence) {
    r.error(*weeks, path + ".weeks", "give either `weeks = [...]` or a recurrence (start, every, count/until), not both");
  } else if (weeks) {
    if (!weeks->is_array()) {
      r.error(*weeks, path + ".weeks", "must be a list of week numbers, e.g. [12, 17, 22]");
    } else {
      std::size_t k = 0;
      for (const auto& w : *weeks->as_array()) {
        const std::string key = fmt::format("{}.weeks[{}]", path, ++k);
        r.positions[key] = r.pos(w);
        if (!w.is_integer()) {
          r.error(w, key, fmt::format("must be a whole week number, got {}", Reader::type_name(w)));
          continue;
        }
        // Checked in full width before narrowing: 4294967297 is not week 1.
        const std::int64_t wide = *w.value<std::int64_t>();
        if (wide < -1'000'000 || wide > 1'000'000) {
          r.error(w, key, fmt::format("week {} is not a week number (a horizon is at most {} weeks)", wide, kMaxWeeks));
          continue;
        }
        if (iv.weeks.size() >= static_cast<std::size_t>(kMaxWeeks)) {
          r.error(w, key, fmt::format("more than {} weeks listed: an intervention takes place at most once a week", kMaxWeeks));
          break;
        }
        iv.weeks.push_back(static_cast<int>(wide));
      }
    }
  } else if (recurrence) {
    int start = 1, every = 0, count = 0, until = -1;
    const bool has_start = r.number(t, path, "start", start, -1e6, 1e6);
    r.number(t, path, "every", every, 1, 1e6);
    const bool has_count = r.number(t, path, "count", count, 1, 1e6);
    const bool has_until = r.number(t, path, "until", until, -1e6, 1e6);
    if (!t.get("start") && !has_start) r.error(r.pos(t), path + ".start", "a recurrence needs `start`");
    if (has_count && has_until) r.error(r.where(path + ".until"), path + ".until", "give `count` or `until`, not both");
    if ((has_count && count > 1) || has_until) {
      if (every < 1) r.error(r.pos(t), path + ".every", "a recurrence with more than one occurrence needs `every` (weeks between)");
    }
    if (t.get("every") && !has_count && !has_until)
      r.error(r.where(path + ".every"), path + ".every", "a recurrence with `every` needs an end: `count` or `until`");
    if (every >= 1 || !(has_count && count > 1)) {
      // In 64 bits: start + k * every must not overflow. An intervention takes place at most
      // once a week, so a recurrence of more occurrences than the longest horizon is refused
      // before it is expanded (count = 1000000 used to make validation quadratic).
      const std::int64_t step = std::max(every, 1);
      const std::int64_t n = has_count ? count : (has_until ? (until >= start && every > 0 ? (std::int64_t{until} - start) / step + 1 : 0) : 1);
      if (n > kMaxWeeks) {
        r.error(r.where(path + (has_count ? ".count" : ".until")), path + (has_count ? ".count" : ".until"),
                fmt::format("{} occurrences: an intervention takes place at most once a week, so at most {}", n, kMaxWeeks));
      } else {
        for (std::int64_t k = 0; k < n; ++k) iv.weeks.push_back(static_cast<int>(start + k * step));
      }
      r.positions[path + ".weeks"] = r.where(path + ".start");
    }
  } else {
    r.error(r.pos(t), path + ".weeks", "missing: when does it take place? `weeks = [...]` or `start`/`every`/`count`");
  }

  if (const toml::node* target = t.get("target")) {
    if (!target->is_table()) {
      r.error(*target, path + ".target", "must be a table, e.g. { roles = [\"supervisor\"], status = \"trained\" }");
    } else {
      const toml::table& tt = *target->as_table();
      const std::string tp = path + ".target";
      r.keys(tt, tp, {"roles", "teams", "categories", "status"});
      r.choices(tt, tp, "roles", kRoleNames, iv.target.roles);
      r.choices(tt, tp, "categories", kCategoryNames, iv.target.categories);
      r.choice(tt, tp, "status", kTargetStatusNames, iv.target.status);
      if (const toml::node* teams = tt.get("teams")) {
        if (!teams->is_array()) {
          r.error(*teams, tp + ".teams", "must be a list of team names");
        } else {
          for (const auto& name : *teams->as_array()) {
            if (!name.is_string()) r.error(name, tp + ".teams", "team names are strings");
            else {
              team_refs.push_back(*name.value<std::string>());
              team_ref_pos.push_back(r.pos(name));
            }
          }
        }
      }
    }
  }
  r.boolean(t, path, "mandatory", iv.mandatory);
  if (r.number(t, path, "group_size", iv.group_size, -1e9, 1e9) && iv.group_size < 1 && !(iv.group_size == kWholeAudience && typed && is_plenary(iv.type)))
    r.error(r.where(path + ".group_size"), path + ".group_size",
            fmt::format("must be at least 1 (got {}){}", iv.group_size,
                        iv.group_size == kWholeAudience ? "; 0 (everyone in one session) is for the plenary types only" : ""));
  r.number(t, path, "capacity", iv.capacity, 0, 1e9);
  r.number(t, path, "hours", iv.hours, 0, 1000);
  r.number(t, path, "challenge", iv.challenge, 0, 1);
  r.number(t, path, "trainer_quality", iv.trainer_quality, 0, 1);
  r.boolean(t, path, "feedback_acted_on", iv.feedback_acted_on);
  r.choice(t, path, "grouping", kGroupRuleNames, iv.grouping);
  r.number(t, path, "trainer_fee", iv.trainer_fee, 0, 1e9);
  r.number(t, path, "actor_fee", iv.actor_fee, 0, 1e9);
  r.number(t, path, "venue", iv.venue, 0, 1e9);
  r.number(t, path, "materials", iv.materials, 0, 1e9);
  if (const toml::node* groups = t.get("groups")) {
    bool ok = groups->is_array();
    if (ok)
      for (const auto& g : *groups->as_array()) {
        if (!g.is_array()) ok = false;
        else
          for (const auto& id : *g.as_array())
            if (!id.is_integer() && !(id.is_string() && !roster.empty())) ok = false;
      }
    if (!ok) {
      r.error(*groups, path + ".groups",
              roster.empty() ? "must be a list of groups, each a list of person ids, e.g. [[0, 5, 9], [1, 2, 3]]"
                             : "must be a list of groups, each a list of names from the roster or person ids, e.g. [[\"Anna\", \"Bram\"], [\"Cor\"]]");
    } else {
      std::size_t k = 0;
      std::map<std::string, int> person;
      for (std::size_t i = 0; i < roster.names.size(); ++i) person.emplace(roster.names[i], static_cast<int>(i));
      for (const auto& g : *groups->as_array()) {
        const std::string key = fmt::format("{}.groups[{}]", path, ++k);
        r.positions[key] = r.pos(g);
        std::vector<int> members;
        for (const auto& id : *g.as_array()) {
          if (id.is_integer()) {
            // Checked in full width before narrowing: 4294967296 is not person 0.
            const std::int64_t wide = *id.value<std::int64_t>();
            if (wide < 0 || wide >= kMaxPeople) {
              r.error(id, key, fmt::format("person id {} does not exist (ids count from 0)", wide));
              continue;
            }
            members.push_back(static_cast<int>(wide));
            continue;
          }
          const std::string name = *id.value<std::string>();
          if (const auto it = person.find(name); it != person.end()) members.push_back(it->second);
          else r.error(id, key, fmt::format("'{}' is not in the roster {}", name, roster.path));
        }
        iv.groups.push_back(std::move(members));
      }
    }
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Semantic checks, shared by files and scenarios built in code.
// ---------------------------------------------------------------------------------------------
namespace {

// People in the scenario, in 64 bits, without building anything.
std::int64_t people_total(const Scenario& s) {
  const auto& org = s.organisation;
  std::int64_t people = 0;
  for (const auto& t : org.teams) people += (std::int64_t{t.managers} + t.supervisors + t.foremen) * t.count;
  people += org.teams.empty() ? 0 : std::int64_t{org.mt} + org.hr;
  if (org.teams.empty() && s.kind == ModelKind::bass && org.network.kind != NetworkKind::external) people = s.bass_agents;
  return people;
}

std::vector<Diagnostic> semantic_checks(const Scenario& s, const std::string& file, const std::function<Position(const std::string&)>& where) {
  std::vector<Diagnostic> d;
  auto error = [&](const std::string& key, const std::string& msg) {
    const Position p = where(key);
    d.push_back({p.file.empty() ? file : p.file, p.line, p.column, key, msg});  // p.file: a base's or an override's value
  };
  const auto& org = s.organisation;
  // Totals in 64 bits, against the limits of io/scenario_limits.hpp, before anything
  // of that size is allocated: 10^7 copies of a 300-person team pass every per-key range.
  for (std::size_t k = 0; k < org.teams.size(); ++k) {
    const auto& t = org.teams[k];
    if (std::int64_t{t.managers} + t.supervisors + t.foremen < 1)
      error(fmt::format("organisation.team[{}]", k + 1), fmt::format("team '{}' has no members", t.name));
  }
  const std::int64_t people = people_total(s);
  if (people > kMaxPeople)
    error(org.teams.empty() ? "bass.agents" : "organisation.team",
          fmt::format("{} people: more than the limit of {} people per scenario", people, kMaxPeople));
  else if (people * s.weeks > kMaxPersonWeeks)
    error("scenario.weeks", fmt::format("{} people for {} weeks is {} person-weeks, more than the limit of {}", people, s.weeks,
                                        people * s.weeks, kMaxPersonWeeks));
  std::int64_t occurrences = 0;
  for (const auto& iv : s.programme) occurrences += static_cast<std::int64_t>(iv.weeks.size());
  if (occurrences > kMaxOccurrences)
    error("intervention", fmt::format("{} sessions in all: more than the limit of {}", occurrences, kMaxOccurrences));
  {
    std::map<std::string_view, std::size_t> first;  // linear-logarithmic, not quadratic
    for (std::size_t k = 0; k < org.teams.size(); ++k)
      if (auto [it, fresh] = first.emplace(org.teams[k].name, k); !fresh)
        error(fmt::format("organisation.team[{}].name", k + 1), fmt::format("team name '{}' is used twice", org.teams[k].name));
  }
  if (s.kind == ModelKind::full && org.network.kind != NetworkKind::external && org.roster.empty()) {
    if (org.teams.empty()) error("organisation.team", "no teams: add at least one [[organisation.team]] or a roster");
  }
  if (!org.roster.empty() && org.network.kind == NetworkKind::external)
    error("organisation.roster", "a network of kind \"external\" takes its people from the node list; use the roster or the node list");
  if (!org.roster.empty() && !org.teams.empty()) error("organisation.team", "a roster lists everyone; remove the teams");
  if (org.network.kind == NetworkKind::external && !org.teams.empty())
    error("organisation.team", "a network of kind \"external\" takes its people and groups from the node list; remove the teams");
  if (d.empty() == false) return d;

  Structure st;
  try {
    st = build_structure(s);
  } catch (const std::exception& e) {
    error("organisation", e.what());
    return d;
  }
  if (st.people < 1) error("organisation", "the organisation has no people");
  if (org.network.kind == NetworkKind::small_world && org.network.degree >= st.people)
    error("network.degree", fmt::format("must be below the number of people ({})", st.people));

  double share_total = 0;
  for (int c = 0; c < kCategories; ++c) share_total += s.parameters.per_category(Param::share_innovator, static_cast<Category>(c));
  if (share_total <= 0) error("parameters.category.share", "the category shares are all zero");

  if (s.kind == ModelKind::full) {
    if (s.goal.roles.empty()) error("goal.roles", "name at least one role");
    int goal_people = 0;
    for (int i = 0; i < st.people; ++i)
      if (std::find(s.goal.roles.begin(), s.goal.roles.end(), st.role[static_cast<std::size_t>(i)]) != s.goal.roles.end()) ++goal_people;
    if (!s.goal.roles.empty() && goal_people == 0) error("goal.roles", "nobody in the organisation has these roles");
  }
  if (s.goal.week > s.weeks) error("goal.week", fmt::format("week {} is beyond the horizon of {} weeks", s.goal.week, s.weeks));

  std::map<std::string, int> names;
  for (std::size_t k = 0; k < s.programme.size(); ++k) {
    const Intervention& iv = s.programme[k];
    const std::string path = fmt::format("intervention[{}]", k + 1);
    if (auto [it, fresh] = names.emplace(iv.name, static_cast<int>(k + 1)); !fresh)
      error(path + ".name", fmt::format("name '{}' is already used by intervention[{}]; names must be unique", iv.name, it->second));
    std::vector<char> listed(static_cast<std::size_t>(std::clamp(s.weeks, 0, kMaxWeeks)) + 1, 0);  // duplicates in linear time
    int outside = 0;  // the first five are reported one by one, the rest counted
    for (std::size_t w = 0; w < iv.weeks.size(); ++w) {
      const int week = iv.weeks[w];
      if (week < 1 || week > s.weeks) {
        if (++outside <= 5)
          error(fmt::format("{}.weeks[{}]", path, w + 1),
                fmt::format("week {} is outside the horizon 1..{} (scenario.weeks)", week, s.weeks));
      } else if (listed[static_cast<std::size_t>(week)]++)
        error(fmt::format("{}.weeks[{}]", path, w + 1), fmt::format("week {} is listed twice", week));
    }
    if (outside > 5) error(path + ".weeks", fmt::format("and {} more weeks outside the horizon 1..{}", outside - 5, s.weeks));
    if (iv.weeks.empty()) error(path + ".weeks", "takes place in no week");
    if (iv.group_size < 1 && !(iv.group_size == kWholeAudience && is_plenary(iv.type)))
      error(path + ".group_size", fmt::format("must be at least 1 (got {})", iv.group_size));
    if (iv.capacity < 0) error(path + ".capacity", "must be 0 (no cap) or more");
    bool teams_exist = true;
    for (int t : iv.target.teams)
      if (t < 0 || t >= st.teams()) {
        error(path + ".target.teams", fmt::format("team index {} does not exist", t));
        teams_exist = false;
      }
    // A target nobody can fall into is a mistake in the scenario, not a quiet no-op.
    if (s.kind == ModelKind::full && teams_exist) {
      const TargetFilter filter(iv.target, st);
      int matching = 0;
      for (int i = 0; i < st.people; ++i) matching += filter.could_reach(st, i);
      bool categories_possible = true;
      if (!iv.target.categories.empty()) {
        double share = 0;
        for (Category c : iv.target.categories) share += s.parameters.per_category(Param::share_innovator, c);
        categories_possible = share > 0;
      }
      if (matching == 0 || !categories_possible) error(path + ".target", fmt::format("targets nobody in the organisation ('{}')", iv.name));
    }
    std::vector<int> seen(static_cast<std::size_t>(std::max(st.people, 0)), 0);
    for (std::size_t g = 0; g < iv.groups.size(); ++g)
      for (int id : iv.groups[g]) {
        const std::string key = fmt::format("{}.groups[{}]", path, g + 1);
        if (id < 0 || id >= st.people) error(key, fmt::format("person id {} does not exist (ids are 0..{})", id, st.people - 1));
        else if (seen[static_cast<std::size_t>(id)]++) error(key, fmt::format("person {} is listed in more than one group", id));
      }
  }
  check_programme_structure(s, st, error);
  return d;
}

}  // namespace

std::vector<Diagnostic> check_scenario(const Scenario& s, const std::string& source) {
  return semantic_checks(s, source, [](const std::string&) { return Position{}; });
}

namespace {

Scenario read_scenario(const toml::table& root, const std::string& path);

// Applies one "NAME=VALUE" to the parsed file: NAME is a parameter (into [parameters]) or a
// dotted scenario key (e.g. scenario.weeks, goal.share). VALUE is a TOML value; a bare word is
// taken as a string. The value keeps "--set NAME=VALUE" as its source, so every message about
// it names the override, and it is then read and validated exactly like the file.
void apply_override(toml::table& root, const std::string& assignment, std::vector<Diagnostic>& problems) {
  const std::string source = "--set " + assignment;
  const auto eq = assignment.find('=');
  const std::string name = eq == std::string::npos ? "" : assignment.substr(0, eq);
  if (name.empty() || name.find_first_of(" \t\"[]") != std::string::npos) {
    problems.push_back({source, 0, 0, name, "expected NAME=VALUE, e.g. --set scenario.weeks=52 or --set stage.apply_rate=0.1"});
    return;
  }
  const std::string value = assignment.substr(eq + 1);
  toml::table parsed;
  try {
    parsed = toml::parse("value = " + value, source);
  } catch (const toml::parse_error&) {
    try {  // a bare word: a string
      parsed = toml::parse("value = " + toml_quoted(value), source);
    } catch (const toml::parse_error& e) {
      problems.push_back({source, 1, 1, name, fmt::format("not a TOML value: {}", e.description())});
      return;
    }
  }
  toml::node* v = parsed.get("value");
  std::vector<std::string> parts;
  toml::table* target = &root;
  if (find_param(name)) {
    if (!root.contains("parameters")) root.insert("parameters", toml::table{});
    target = root.get_as<toml::table>("parameters");
    if (target == nullptr) {
      problems.push_back({source, 1, 1, "parameters", "[parameters] in the file is not a table"});
      return;
    }
    // The same parameter written as nested tables in the file gives way to the override.
    toml::table* t = target;
    std::string rest = name;
    for (auto dot = rest.find('.'); t != nullptr && dot != std::string::npos; dot = rest.find('.')) {
      t = t->get_as<toml::table>(rest.substr(0, dot));
      rest = rest.substr(dot + 1);
    }
    if (t != nullptr && t != target) t->erase(rest);
    parts = {name};
  } else {
    for (std::size_t start = 0;;) {
      const auto dot = name.find('.', start);
      parts.push_back(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
      if (!target->contains(parts[k])) target->insert(toml::key(parts[k], toml::source_region{v->source()}), toml::table{});
      toml::table* next = target->get_as<toml::table>(parts[k]);
      if (next == nullptr) {
        problems.push_back({source, 1, 1, name, fmt::format("'{}' is not a table: only parameters and keys of tables can be set", parts[k])});
        return;
      }
      target = next;
    }
  }
  const toml::key key(parts.back(), toml::source_region{v->source()});
  v->visit([&](auto&& node) { target->insert_or_assign(key, std::move(node)); });
}

}  // namespace

std::string toml_quoted(std::string_view s) {
  std::ostringstream out;
  out << toml::value<std::string>(std::string(s));
  return out.str();
}

namespace {

// ---------------------------------------------------------------------------------------------
// Inheritance: `base = "reference.toml"` (scenarios/README.md, "Building on another scenario").
// The base is read first (its own base before it), then the file's keys are laid over it:
// tables merge key by key, at every depth; every other value, arrays and arrays of tables
// ([[intervention]], [[organisation.team]], [[phase]], [[rule]]) included, replaces the base's
// as a whole. Every value keeps the file it came from, so messages name that file's line.
// ---------------------------------------------------------------------------------------------

struct Tree {
  toml::table root;
  std::string base;  // the top file's base as a path from the current directory; empty: none
};

// Moves the values of `over` into `into` (moved, not copied: toml++ keeps a value's source
// position only when it is moved).
void merge_over(toml::table& into, toml::table& over) {
  for (auto&& [k, v] : over) {
    toml::table* mine = into.get_as<toml::table>(k.str());
    if (mine != nullptr && v.is_table()) merge_over(*mine, *v.as_table());
    else v.visit([&, &key = k](auto&& node) { into.insert_or_assign(key, std::move(node)); });
  }
}

std::string chain_text(const std::vector<std::filesystem::path>& chain, const std::filesystem::path& last) {
  std::string out;
  for (const auto& p : chain) out += p.string() + " -> ";
  return out + last.string();
}

Tree read_tree(std::string_view text, const std::string& path, std::vector<std::filesystem::path>& chain) {
  namespace fs = std::filesystem;
  Tree tree{parse_toml(text, path), {}};
  const toml::node* base = tree.root.get("base");
  if (base == nullptr) return tree;
  const Position at = position_of(base->source(), "");
  auto fail = [&](const std::string& message) { throw ScenarioError({{path, at.line, at.column, "base", message}}); };
  if (!base->is_string() || base->value<std::string>()->empty())
    fail("must be the file name of the scenario this one builds on, e.g. base = \"reference.toml\" (relative to this file's folder)");
  const std::string name = *base->value<std::string>();
  const fs::path resolved = (fs::path(path).parent_path() / name).lexically_normal();
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(resolved, ec);
  chain.push_back(fs::weakly_canonical(path, ec));
  for (const auto& p : chain)
    if (p == canonical) fail(fmt::format("'{}' builds on itself: {}", name, chain_text({chain.begin(), chain.end()}, canonical)));
  if (chain.size() > 32) fail("more than 32 bases in a chain");
  std::string why;
  const auto base_text = read_input_file(resolved, why);
  if (!base_text) fail(fmt::format("cannot read the base scenario '{}' ({}): the file {}", name, resolved.string(), why));
  Tree below = read_tree(*base_text, resolved.string(), chain);
  chain.pop_back();
  tree.root.erase("base");
  merge_over(below.root, tree.root);
  below.base = resolved.string();
  return below;
}

Tree read_tree(std::string_view text, const std::string& path) {
  std::vector<std::filesystem::path> chain;
  return read_tree(text, path, chain);
}

// The text stored with results: the file as it is, or, when it builds on a base, the merged
// scenario (which runs without the base file).
std::string effective_text(const std::string& path, const Tree& tree, const std::string& original) {
  if (tree.base.empty()) return original;
  std::ostringstream text;
  text << "# The effective scenario: " << path << " laid over its base " << tree.base << " (written by adoptsim)\n" << tree.root << "\n";
  return text.str();
}

Scenario read_tree_scenario(const Tree& tree, const std::string& path) {
  Scenario s = read_scenario(tree.root, path);
  s.base_file = tree.base;
  return s;
}

}  // namespace

LoadedScenario load_scenario(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  std::string why;
  auto file = read_input_file(path, why);
  // Line 1 column 1 rather than 0:0: editors and tools jump to file:line:column.
  if (!file) throw ScenarioError({{path.string(), 1, 1, "", fmt::format("cannot read the scenario: the file {}", why)}});
  LoadedScenario out;
  out.path = path.string();
  Tree tree = read_tree(*file, out.path);
  out.scenario = read_tree_scenario(tree, out.path);  // the file itself must be valid, with its own messages
  out.text = effective_text(out.path, tree, *file);
  if (overrides.empty()) return out;
  std::vector<Diagnostic> problems;
  for (const auto& o : overrides) apply_override(tree.root, o, problems);
  if (!problems.empty()) throw ScenarioError(problems);
  out.scenario = read_tree_scenario(tree, out.path);
  // The effective scenario, so the results can be redone from the file they are stored in.
  std::ostringstream text;
  text << "# " << out.path;
  if (!tree.base.empty()) text << " laid over its base " << tree.base;
  text << " with";
  for (const auto& o : overrides) text << " --set " << o;
  text << "\n" << tree.root << "\n";
  out.text = text.str();
  return out;
}

Scenario parse_scenario(std::string_view text, const std::string& path) {
  return read_tree_scenario(read_tree(text, path), path);
}

namespace {

Scenario read_scenario(const toml::table& root, const std::string& path) {
  Reader r(path);
  Scenario s;
  r.keys(root, "", {"scenario", "organisation", "network", "parameters", "goal", "budget", "costs", "bass", "intervention",
                 "phase", "rule", "preconditions", "barriers"});
  read_scenario_table(r, root, s);
  read_organisation(r, root, s);
  if (const toml::table* p = r.table(root, "", "parameters")) read_parameters(r, *p, "", s.parameters);
  read_goal_budget_costs(r, root, s);
  ProgrammeRefs refs;
  read_programme_structure(r, root, s, refs);

  std::vector<std::vector<std::string>> team_refs;
  std::vector<std::vector<Position>> team_ref_pos;
  r.each_table(root, "", "intervention", [&](const toml::table& spec, const std::string& path) {
    Intervention iv;
    team_refs.emplace_back();
    team_ref_pos.emplace_back();
    read_intervention(r, spec, path, iv, team_refs.back(), team_ref_pos.back(), s.organisation.roster);
    read_intervention_links(r, spec, path, refs);
    s.programme.push_back(std::move(iv));
  });
  if (!r.diagnostics.empty()) throw ScenarioError(r.diagnostics);

  // Team names resolve against the organisation's structure (not built when it is too large:
  // the semantic checks below report that).
  if (people_total(s) <= kMaxPeople) try {
    const Structure st = build_structure(s);
    for (std::size_t k = 0; k < s.programme.size(); ++k)
      for (std::size_t j = 0; j < team_refs[k].size(); ++j) {
        const auto found = teams_named(st, s, team_refs[k][j]);
        if (found.empty()) {
          const std::string hint = closest(team_refs[k][j], st.team_names);
          r.error(team_ref_pos[k][j], fmt::format("intervention[{}].target.teams", k + 1),
                  hint.empty() ? fmt::format("no team is called '{}'", team_refs[k][j])
                               : fmt::format("no team is called '{}'; did you mean '{}'?", team_refs[k][j], hint));
        }
        auto& teams = s.programme[k].target.teams;
        teams.insert(teams.end(), found.begin(), found.end());
      }
    resolve_programme_names(r, st, [&](const std::string& name) { return teams_named(st, s, name); }, s, refs);
  } catch (const std::exception&) {
    // reported by the semantic checks below
  }
  auto semantic = semantic_checks(s, path, [&](const std::string& key) { return r.where(key); });
  r.diagnostics.insert(r.diagnostics.end(), semantic.begin(), semantic.end());
  if (!r.diagnostics.empty()) throw ScenarioError(r.diagnostics);
  return s;
}

}  // namespace

LoadedScenario load_scenario(const std::filesystem::path& path) { return load_scenario(path, {}); }

}  // namespace adoptsim
