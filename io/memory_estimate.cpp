#include "memory_estimate.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <fmt/format.h>

#include "agents.hpp"
#include "domain.hpp"
#include "intervention_types.hpp"
#include "result.hpp"
#include "rng.hpp"

namespace adoptsim {

namespace {

using i64 = std::int64_t;

// Per person while a replicate is simulated (sim/agents.hpp, sim/model.hpp, sim/organisation.hpp).
constexpr i64 kAgentBytes = 1 + 3 * 4 * kNeeds  // category; need weights, baselines, satisfaction
                            + 4 + 4 + 1 + 1 + 1  // skill, resistance, stage, flags, masterclassed
                            + 2 * 6              // weeks applying, adoption week, hire week, relapses, sessions, last session week
                            + kInterventionTypes // sessions by type
                            + 4 * 4 + 1          // this week's impulses, had a session
                            + 2 * static_cast<i64>(sizeof(Agents::Visible))  // what neighbours see, last and next week
                            + kSessionTies * (4 + 2) + 1;  // cross-team ties from sessions: colleague, week; next slot
constexpr i64 kStructureBytes = 4 + 1 + 4 + 1;   // team, role, manager, fixed category
constexpr i64 kModelPersonBytes = kAgentBytes + kStructureBytes + 4 + 1 + 4  // inverse weight, scratch, adopted neighbours
                                  + 8 + 8;       // network offsets, and their copy while the CSR is filled
// Per model, whatever its size: its copy of the scenario, the schedule, the tallies, the streams.
constexpr i64 kModelFixedBytes = 256 * 1024;
// Per undirected tie while the network is built: the edge list (8 bytes, up to twice that in
// capacity as it grows) and both directions in the CSR (2 x 4 bytes).
constexpr i64 kTieBytes = 16 + 8;
// Per person of the result (sim/result.hpp, the per-person records).
constexpr i64 kResultPersonBytes = 1 + 1 + 1 + 4 + 2 + 2 + 2 + 4;
// Per week of the result, besides the per-team stage counts (4 bytes x kStages per team).
constexpr i64 kResultWeekBytes = 4 + 4 + 4 * kStages + 4 * kCategories * kRoles * kStages + 4 * kCategories + 4 * kNeeds +
                                 4 * kCategories * kNeeds + 4 + 4 + 4 + 8 + 8 * kCostRows + 4 * 4 + 4 * kInterventionTypes + 4;

i64 pairs(i64 n) { return n > 1 ? n * (n - 1) / 2 : 0; }

// Ties of the organisation network (sim/network.cpp organisation_network): every pair with a
// manager, the other pairs with the within-team probability, cross-team ties, the staff group.
struct TeamShape {
  i64 members = 0, managers = 0, copies = 1;
};
double organisation_ties(const std::vector<TeamShape>& line_teams, i64 mt, i64 hr, i64 hr_served, const NetworkSpec& net) {
  const double p = std::clamp(net.within_team_tie_probability, 0.0, 1.0);
  double ties = 0;
  i64 line_people = 0, line_team_count = 0, manager_teams = 0;
  for (const auto& t : line_teams) {
    const i64 others = t.members - t.managers;
    ties += static_cast<double>(t.copies) * (static_cast<double>(t.managers * others + pairs(t.managers)) + p * static_cast<double>(pairs(others)));
    line_people += t.copies * t.members;
    line_team_count += t.copies;
    if (t.managers > 0) manager_teams += t.copies;
  }
  if (line_team_count > 1) ties += std::max(0.0, net.cross_team_ties) * static_cast<double>(line_people) / 2.0;
  ties += static_cast<double>(pairs(mt)) + p * static_cast<double>(pairs(hr)) + static_cast<double>(hr + manager_teams) +
          static_cast<double>(hr * std::min(hr_served, manager_teams));
  return ties;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// A number in a file of the kernel ("max" and unreadable: none).
i64 read_bytes_file(const char* path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text == "max") return 0;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0' || v == 0 || v >= static_cast<unsigned long long>(std::numeric_limits<i64>::max() / 2)) return 0;
  return static_cast<i64>(v);
}

i64 meminfo_available() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  i64 kb = 0;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024;
  return 0;
}

// What the process's cgroup still allows: its limit less what the group uses now.
i64 cgroup_available(std::string& which) {
  std::string group;  // "0::/path" (v2) or "N:memory:/path" (v1)
  std::ifstream self("/proc/self/cgroup");
  std::string line, v2_path, v1_path;
  while (std::getline(self, line)) {
    if (line.rfind("0::", 0) == 0) v2_path = line.substr(3);
    const auto at = line.find(":memory:");
    if (at != std::string::npos) v1_path = line.substr(at + 8);
  }
  // Inside a container the group is usually mounted at the root of /sys/fs/cgroup.
  for (const std::string& dir : {"/sys/fs/cgroup" + v2_path, std::string("/sys/fs/cgroup")}) {
    const i64 max = read_bytes_file((dir + "/memory.max").c_str());
    if (max > 0) {
      which = "cgroup " + dir + "/memory.max";
      return std::max<i64>(0, max - read_bytes_file((dir + "/memory.current").c_str()));
    }
  }
  for (const std::string& dir : {"/sys/fs/cgroup/memory" + v1_path, std::string("/sys/fs/cgroup/memory")}) {
    const i64 max = read_bytes_file((dir + "/memory.limit_in_bytes").c_str());
    if (max > 0 && max < (i64{1} << 60)) {  // v1 says "no limit" with a huge number
      which = "cgroup " + dir + "/memory.limit_in_bytes";
      return std::max<i64>(0, max - read_bytes_file((dir + "/memory.usage_in_bytes").c_str()));
    }
  }
  return 0;
}

}  // namespace

ReplicateFootprint replicate_footprint(const Scenario& s) {
  ReplicateFootprint f;
  const auto& org = s.organisation;
  double ties = 0;
  i64 extra = 0;  // bytes per replicate beyond people and ties: the data's own copies
  if (org.network.kind == NetworkKind::external) {
    f.people = static_cast<i64>(org.external.group_of.size());
    f.teams = static_cast<i64>(org.external.group_names.size());
    ties = static_cast<double>(org.external.edges.size());
    // The model's copy of the scenario holds the edge list (8 bytes a tie) and the ids.
    extra += 8 * static_cast<i64>(org.external.edges.size());
    for (const auto& id : org.external.person_ids) extra += 2 * static_cast<i64>(sizeof(std::string) + id.size());
  } else if (!org.roster.empty()) {
    f.people = static_cast<i64>(org.roster.team_of.size());
    f.teams = static_cast<i64>(org.roster.team_names.size());
    std::vector<TeamShape> shape(static_cast<std::size_t>(f.teams));
    for (std::size_t i = 0; i < org.roster.team_of.size(); ++i) {
      auto& t = shape[static_cast<std::size_t>(org.roster.team_of[i])];
      ++t.members;
      t.managers += org.roster.role[i] == Role::manager;
    }
    i64 mt = 0, hr = 0;
    if (org.roster.central_team >= 0 && org.roster.central_team < f.teams) {
      for (std::size_t i = 0; i < org.roster.team_of.size(); ++i)
        if (org.roster.team_of[i] == org.roster.central_team) (org.roster.role[i] == Role::mt ? mt : hr) += 1;
      shape.erase(shape.begin() + org.roster.central_team);
    }
    ties = organisation_ties(shape, mt, hr, org.hr_teams_served, org.network);
    for (const auto& n : org.roster.names) extra += 3 * static_cast<i64>(sizeof(std::string) + n.size());  // the scenario's, the model's, the structure's
  } else if (s.kind == ModelKind::bass && org.teams.empty()) {
    f.people = std::max(0, s.bass_agents);
    f.teams = 1;
  } else {
    std::vector<TeamShape> shape;
    for (const auto& t : org.teams) {
      shape.push_back({i64{t.managers} + t.supervisors + t.foremen, t.managers, t.count});
      f.people += shape.back().members * t.count;
      f.teams += t.count;
    }
    f.people += i64{org.mt} + org.hr;
    if (org.mt + org.hr > 0) ++f.teams;
    ties = organisation_ties(shape, org.mt, org.hr, org.hr_teams_served, org.network);
  }
  if (org.network.kind == NetworkKind::complete) ties = 0;  // not materialised
  if (org.network.kind == NetworkKind::small_world) ties = static_cast<double>(f.people) * (org.network.degree / 2);
  f.ties = static_cast<i64>(std::ceil(ties));

  const i64 blocks = (f.people + kBlockSize - 1) / kBlockSize;
  const i64 team_names = f.teams * static_cast<i64>(sizeof(std::string) + 24);  // the structure's names (short ones inline)
  f.model_bytes = kModelFixedBytes + f.people * kModelPersonBytes + f.ties * kTieBytes + blocks * 2 * static_cast<i64>(sizeof(Engine)) + team_names +
                  f.teams * (4 + 8) + extra;
  i64 occurrences = 0;
  for (const auto& iv : s.programme) occurrences += static_cast<i64>(iv.weeks.size());
  const i64 rows = i64{s.weeks} + 1;
  f.loaded_bytes = f.people * kStructureBytes + team_names + extra;
  f.result_bytes = f.people * kResultPersonBytes + rows * (kResultWeekBytes + 4 * kStages * f.teams) +
                   occurrences * static_cast<i64>(sizeof(Occurrence)) + static_cast<i64>(sizeof(RunResult));
  return f;
}

std::int64_t MemoryNeed::bytes() const {
  return replicate.loaded_bytes + std::max<i64>(0, models) * replicate.model_bytes + std::max<i64>(0, results) * replicate.result_bytes;
}

std::string MemoryNeed::explain() const {
  const i64 per_person = replicate.people > 0 ? replicate.model_bytes / replicate.people : replicate.model_bytes;
  return fmt::format("about {}: {} people x {} (state and network) x {} replicate{} at once + {} result{} of {} each", memory_size(bytes()),
                     replicate.people, memory_size(per_person), models, models == 1 ? "" : "s", results, results == 1 ? "" : "s",
                     memory_size(replicate.result_bytes));
}

std::int64_t parse_memory_size(std::string_view text) {
  const std::string t = trim(text);
  std::string lower;
  for (char c : t) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "none" || lower == "0") return 0;
  const auto bad = [&] {
    return std::invalid_argument("memory limit '" + std::string(text) + "': expected a size such as 512M, 2G or 1.5GB (or 'none')");
  };
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(lower, &used);
  } catch (const std::exception&) {
    throw bad();
  }
  std::string unit = trim(std::string_view(lower).substr(used));
  if (unit.size() > 1 && unit.back() == 'b') unit.pop_back();                            // GB, MB, kB
  if (unit.size() == 2 && unit.back() == 'i') unit.pop_back();                           // GiB, MiB
  static const std::string units = "kmgt";
  double scale = 1;
  if (unit == "b" || unit.empty()) {
    scale = 1;
  } else if (unit.size() == 1 && units.find(unit[0]) != std::string::npos) {
    scale = std::pow(1024.0, static_cast<double>(units.find(unit[0]) + 1));
  } else {
    throw bad();
  }
  const double bytes = value * scale;
  if (!std::isfinite(bytes) || bytes < 1 || bytes > 9.0e18) throw bad();
  return static_cast<i64>(bytes);
}

std::string memory_size(std::int64_t bytes) {
  static const char* names[] = {"bytes", "kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) v /= 1024, ++u;
  if (u == 0) return fmt::format("{} bytes", bytes);
  return fmt::format("{:.{}f} {}", v, v < 10 ? 1 : 0, names[u]);
}

MemoryLimit memory_limit(const std::string& option) {
  if (!option.empty()) return {parse_memory_size(option), "--memory-limit"};
  if (const char* env = std::getenv("ADOPTSIM_MEMORY_LIMIT"); env && *env) {
    try {
      return {parse_memory_size(env), "ADOPTSIM_MEMORY_LIMIT"};
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("ADOPTSIM_MEMORY_LIMIT: ") + e.what());
    }
  }
  MemoryLimit limit{meminfo_available(), "MemAvailable in /proc/meminfo"};
  std::string which;
  const i64 group = cgroup_available(which);
  if (group > 0 && (limit.bytes == 0 || group < limit.bytes)) limit = {group, which + " less the group's use"};
  return limit;
}

void require_memory(const MemoryNeed& need, const MemoryLimit& limit) {
  if (limit.bytes <= 0 || need.bytes() <= limit.bytes) return;
  throw std::invalid_argument(fmt::format("{} needs {}; the limit is {} ({}). Nothing was run. Use fewer replicates or threads "
                                          "(-r, -t), a smaller organisation, or set the limit with --memory-limit SIZE or "
                                          "ADOPTSIM_MEMORY_LIMIT (none: no check)",
                                          need.command, need.explain(), memory_size(limit.bytes), limit.source));
}

}  // namespace adoptsim
