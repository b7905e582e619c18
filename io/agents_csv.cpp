#include "agents_csv.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <stdexcept>

#include "atomic_file.hpp"
#include "model.hpp"

namespace adoptsim {

std::vector<int> agent_csv_weeks(const Scenario& s, AgentWeeks which) {
  std::vector<int> weeks;
  if (which == AgentWeeks::every) {
    for (int w = 0; w <= s.weeks; ++w) weeks.push_back(w);
    return weeks;
  }
  weeks = {0, s.weeks};
  for (int w : {13, 26, 52, 104, s.goal.week})
    if (w > 0 && w <= s.weeks) weeks.push_back(w);
  std::sort(weeks.begin(), weeks.end());
  weeks.erase(std::unique(weeks.begin(), weeks.end()), weeks.end());
  return weeks;
}

namespace {

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

constexpr const char* kHeader =
    "replicate,week,id,name,team,role,category,stage,skill,resistance,need_autonomy,need_inclusion,need_affection,need_competence\n";

// The rows of one week, appended to `out`. Floats in their shortest round-trip text.
void week_rows(const Model& m, int replicate, std::string& out) {
  const Structure& st = m.structure();
  const Agents& a = m.agents();
  const int week = m.week();
  for (int i = 0; i < st.people; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", replicate, week, i, st.names.empty() ? std::string() : csv_field(st.names[ui]),
                       csv_field(st.team_names[st.team_of[ui]]), kRoleNames[static_cast<std::size_t>(st.role[ui])],
                       kCategoryNames[static_cast<std::size_t>(a.category[ui])], kStageNames[static_cast<std::size_t>(a.stage[ui])], a.skill[ui],
                       a.resistance[ui], a.need[0][ui], a.need[1][ui], a.need[2][ui], a.need[3][ui]);
  }
}

}  // namespace

AgentsCsvSize estimate_agents_csv(const Scenario& s, std::uint64_t seed, int replicate, AgentWeeks which) {
  const Model m(s, seed, replicate);
  std::string rows;
  week_rows(m, replicate, rows);
  AgentsCsvSize size;
  size.people = m.structure().people;
  size.weeks = static_cast<std::int64_t>(agent_csv_weeks(s, which).size());
  size.rows = size.people * size.weeks;
  // Week 0's numbers are as wide as later ones (shortest floats of values in [0, 1]); its
  // round starting skills and needs are not shorter than a typical week's by much.
  const double per_row = size.people > 0 ? static_cast<double>(rows.size()) / static_cast<double>(size.people) : 0;
  size.bytes = static_cast<std::int64_t>(std::string_view(kHeader).size() + per_row * static_cast<double>(size.rows));
  return size;
}

void write_agents_csv(const std::filesystem::path& path, const Scenario& s, std::uint64_t seed, int replicate, AgentWeeks which) {
  const std::vector<int> weeks = agent_csv_weeks(s, which);
  write_atomically(path, [&](const std::filesystem::path& tmp) {
    std::ofstream f(tmp, std::ios::binary);
    if (!f) throw std::runtime_error("cannot write " + tmp.string());
    f << kHeader;
    Model m(s, seed, replicate);
    std::string rows;
    std::size_t next = 0;
    for (;;) {
      if (next < weeks.size() && weeks[next] == m.week()) {
        rows.clear();
        week_rows(m, replicate, rows);
        f.write(rows.data(), static_cast<std::streamsize>(rows.size()));
        if (!f) throw std::runtime_error(fmt::format("cannot write {} (disk full?)", path.string()));
        ++next;
      }
      if (m.done()) break;
      m.step();
    }
    if (!f.flush()) throw std::runtime_error(fmt::format("cannot write {} (disk full?)", path.string()));
  });
}

}  // namespace adoptsim
