// Writing scenarios back as TOML: what is written reads back as the same scenario.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>

#include "fixtures.hpp"
#include "model.hpp"
#include "scenario_writer.hpp"

using namespace adoptsim;

namespace {

// Same scenario = same text when written again, and bit-identical results.
void check_round_trip(const Scenario& s) {
  const std::string text = to_toml(s, "written by a test");
  Scenario back;
  REQUIRE_NOTHROW(back = parse_scenario(text, "written.toml"));
  CHECK(to_toml(back, "written by a test") == text);
  CHECK(back.parameters.value == s.parameters.value);
  REQUIRE(back.programme.size() == s.programme.size());
  for (std::size_t k = 0; k < s.programme.size(); ++k) {
    CHECK(back.programme[k].weeks == s.programme[k].weeks);
    CHECK(back.programme[k].target.teams == s.programme[k].target.teams);
    CHECK(back.programme[k].groups == s.programme[k].groups);
  }
  Scenario shorter = s, shorter_back = back;
  shorter.weeks = shorter_back.weeks = std::min(s.weeks, 30);
  const RunResult a = run_replicate(shorter, 3, 0), b = run_replicate(shorter_back, 3, 0);
  CHECK(std::memcmp(a.applying.data(), b.applying.data(), a.applying.size() * sizeof(float)) == 0);
  CHECK(a.total_cost == b.total_cost);
}

}  // namespace

TEST_CASE("the shipped scenarios survive writing and reading back") {
  check_round_trip(test::shipped("reference.toml"));
  check_round_trip(test::shipped("bass.toml"));
}

TEST_CASE("changed parameters, odd names, explicit groups and team targets survive writing") {
  Scenario s = test::shipped("reference.toml");
  s.name = "quotes \"and\" back\\slashes";
  s.parameters[Param::skill_decay] = 0.0123456789012345;
  s.parameters[Param::readiness_laggard] = 0;
  s.programme[6].groups = {{0, 5, 9}, {1, 2}};
  s.programme[6].target.teams = {0, 3};
  s.programme[4].weeks = {12, 17, 30};  // irregular: written as a list
  check_round_trip(s);
  const std::string text = to_toml(s);
  CHECK(text.find("\"skill.decay\" = 0.0123456789012345") != std::string::npos);
  CHECK(text.find("\"skill.practice_gain\"") == std::string::npos);  // defaults are not repeated
  CHECK(text.find("teams = [\"Assembly\", \"Cleaning\"]") != std::string::npos);
}

TEST_CASE("save_scenario writes a file that validates") {
  const auto dir = std::filesystem::temp_directory_path() / "adoptsim-writer-test";
  std::filesystem::remove_all(dir);
  save_scenario(test::shipped("reference.toml"), dir / "copy.toml", "copy");
  CHECK(check_scenario(load_scenario(dir / "copy.toml").scenario).empty());
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
  std::filesystem::remove_all(dir);
}
