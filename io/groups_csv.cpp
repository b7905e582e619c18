#include "groups_csv.hpp"

#include <fmt/format.h>

#include "domain.hpp"

namespace adoptsim {

namespace {

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

std::string groups_csv(const Composition& c, const Structure& st) {
  std::string out = "group,name,team,role\n";
  for (std::size_t g = 0; g < c.size(); ++g)
    for (int i : c[g]) {
      const auto ui = static_cast<std::size_t>(i);
      out += fmt::format("{},{},{},{}\n", g + 1, csv_cell(st.name(i)), csv_cell(st.team_names[st.team_of[ui]]),
                         kRoleNames[static_cast<std::size_t>(idx(st.role[ui]))]);
    }
  return out;
}

}  // namespace adoptsim
