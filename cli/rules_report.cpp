#include "rules_report.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace adoptsim::cli {

namespace {

// "week 42 [34, 54]": median and the 5 %-95 % range of the weeks given.
std::string weeks_text(std::vector<int> w) {
  if (w.empty()) return "-";
  std::sort(w.begin(), w.end());
  auto at = [&](double q) { return w[static_cast<std::size_t>(q * static_cast<double>(w.size() - 1) + 0.5)]; };
  if (w.front() == w.back()) return fmt::format("week {}", w.front());
  return fmt::format("week {} [{}, {}]", at(0.5), at(0.05), at(0.95));
}

}  // namespace

std::string programme_rules_report(const Scenario& s, const Structure& st, const std::vector<RunResult>& runs) {
  if (s.phases.empty() && s.rules.empty()) return "";
  const std::size_t n = runs.size();
  std::string out;
  if (!s.phases.empty()) {
    out += "\nPhases: start week, median [5%, 95%] over the replicates\n";
    for (std::size_t p = 0; p < s.phases.size(); ++p) {
      std::vector<int> starts;
      for (const auto& r : runs)
        if (p < r.phase_start.size() && r.phase_start[p] >= 0) starts.push_back(r.phase_start[p]);
      const Phase& ph = s.phases[p];
      std::string teams = ph.teams.empty() ? "all teams" : fmt::format("{} teams", ph.teams.size());
      out += fmt::format("  {:<28} {:<22} {:<20}{}\n", ph.name, teams, weeks_text(starts),
                         starts.size() == n ? std::string() : fmt::format("  never started in {} of {}", n - starts.size(), n));
    }
  }
  if (!s.rules.empty()) {
    out += "Rules: firings per replicate, first firing week median [5%, 95%], teams fired for most often\n";
    for (std::size_t k = 0; k < s.rules.size(); ++k) {
      std::vector<int> first;
      std::size_t total = 0;
      std::map<int, int> by_team;
      for (const auto& r : runs) {
        int earliest = -1;
        for (const auto& f : r.firings) {
          if (f.rule != static_cast<int>(k)) continue;
          ++total;
          if (earliest < 0) earliest = f.week;
          for (int t : f.teams) ++by_team[t];
        }
        if (earliest >= 0) first.push_back(earliest);
      }
      std::vector<std::pair<int, int>> teams(by_team.begin(), by_team.end());
      std::stable_sort(teams.begin(), teams.end(), [](auto a, auto b) { return a.second > b.second; });
      std::string most;
      for (std::size_t j = 0; j < teams.size() && j < 3; ++j)
        most += fmt::format("{}{} ({})", j ? ", " : "", st.team_names[static_cast<std::size_t>(teams[j].first)], teams[j].second);
      out += fmt::format("  {:<28} {:>5.2f}   {:<20} {}{}\n", s.rules[k].name, n ? static_cast<double>(total) / static_cast<double>(n) : 0.0,
                         weeks_text(first), most,
                         first.size() == n ? std::string() : fmt::format("  never fired in {} of {}", n - first.size(), n));
    }
  }
  return out;
}

}  // namespace adoptsim::cli
