#include "scenario_writer.hpp"

#include <fmt/format.h>
#include <fstream>
#include <stdexcept>
#include <tuple>

#include "atomic_file.hpp"
#include "organisation.hpp"
#include "programme_writing.hpp"
#include "scenario_loader.hpp"
#include <sstream>
#include <toml++/toml.h>

namespace adoptsim {

namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<int>(c));
        else out += c;
    }
  }
  return out + "\"";
}

// Shortest text that reads back to the same double; always with a decimal point or exponent.
std::string number(double x) {
  std::string s = fmt::format("{}", x);
  if (s.find_first_of(".eE") == std::string::npos && s.find("inf") == std::string::npos && s.find("nan") == std::string::npos) s += ".0";
  return s;
}

template <class Names, class List>
std::string name_list(const Names& names, const List& items) {
  std::string out = "[";
  for (std::size_t k = 0; k < items.size(); ++k) out += (k ? ", " : "") + toml_string(names[static_cast<std::size_t>(idx(items[k]))]);
  return out + "]";
}

std::string int_list(const std::vector<int>& v) {
  std::string out = "[";
  for (std::size_t k = 0; k < v.size(); ++k) out += (k ? ", " : "") + std::to_string(v[k]);
  return out + "]";
}

// Weeks as `start/every/count` when they are evenly spaced (three or more), else as a list.
std::string weeks_text(const std::vector<int>& w) {
  bool regular = w.size() >= 3 && w[1] > w[0];
  for (std::size_t k = 2; regular && k < w.size(); ++k) regular = w[k] - w[k - 1] == w[1] - w[0];
  if (regular) return fmt::format("start = {}\nevery = {}\ncount = {}\n", w[0], w[1] - w[0], w.size());
  return "weeks = " + int_list(w) + "\n";
}

void write_intervention(std::string& out, const Scenario& s, const Intervention& iv, const Structure& st, bool by_name) {
  const Intervention plain;  // defaults: written only where different
  out += "\n[[intervention]]\n";
  out += "name = " + toml_string(iv.name) + "\n";
  out += "type = " + toml_string(kInterventionTypeNames[static_cast<std::size_t>(idx(iv.type))]) + "\n";
  out += intervention_links_toml(s, iv);
  out += weeks_text(iv.weeks);
  std::vector<std::string> target;
  if (!iv.target.roles.empty()) target.push_back("roles = " + name_list(kRoleNames, iv.target.roles));
  if (!iv.target.teams.empty()) {
    std::string teams = "teams = [";
    for (std::size_t k = 0; k < iv.target.teams.size(); ++k)
      teams += (k ? ", " : "") + toml_string(st.team_names[static_cast<std::size_t>(iv.target.teams[k])]);
    target.push_back(teams + "]");
  }
  if (!iv.target.categories.empty()) target.push_back("categories = " + name_list(kCategoryNames, iv.target.categories));
  target.push_back("status = " + toml_string(kTargetStatusNames[static_cast<std::size_t>(idx(iv.target.status))]));
  out += "target = { ";
  for (std::size_t k = 0; k < target.size(); ++k) out += (k ? ", " : "") + target[k];
  out += " }\n";
  out += fmt::format("mandatory = {}\n", iv.mandatory);
  out += fmt::format("group_size = {}\n", iv.group_size);
  if (iv.capacity != plain.capacity) out += fmt::format("capacity = {}\n", iv.capacity);
  out += "hours = " + number(iv.hours) + "\n";
  if (iv.challenge >= 0) out += "challenge = " + number(iv.challenge) + "\n";
  out += "trainer_quality = " + number(iv.trainer_quality) + "\n";
  if (type_info(iv.type).feedback || iv.feedback_acted_on != plain.feedback_acted_on)
    out += fmt::format("feedback_acted_on = {}\n", iv.feedback_acted_on);
  out += "grouping = " + toml_string(kGroupRuleNames[static_cast<std::size_t>(idx(iv.grouping))]) + "\n";
  if (!iv.groups.empty()) {
    out += "groups = [\n";
    for (const auto& g : iv.groups) {
      if (!by_name) {
        out += "  " + int_list(g) + ",\n";
        continue;
      }
      out += "  [";  // by name: what a trainer reads and edits
      for (std::size_t k = 0; k < g.size(); ++k)
        out += (k ? ", " : "") + (g[k] >= 0 && g[k] < st.people ? toml_string(st.name(g[k])) : std::to_string(g[k]));
      out += "],\n";
    }
    out += "]\n";
  }
  const Intervention typed = Intervention::of_type(iv.type);  // the type's cost defaults
  for (auto [key, value, fallback] : {std::tuple{"trainer_fee", iv.trainer_fee, typed.trainer_fee}, {"actor_fee", iv.actor_fee, typed.actor_fee},
                                      {"venue", iv.venue, typed.venue}, {"materials", iv.materials, typed.materials}})
    if (value != fallback) out += std::string(key) + " = " + number(value) + "\n";
}

}  // namespace

// `header` as comment lines and an empty line; nothing for no header.
static std::string comment_lines(const std::string& header) {
  std::string out;
  if (!header.empty()) {
    std::size_t start = 0;
    while (start <= header.size()) {
      const auto end = header.find('\n', start);
      out += "# " + header.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
      if (end == std::string::npos) break;
      start = end + 1;
    }
    out += "\n";
  }
  return out;
}

std::string to_toml(const Scenario& s, const std::string& header) {
  const Structure st = build_structure(s);
  std::string out = comment_lines(header);
  out += "[scenario]\n";
  out += "name = " + toml_string(s.name) + "\n";
  if (!s.description.empty()) out += "description = " + toml_string(s.description) + "\n";
  out += fmt::format("model = {}\nweeks = {}\nseed = {}\nreplicates = {}\n", toml_string(s.kind == ModelKind::bass ? "bass" : "full"), s.weeks,
                     s.seed, s.replicates);

  const auto& org = s.organisation;
  if (!org.roster.empty())  // the people stay in their file: the scenario names it, as it was read
    out += fmt::format("\n[organisation]\nroster = {}\nhr_teams_served = {}\n", toml_string(org.roster.path), org.hr_teams_served);
  else
    out += fmt::format("\n[organisation]\nmt = {}\nhr = {}\nhr_teams_served = {}\n", org.mt, org.hr, org.hr_teams_served);
  for (const auto& t : org.teams) {
    out += "\n[[organisation.team]]\n";
    out += "name = " + toml_string(t.name) + "\n";
    if (t.count != 1) out += fmt::format("count = {}\n", t.count);
    out += fmt::format("managers = {}\nsupervisors = {}\nforemen = {}\n", t.managers, t.supervisors, t.foremen);
    std::string composition;
    for (int c = 0; c < kCategories; ++c)
      if (t.fixed[static_cast<std::size_t>(c)] > 0)
        composition += fmt::format("{}{} = {}", composition.empty() ? "" : ", ", kCategoryNames[static_cast<std::size_t>(c)], t.fixed[static_cast<std::size_t>(c)]);
    if (!composition.empty()) out += "composition = { " + composition + " }\n";
  }
  const auto& net = org.network;
  out += "\n[network]\nkind = " + toml_string(kNetworkKindNames[static_cast<std::size_t>(net.kind)]) + "\n";
  if (net.kind == NetworkKind::external) {
    // The data stay in their files: the scenario names them, as it was read.
    const ExternalSource& src = org.external.source;
    out += "nodes = " + toml_string(src.nodes) + "\nedges = " + toml_string(src.edges) + "\n";
    for (auto [key, value] : {std::pair{"id", &src.id}, {"group", &src.group}, {"source", &src.source}, {"target", &src.target}})
      if (!value->empty()) out += std::string(key) + " = " + toml_string(*value) + "\n";
    if (!src.edge_filter.empty()) {
      out += "edge_filter = { ";
      for (std::size_t k = 0; k < src.edge_filter.size(); ++k)
        out += (k ? ", " : "") + toml_string(src.edge_filter[k].first) + " = " + toml_string(src.edge_filter[k].second);
      out += " }\n";
    }
    out += std::string("unknown_ties = ") + (src.drop_unknown ? "\"drop\"" : "\"error\"") + "\n";
    if (!src.groups.empty()) {
      out += "groups = [";
      for (std::size_t k = 0; k < src.groups.size(); ++k) out += (k ? ", " : "") + toml_string(src.groups[k]);
      out += "]\n";
    }
  } else {
    out += "within_team_tie_probability = " + number(net.within_team_tie_probability) + "\n";
    out += "cross_team_ties = " + number(net.cross_team_ties) + "\n";
    out += fmt::format("degree = {}\n", net.degree);
    out += "rewire = " + number(net.rewire) + "\n";
  }

  out += "\n[goal]\nroles = " + name_list(kRoleNames, s.goal.roles) + "\n";
  out += "share = " + number(s.goal.share) + "\n" + fmt::format("week = {}\n", s.goal.week);
  out += "\n[budget]\namount = " + number(s.budget) + "\ncurrency = " + toml_string(s.currency) + "\n";
  out += "covers = " + toml_string(std::string(kBudgetCoversNames[static_cast<std::size_t>(s.budget_covers)])) + "\n";
  const auto& c = s.costs;
  out += "\n[costs]\n";
  out += "project_leader_hours_per_week = " + number(c.project_leader_hours_per_week) + "\n";
  out += "project_leader_rate = " + number(c.project_leader_rate) + "\n";
  out += fmt::format("project_leader_from = {}\nproject_leader_until = {}\n", c.project_leader_from, c.project_leader_until);
  out += "evaluation_share = " + number(c.evaluation_share) + "\n";
  out += "[costs.hourly_wage]\n";
  for (int r = 0; r < kRoles; ++r) out += std::string(kRoleNames[static_cast<std::size_t>(r)]) + " = " + number(c.hourly_wage[static_cast<std::size_t>(r)]) + "\n";
  if (s.kind == ModelKind::bass) out += fmt::format("\n[bass]\nagents = {}\n", s.bass_agents);

  const Parameters defaults;
  std::string params;
  for (const auto& row : kParamTable)
    if (s.parameters[row.id] != defaults[row.id]) params += toml_string(row.name) + " = " + number(s.parameters[row.id]) + "\n";
  if (!params.empty()) out += "\n[parameters]   # only where they differ from the defaults (`adoptsim params`)\n" + params;

  out += programme_structure_toml(s, st);
  for (const auto& iv : s.programme) write_intervention(out, s, iv, st, !s.organisation.roster.empty());
  return out;
}

namespace {

bool same_node(const toml::node& a, const toml::node& b) {
  toml::table x, y;
  a.visit([&](const auto& n) { x.insert("v", n); });
  b.visit([&](const auto& n) { y.insert("v", n); });
  return x == y;
}

// The keys of `full` that differ from `base`, tables compared key by key and everything else as
// a whole (the loader's merge, io/scenario_loader.cpp). False when `base` has a key `full` lacks:
// a file cannot remove a key of its base.
bool differences(const toml::table& full, const toml::table& base, toml::table& out) {
  for (auto&& [k, v] : base)
    if (!full.contains(k.str())) return false;
  for (auto&& entry : full) {  // named, not a structured binding: clang 14 cannot capture those
    const toml::key& k = entry.first;
    const toml::node& v = entry.second;
    const toml::node* b = base.get(k.str());
    if (b != nullptr && v.is_table() && b->is_table()) {
      toml::table sub;
      if (!differences(*v.as_table(), *b->as_table(), sub)) return false;
      if (!sub.empty()) out.insert(k, std::move(sub));
    } else if (b == nullptr || !same_node(v, *b)) {
      v.visit([&](const auto& n) { out.insert(k, n); });
    }
  }
  return true;
}

}  // namespace

std::string to_toml_file(const Scenario& s, const std::filesystem::path& path, const std::string& header) {
  namespace fs = std::filesystem;
  const std::string full = to_toml(s, header);
  if (s.base_file.empty()) return full;
  try {
    const LoadedScenario base = load_scenario(s.base_file);
    toml::table diff;
    if (!differences(toml::parse(to_toml(s)), toml::parse(to_toml(base.scenario)), diff)) return full;
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(fs::absolute(path).parent_path(), ec);
    const fs::path relative = fs::weakly_canonical(fs::absolute(s.base_file), ec).lexically_proximate(folder);
    std::string text = comment_lines(header);
    std::ostringstream body;
    body << diff;
    text += fmt::format("# Builds on {}: only what differs from it is written here.\nbase = {}\n\n{}\n", relative.generic_string(),
                        toml_quoted(relative.generic_string()), body.str());
    // Written only when it reads back to the same scenario; otherwise the whole scenario.
    Scenario again = parse_scenario(text, path.string());
    again.base_file.clear();
    Scenario plain = s;
    plain.base_file.clear();
    return to_toml(again) == to_toml(plain) ? text : full;
  } catch (const std::exception&) {
    return full;  // the base is gone or changed beyond use: the whole scenario, which needs none
  }
}

void save_scenario(const Scenario& s, const std::filesystem::path& path, const std::string& header) {
  const std::string text = to_toml_file(s, path, header);
  write_atomically(path, [&](const std::filesystem::path& tmp) {
    std::ofstream f(tmp, std::ios::binary);
    f << text;
    if (!f.flush()) throw std::runtime_error("cannot write " + tmp.string());
  });
}

}  // namespace adoptsim
