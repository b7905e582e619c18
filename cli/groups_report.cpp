#include "groups_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "report.hpp"
#include "statistics.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

std::string plural(int n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string gain_row_interval(const PairedGain& g, int decimals) {
  return fmt::format("[{:+.{}f}, {:+.{}f}]", g.difference.p05, decimals, g.difference.p95, decimals);
}

}  // namespace

std::string explain_group(const std::vector<int>& group, const Structure& st) {
  std::map<std::uint32_t, int> teams;
  std::array<int, kRoles> roles{};
  int with_manager = 0;
  std::vector<std::string> known;
  for (int i : group) {
    const auto ui = static_cast<std::size_t>(i);
    ++teams[st.team_of[ui]];
    ++roles[static_cast<std::size_t>(idx(st.role[ui]))];
    const int m = st.manager_of[ui];
    if (m >= 0 && std::find(group.begin(), group.end(), m) != group.end()) ++with_manager;
    if (st.fixed_category[ui] >= 0) known.push_back(fmt::format("{} {}", st.name(i), kCategoryNames[static_cast<std::size_t>(st.fixed_category[ui])]));
  }
  double mates = 0;
  for (auto [team, n] : teams) mates += static_cast<double>(n) * (n - 1);
  mates /= static_cast<double>(group.size());
  std::string team_text, role_text;
  // Teams by size, largest first.
  std::vector<std::pair<int, std::uint32_t>> by_size;
  for (auto [team, n] : teams) by_size.emplace_back(-n, team);
  std::sort(by_size.begin(), by_size.end());
  for (auto [n, team] : by_size) team_text += fmt::format("{}{} {}", team_text.empty() ? "" : ", ", st.team_names[team], -n);
  static const char* one[] = {"supervisor", "foreman", "manager", "MT member", "HR adviser"};
  static const char* many[] = {"supervisors", "foremen", "managers", "MT members", "HR advisers"};
  for (int r = 0; r < kRoles; ++r)
    if (roles[static_cast<std::size_t>(r)] > 0) role_text += (role_text.empty() ? "" : ", ") + plural(roles[static_cast<std::size_t>(r)], one[r], many[r]);
  std::string ids;
  if (st.names.empty()) {
    ids = "ids";
    for (int i : group) ids += fmt::format(" {}", i);
  } else {  // names, wrapped: what a trainer reads
    std::size_t line = 0;
    for (int i : group) {
      const std::string who = st.name(i) + (st.role[static_cast<std::size_t>(i)] == Role::supervisor ? "" : fmt::format(" ({})", kRoleNames[static_cast<std::size_t>(idx(st.role[static_cast<std::size_t>(i)]))]));
      if (!ids.empty() && ids.size() - line + who.size() > 92) ids += ",\n       ", line = ids.size();
      else if (!ids.empty()) ids += ", ";
      ids += who;
    }
  }
  std::string out = fmt::format("{}\n    teams: {} | {} | teammates per member {:.1f} | with their own manager: {}", ids, team_text, role_text, mates,
                                with_manager == 0 ? std::string("none") : std::to_string(with_manager));
  if (!known.empty()) {
    std::string k;
    for (const auto& x : known) k += (k.empty() ? "" : ", ") + x;
    out += "\n    categories fixed by the scenario: " + k;
  }
  return out;
}

std::string groups_toml(const Composition& groups, const Structure* by_name) {
  std::string out = "groups = [\n";
  for (const auto& g : groups) {
    out += "  [";
    for (std::size_t k = 0; k < g.size(); ++k) out += (k ? ", " : "") + (by_name ? "\"" + by_name->name(g[k]) + "\"" : std::to_string(g[k]));
    out += "],\n";
  }
  return out + "]\n";
}

std::string groups_report(const GroupsReport& r) {
  const Scenario& s = *r.scenario;
  const Intervention& iv = s.programme[static_cast<std::size_t>(r.intervention)];
  const GroupProposal& p = *r.proposal;
  const GroupSearchSettings& set = *r.settings;
  const Structure& st = *r.structure;
  std::size_t listed = 0;
  for (const auto& g : p.groups) listed += g.size();
  std::size_t smallest = listed, largest = 0;
  for (const auto& g : p.groups) smallest = std::min(smallest, g.size()), largest = std::max(largest, g.size());
  const std::string sizes = set.constraints.sizes_vary() ? fmt::format("of {} to {}", smallest, largest) : fmt::format("of at most {}", set.size);
  std::string out = fmt::format("adoptsim {} | groups {} | {} ({}) | {} people in {} groups {} | seed {} | {} threads | {}\n", r.version, s.name,
                                iv.name, kInterventionTypeNames[static_cast<std::size_t>(idx(iv.type))], listed, p.groups.size(), sizes, set.seed,
                                set.threads, seconds(r.seconds));
  double attending = 0;
  for (const auto& g : p.proposal) attending += g.attendees_per_group / static_cast<double>(p.proposal.size());
  out += fmt::format("\nKnown for sure: roles, teams and who reports to whom. Categories only where a roster or a team's\n"
                     "composition fixes them; the others are drawn per replicate from the scenario's shares. Attendance varies per session ({}),\n"
                     "so absent people leave holes: on average {:.1f} of a listed group came.\n",
                     iv.mandatory ? "compulsory, but some are absent" : "voluntary", attending);
  out += fmt::format("Objective: learning, the skill gained in '{}' per method user, scored by simulation on\n"
                     "common random numbers. Adoption ({} applying at week {}) follows learning and is measured on the result.\n",
                     iv.name, roles_text(s.goal.roles), s.goal.week);

  out += fmt::format("\nSearch on replicates 0-{}\n", set.search_replicates - 1);
  Table starts({"starting composition", "learning"});
  for (const auto& [name, v] : p.starts) starts.row({name, fmt::format("{:.4f}", v)});
  out += starts.str();
  out += fmt::format("  local search from '{}': {} swaps scored by simulation, {} accepted: {:.4f}\n", p.started_from, p.evaluations, p.accepted,
                     p.search_score);

  out += fmt::format("\nPredicted gain over a random composition of the same group sizes ({} fresh replicates, paired;\n"
                     "a different random composition in each{})\n", set.report_replicates, set.constraints.any() ? ", free of the constraints" : "");
  Table t({"metric", "proposal", "random", "gain", "90% interval", "replicates better / worse"});
  auto mean = [](const std::vector<GroupScore>& v, double (*f)(const GroupScore&)) {
    double m = 0;
    for (const auto& g : v) m += f(g) / static_cast<double>(v.size());
    return m;
  };
  auto row = [&](const std::string& label, const PairedGain& g, double (*f)(const GroupScore&), int decimals) {
    t.row({label, fmt::format("{:.{}f}", mean(p.proposal, f), decimals), fmt::format("{:.{}f}", mean(p.random, f), decimals),
           fmt::format("{:+.{}f}", g.difference.mean, decimals), gain_row_interval(g, decimals), fmt::format("{} / {} of {}", g.better, g.worse, g.replicates)});
  };
  row("learning (skill per user)", p.versus_random_learning, [](const GroupScore& g) { return g.learning; }, 4);
  row(fmt::format("adoption (week {})", s.goal.week), p.versus_random_adoption, [](const GroupScore& g) { return g.adoption; }, 4);
  row("skill gain per attendance", p.versus_random_per_attendance, [](const GroupScore& g) { return g.per_attendance; }, 4);
  out += t.str();
  out += fmt::format("  mean gain in learning {:+.4f} +/- {:.4f} (90% confidence interval of the mean); the local search added\n"
                     "  {:+.4f} {} to its start\n",
                     p.versus_random_learning.difference.mean, kZ90 * p.versus_random_learning.mean_se, p.versus_start_learning.difference.mean,
                     gain_row_interval(p.versus_start_learning, 4));
  out += fmt::format("Against the scenario as given ('{}' groups of at most {} from whoever attends):\n"
                     "  learning {:+.4f} {}, adoption {:+.4f} {},\n"
                     "  cost {}{} {} (listed groups are not filled up from other groups: more sessions)\n",
                     kGroupRuleNames[static_cast<std::size_t>(idx(iv.grouping))], iv.group_size, p.versus_own_learning.difference.mean,
                     gain_row_interval(p.versus_own_learning, 4), p.versus_own_adoption.difference.mean, gain_row_interval(p.versus_own_adoption, 4),
                     p.versus_own_cost.difference.mean < 0 ? "-" : "+", money(std::fabs(p.versus_own_cost.difference.mean)), s.currency);

  const std::vector<std::string> asked = describe(set.constraints, st);
  if (!asked.empty()) {
    out += "\nConstraints (every start repaired to meet them; swaps that break one refused)\n";
    Table c({"constraint", "proposal", "binds"});
    auto kind_of = [](const std::string& line) {
      for (int k = 0; k < kConstraintKinds; ++k)
        if (line.rfind(kConstraintNames[static_cast<std::size_t>(k)], 0) == 0 || (k == idx(ConstraintKind::max_per_team) && line.rfind("at most", 0) == 0) ||
            (k == idx(ConstraintKind::early_adopter_each) && line.rfind("an early adopter", 0) == 0))
          return k;
      return -1;
    };
    for (const auto& line : asked) {
      const int k = kind_of(line);
      if (k < 0) {
        c.row({line, "met", "sets the sessions"});
        continue;
      }
      const auto uk = static_cast<std::size_t>(k);
      c.row({line, p.broken[uk] == 0 ? "met" : fmt::format("BROKEN ({})", p.broken[uk]),
             p.refused_better[uk] > 0 ? fmt::format("yes: {} better swaps refused, up to {:+.4f} learning", p.refused_better[uk], p.forgone[uk])
                                      : "no: no better swap refused"});
    }
    out += c.str();
  }

  out += "\nProposed groups\n";
  for (std::size_t g = 0; g < p.groups.size(); ++g) out += fmt::format("  {:>2}. {}\n", g + 1, explain_group(p.groups[g], st));
  return out;
}

}  // namespace adoptsim::cli
