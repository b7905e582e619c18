// A real organisation from a roster (issue 12): people with names, teams, roles, managers and
// categories read from a staff CSV; errors at file:line:column; round trip through the writer.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "fixtures.hpp"
#include "model.hpp"
#include "organisation.hpp"
#include "roster.hpp"
#include "scenario_writer.hpp"

using namespace adoptsim;
namespace fs = std::filesystem;

namespace {

std::string roster_scenario(const std::string& roster, const std::string& extra = "") {
  return "[scenario]\nname = \"plant\"\nweeks = 20\n[organisation]\nroster = \"" + roster + "\"\n" + extra;
}

struct TempDir {
  fs::path dir = fs::temp_directory_path() / ("adoptsim-roster-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(dir); }
  ~TempDir() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
};

std::vector<std::string> messages(const std::string& text) {
  try {
    parse_scenario(text, "test.toml");
  } catch (const ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.str());
    return out;
  }
  return {};
}

bool contains(const std::vector<std::string>& v, const std::string& part) {
  for (const auto& s : v)
    if (s.find(part) != std::string::npos) return true;
  return false;
}

int person(const Structure& st, const std::string& name) {
  for (int i = 0; i < st.people; ++i)
    if (st.name(i) == name) return i;
  return -1;
}

// Roster paths are relative to the current directory (as network files are): the shipped
// scenarios name them from the repository root.
struct InSourceTree {
  fs::path here = fs::current_path();
  InSourceTree() { fs::current_path(ADOPTSIM_SOURCE_DIR); }
  ~InSourceTree() { fs::current_path(here); }
};

Scenario shipped_roster() {
  InSourceTree in;
  return test::shipped("roster.toml");
}

}  // namespace

TEST_CASE("a roster gives people by name, sorted team by team with the staff group last") {
  TempDir t;
  const std::string csv = t.write("staff.csv",
                                  "# a comment line\n"
                                  "name,team,role,manager,category,score\n"
                                  "Wim,Board,mt,,,\n"
                                  "Ans,Workshop,supervisor,,,\n"
                                  "Bob,Workshop,manager,Wim,,\n"
                                  "Cor,Yard,Foreman,,Early adopter,\n"
                                  "Dirk,Yard,manager,Wim,,\n"
                                  "Els,Workshop,supervisor,Dirk,,\n"
                                  "Hein,Board,hr,,,\n");
  const Scenario s = parse_scenario(roster_scenario(csv), "t.toml");
  const Structure st = build_structure(s);
  CHECK(st.people == 7);
  CHECK(st.team_names == std::vector<std::string>{"Workshop", "Yard", "Board"});
  CHECK(st.central_team == 2);
  CHECK(st.names == std::vector<std::string>{"Bob", "Ans", "Els", "Dirk", "Cor", "Wim", "Hein"});
  CHECK(st.role[0] == Role::manager);
  CHECK(st.role[4] == Role::foreman);
  CHECK(st.users == 3);
  // Managers as given, else the team's manager (users) or the first MT member (HR).
  CHECK(st.manager_of[static_cast<std::size_t>(person(st, "Ans"))] == person(st, "Bob"));
  CHECK(st.manager_of[static_cast<std::size_t>(person(st, "Els"))] == person(st, "Dirk"));
  CHECK(st.manager_of[static_cast<std::size_t>(person(st, "Cor"))] == person(st, "Dirk"));
  CHECK(st.manager_of[static_cast<std::size_t>(person(st, "Bob"))] == person(st, "Wim"));
  CHECK(st.manager_of[static_cast<std::size_t>(person(st, "Hein"))] == person(st, "Wim"));
  CHECK(st.manager_of[static_cast<std::size_t>(person(st, "Wim"))] == -1);
  CHECK(st.fixed_category[static_cast<std::size_t>(person(st, "Cor"))] == idx(Category::early_adopter));
  CHECK(st.fixed_category[static_cast<std::size_t>(person(st, "Ans"))] == -1);
  // The engine runs it, and its fixed category holds in every replicate.
  const RunResult r = run_replicate(s, 3, 0);
  CHECK(r.weeks == 20);
}

TEST_CASE("survey scores give Rogers' categories by mean and standard deviation") {
  // mean 0, sample sd 1 for these eight values (sum of squares 7)
  const double a = std::sqrt(7.0 / 8.0);
  std::vector<double> x{-a, -a, -a, -a, a, a, a, a};
  auto c = categories_from_scores(x);
  CHECK(c[0] == Category::late_majority);
  CHECK(c[7] == Category::early_majority);
  c = categories_from_scores({0, 0, 0, 0, 2});  // mean 0.4, sd 0.894: 2 is between one and two sd above
  CHECK(c[4] == Category::early_adopter);
  CHECK(c[0] == Category::late_majority);
  c = categories_from_scores({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10});
  CHECK(c[19] == Category::innovator);  // mean 0.5, sd 2.24: 10 > 0.5 + 4.47
  CHECK(c[0] == Category::late_majority);
  c = categories_from_scores({5, 5, 5, 5, 5, 5, 5, 5, 5, 0});
  CHECK(c[9] == Category::laggard);
}

TEST_CASE("the shipped roster: 48 people, names in the structure, scores and categories") {
  const Scenario s = shipped_roster();
  const Structure st = build_structure(s);
  CHECK(st.people == 48);
  CHECK(st.teams() == 5);
  CHECK(st.team_names.back() == "MT & HR");
  int fixed = 0;
  for (auto c : st.fixed_category) fixed += c >= 0;
  CHECK(fixed >= 20);  // four named in the file, the surveyed teams by score
  for (int t = 0; t + 1 < st.teams(); ++t) CHECK(st.role[st.team_first[t]] == Role::manager);
}

TEST_CASE("roster problems name file, line and column") {
  TempDir t;
  const std::string csv = t.write("bad.csv",
                                  "name,team,role,manager,score\n"
                                  "Ans,Workshop,supervisor,,\n"
                                  "Ans,Workshop,foreman,,\n"
                                  "Bob,Workshop,boss,,\n"
                                  "Cor,,supervisor,,\n"
                                  "Dirk,Yard,supervisor,Nobody,\n"
                                  "Els,Yard,supervisor,Els,\n"
                                  "Fem,Yard,supervisor,,high\n");
  const auto m = messages(roster_scenario(csv));
  CHECK(contains(m, csv + ":3:1: name: 'Ans' appears twice (first on line 2)"));
  CHECK(contains(m, csv + ":4:3: role: unknown role 'boss'"));
  CHECK(contains(m, csv + ":5:2: team: 'Cor' has no team"));
  CHECK(contains(m, csv + ":6:4: manager: manager 'Nobody' is not in the roster"));
  CHECK(contains(m, csv + ":7:4: manager: 'Els' cannot be their own manager"));
  CHECK(contains(m, csv + ":8:5: score: score 'high' is not a number"));

  const std::string no_role = t.write("norole.csv", "name,team\nAns,Workshop\n");
  CHECK(contains(messages(roster_scenario(no_role)), no_role + ":1:1: no role column"));
  CHECK(contains(messages(roster_scenario(csv, "mt = 3\n")), "test.toml:6:6: organisation.mt: a roster lists everyone"));
  CHECK(contains(messages(roster_scenario(t.dir.string() + "/missing.csv")), "missing.csv"));
}

TEST_CASE("a roster scenario round-trips through the scenario writer, groups by name") {
  Scenario s = shipped_roster();
  const Structure st = build_structure(s);
  std::size_t k = 0;
  while (s.programme[k].type != InterventionType::intervision) ++k;
  s.programme[k].groups = {{1, 2, 3}, {14, 15, 47}};
  const std::string text = to_toml(s);
  CHECK(text.find("roster = \"scenarios/roster-example.csv\"") != std::string::npos);
  CHECK(text.find("[[organisation.team]]") == std::string::npos);
  CHECK(text.find("  [" + std::string("\"") + st.name(1) + "\", \"" + st.name(2) + "\"") != std::string::npos);
  // Relative roster paths resolve from the current directory: read back from the source tree.
  const Scenario back = [&] {
    InSourceTree in;
    return parse_scenario(text, "back.toml");
  }();
  const Structure st2 = build_structure(back);
  CHECK(st2.names == st.names);
  CHECK(st2.manager_of == st.manager_of);
  CHECK(st2.fixed_category == st.fixed_category);
  CHECK(back.programme[k].groups == s.programme[k].groups);
  CHECK(to_toml(back) == text);
  SUBCASE("a name not in the roster is an error at its group") {
    std::string bad = text;
    bad.replace(bad.find(st.name(2)), st.name(2).size(), "Nobody Known");
    InSourceTree in;
    const auto m = messages(bad);
    CHECK(contains(m, "groups[1]: 'Nobody Known' is not in the roster"));
  }
}
