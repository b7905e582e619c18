// Scenario files: the shipped ones load; bad ones are refused with file, line, column and key.
#include <doctest/doctest.h>

#include <string>

#include "fixtures.hpp"
#include "organisation.hpp"
#include "scenario_loader.hpp"

using namespace adoptsim;

namespace {

const char* kMinimal = R"(
[scenario]
name = "mini"
weeks = 20

[[organisation.team]]
name = "Workshop"
supervisors = 6
foremen = 2

[[intervention]]
name = "Training"
type = "basic_training"
weeks = [2, 4]
target = { roles = ["supervisor", "foreman"] }
group_size = 8
)";

// Parses `text` and returns the diagnostics (empty when it loads).
std::vector<Diagnostic> problems(const std::string& text) {
  try {
    parse_scenario(text, "test.toml");
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
  return {};
}

std::string with(const std::string& from, const std::string& to) {
  std::string t = kMinimal;
  const auto at = t.find(from);
  REQUIRE(at != std::string::npos);
  return t.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the shipped scenarios load") {
  for (const char* name : {"reference.toml", "bass.toml"}) {
    CAPTURE(name);
    const Scenario s = test::shipped(name);
    CHECK(check_scenario(s).empty());
  }
  const Scenario r = test::shipped("reference.toml");
  const Structure st = build_structure(r);
  CHECK(st.people == 200);
  CHECK(st.teams() == 13);
  CHECK(r.programme.size() == 13);
}

TEST_CASE("a minimal scenario loads with defaults for everything it does not say") {
  const auto d = problems(kMinimal);
  CHECK(d.empty());
  const Scenario s = parse_scenario(kMinimal, "test.toml");
  CHECK(s.weeks == 20);
  CHECK(s.programme[0].weeks == std::vector<int>{2, 4});
  CHECK(s.parameters[Param::skill_decay] == Parameters()[Param::skill_decay]);
}

TEST_CASE("recurrences expand to weeks") {
  const Scenario s = parse_scenario(with("weeks = [2, 4]", "start = 3\nevery = 5\ncount = 3"), "test.toml");
  CHECK(s.programme[0].weeks == std::vector<int>{3, 8, 13});
  const Scenario u = parse_scenario(with("weeks = [2, 4]", "start = 3\nevery = 5\nuntil = 19"), "test.toml");
  CHECK(u.programme[0].weeks == std::vector<int>{3, 8, 13, 18});
}

TEST_CASE("a recurrence needs an end, and a week is listed once") {
  auto d = problems(with("weeks = [2, 4]", "start = 3\nevery = 5"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "intervention[1].every");
  d = problems(with("weeks = [2, 4]", "weeks = [2, 4, 2]"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "intervention[1].weeks[3]");
  CHECK(d[0].message.find("listed twice") != std::string::npos);
}

TEST_CASE("parameters are set by their table names, nested or dotted") {
  const Scenario s = parse_scenario(std::string(kMinimal) + "\n[parameters]\n\"skill.decay\" = 0.02\nstage.apply_rate = 0.2\n[parameters.readiness]\nlaggard = 0.0\n", "t.toml");
  CHECK(s.parameters[Param::skill_decay] == 0.02);
  CHECK(s.parameters[Param::apply_rate] == 0.2);
  CHECK(s.parameters[Param::readiness_laggard] == 0.0);
}

TEST_CASE("invalid TOML names the line and column") {
  const auto d = problems("[scenario]\nname = \"x\"\nweeks = = 3\n");
  REQUIRE(d.size() == 1);
  CHECK(d[0].file == "test.toml");
  CHECK(d[0].line == 3);
  CHECK(d[0].column > 0);
  CHECK(d[0].message.find("TOML") != std::string::npos);
}

TEST_CASE("an unknown key is reported with a suggestion") {
  const auto d = problems(with("group_size = 8", "grup_size = 8"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "intervention[1].grup_size");
  CHECK(d[0].line == 16);
  CHECK(d[0].column == 1);
  CHECK(d[0].message.find("did you mean 'group_size'") != std::string::npos);
  const auto p = problems(std::string(kMinimal) + "[parameters]\nskill.decai = 0.1\n");
  REQUIRE(p.size() == 1);
  CHECK(p[0].key == "parameters.skill.decai");
  CHECK(p[0].message.find("skill.decay") != std::string::npos);
  const auto t = problems(with("type = \"basic_training\"", "type = \"basic_trainig\""));
  REQUIRE(t.size() == 1);
  CHECK(t[0].message.find("did you mean 'basic_training'") != std::string::npos);
}

TEST_CASE("wrong types and out-of-range values are reported at the value") {
  auto d = problems(with("weeks = 20", "weeks = \"twenty\""));
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "scenario.weeks");
  CHECK(d[0].line == 4);
  CHECK(d[0].column == 9);
  CHECK(d[0].message.find("whole number") != std::string::npos);
  d = problems(std::string(kMinimal) + "[parameters]\n\"skill.decay\" = 1.5\n");
  REQUIRE(d.size() == 1);
  CHECK(d[0].message.find("between 0 and 1") != std::string::npos);
  d = problems(with("supervisors = 6", "supervisors = -6"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "organisation.team[1].supervisors");
}

TEST_CASE("weeks beyond the horizon are refused") {
  const auto d = problems(with("weeks = [2, 4]", "weeks = [2, 40]"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "intervention[1].weeks[2]");
  CHECK(d[0].line == 14);
  CHECK(d[0].column == 13);
  CHECK(d[0].message.find("horizon") != std::string::npos);
  CHECK_FALSE(problems(std::string(kMinimal) + "[goal]\nweek = 30\n").empty());
}

TEST_CASE("an empty target group is refused") {
  // The default organisation has MT and HR staff; this one has no managers.
  std::string text = with("roles = [\"supervisor\", \"foreman\"]", "roles = [\"manager\"]");
  text.replace(text.find("supervisors = 6"), 15, "managers = 0\nsupervisors = 6");
  const auto d = problems(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "intervention[1].target");
  CHECK(d[0].message.find("nobody") != std::string::npos);
  const auto t = problems(with("roles = [\"supervisor\", \"foreman\"]", "teams = [\"Workshp\"]"));
  REQUIRE(t.size() == 1);
  CHECK(t[0].message.find("did you mean 'Workshop'") != std::string::npos);
}

TEST_CASE("a group cap below 1 is refused") {
  const auto d = problems(with("group_size = 8", "group_size = 0"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "intervention[1].group_size");
  CHECK(d[0].line == 16);
  CHECK(d[0].message.find("at least 1") != std::string::npos);
}

TEST_CASE("every problem is reported, not only the first") {
  const auto d = problems(with("group_size = 8", "group_size = 0\nhours = -2\ncolour = \"red\""));
  CHECK(d.size() == 3);
}

TEST_CASE("explicit groups must name existing people once") {
  auto d = problems(with("group_size = 8", "group_size = 8\ngroups = [[0, 1], [1, 2]]"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].message.find("more than one group") != std::string::npos);
  d = problems(with("group_size = 8", "group_size = 8\ngroups = [[0, 99]]"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].message.find("does not exist") != std::string::npos);
}

TEST_CASE("intervention names are unique (they name the random streams)") {
  const std::string twice = std::string(kMinimal) + "\n[[intervention]]\nname = \"Training\"\ntype = \"refresher\"\nweeks = [10]\n";
  const auto d = problems(twice);
  REQUIRE(d.size() == 1);
  CHECK(d[0].key == "intervention[2].name");
}

TEST_CASE("diagnostics read as file:line:column: key: message") {
  const auto d = problems(with("group_size = 8", "group_size = 0"));
  REQUIRE(d.size() == 1);
  CHECK(d[0].str() == "test.toml:16:14: intervention[1].group_size: must be at least 1 (got 0); 0 (everyone in one session) is for the plenary types only");
}
