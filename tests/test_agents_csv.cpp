// adoptsim run --agents-csv (issue 14, item 5): one row per person x week of one replicate, the
// same replicate as in the results file; the size estimated first and large tables refused.
#include <doctest/doctest.h>

#include <H5Cpp.h>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "agents_csv.hpp"
#include "cli_sandbox.hpp"
#include "fixtures.hpp"

namespace fs = std::filesystem;
using adoptsim::test::Outcome;
using adoptsim::test::Sandbox;
using adoptsim::test::slurp;
using namespace adoptsim;

namespace {

const std::string reference = adoptsim::test::source_path("scenarios/reference.toml");

std::vector<float> dataset(const fs::path& file, const char* name) {
  H5::H5File f(file.string(), H5F_ACC_RDONLY);
  H5::DataSet ds = f.openDataSet(name);
  std::vector<float> v(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()));
  ds.read(v.data(), H5::PredType::NATIVE_FLOAT);
  return v;
}

}  // namespace

TEST_CASE("run --agents-csv: every person every week; its shares and means are the results file's for that replicate") {
  Sandbox box;
  const fs::path out = box.dir / "r.h5", agents = box.dir / "agents.csv";
  const Outcome o = box.run("run " + reference + " -r 3 --seed 5 -q --out " + out.string() + " --agents-csv " + agents.string() + " --agents-replicate 2");
  REQUIRE(o.code == 0);
  CHECK(o.err.find("agents CSV: 200 people x 105 weeks = 21,000 rows of replicate 2, about") != std::string::npos);
  const std::string text = slurp(agents);
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  CHECK(line == "replicate,week,id,name,team,role,category,stage,skill,resistance,need_autonomy,need_inclusion,need_affection,need_competence");
  std::map<int, int> users, applying, rows;
  std::map<int, double> skill;
  std::map<std::string, int> teams;
  while (std::getline(in, line)) {
    std::vector<std::string> c;
    std::istringstream l(line);
    for (std::string cell; std::getline(l, cell, ',');) c.push_back(cell);
    REQUIRE(c.size() == 14);
    CHECK(c[0] == "2");
    const int week = std::stoi(c[1]);
    ++rows[week];
    if (week == 0) ++teams[c[4]];
    if (c[5] == "supervisor" || c[5] == "foreman") {  // the method's users
      ++users[week];
      applying[week] += c[7] == "change" || c[7] == "maintenance" ? 1 : 0;
      skill[week] += std::stod(c[8]);
    }
    for (int k = 8; k < 14; ++k) CHECK((std::stod(c[static_cast<std::size_t>(k)]) >= 0 && std::stod(c[static_cast<std::size_t>(k)]) <= 1));
  }
  CHECK(rows.size() == 105);
  CHECK(rows[0] == 200);
  CHECK(rows[104] == 200);
  CHECK(teams.size() == 13);  // 12 departments and the MT & HR staff group
  // Replicate 2 of the results file, week by week: the CSV's people give its aggregates.
  const auto share = dataset(out, "/timeseries/applying"), skill_mean = dataset(out, "/timeseries/skill_mean");
  REQUIRE(share.size() == 3 * 105);
  int checked = 0;
  for (int w = 0; w <= 104; ++w) {
    CHECK(static_cast<float>(applying[w]) / static_cast<float>(users[w]) == doctest::Approx(share[2 * 105 + static_cast<std::size_t>(w)]).epsilon(1e-6));
    CHECK(skill[w] / users[w] == doctest::Approx(skill_mean[2 * 105 + static_cast<std::size_t>(w)]).epsilon(1e-5));
    checked += applying[w] > 0 ? 1 : 0;
  }
  CHECK(checked > 30);  // the curve rises: the comparison is not of zeros
}

TEST_CASE("run --agents-weeks reported: week 0, the milestones, the deadline and the horizon; bad options exit 2") {
  Sandbox box;
  const fs::path agents = box.dir / "a.csv";
  Outcome o = box.run("run " + reference + " -r 2 -q --out " + (box.dir / "r.h5").string() + " --agents-csv " + agents.string() + " --agents-weeks reported");
  REQUIRE(o.code == 0);
  std::map<std::string, int> weeks;
  std::istringstream in(slurp(agents));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) ++weeks[line.substr(2, line.find(',', 2) - 2)];
  CHECK(weeks == std::map<std::string, int>{{"0", 200}, {"13", 200}, {"26", 200}, {"52", 200}, {"104", 200}});
  o = box.run("run " + reference + " -r 2 -q --out " + (box.dir / "x.h5").string() + " --agents-csv " + (box.dir / "x.csv").string() + " --agents-replicate 2");
  CHECK(o.code == 2);
  CHECK(o.err.find("--agents-replicate 2: the run has replicates 0..1") != std::string::npos);
  o = box.run("run " + reference + " -r 2 -q --agents-csv " + (box.dir / "x.csv").string() + " --agents-weeks some");
  CHECK(o.code == 2);
  CHECK_FALSE(fs::exists(box.dir / "x.h5"));
  CHECK_FALSE(fs::exists(box.dir / "x.csv"));
}

TEST_CASE("run --agents-csv: above the limit it is refused before anything runs, naming --agents-force") {
  Sandbox box;
  // 10,101 people for 1040 weeks: about 1.2 GB of rows.
  const fs::path big = box.write("big.toml", "[scenario]\nname = \"big\"\nweeks = 1040\nreplicates = 1\n"
                                             "[organisation]\nmt = 1\nhr = 0\n[[organisation.team]]\nname = \"T\"\ncount = 100\nmanagers = 1\nsupervisors = 100\nforemen = 0\n"
                                             "[network]\nkind = \"small_world\"\ndegree = 4\n[goal]\nroles = [\"supervisor\"]\n");
  const AgentsCsvSize size = estimate_agents_csv(load_scenario(big).scenario, 1, 0, AgentWeeks::every);
  CHECK(size.people == 10101);
  CHECK(size.rows == 10101LL * 1041);
  CHECK(size.bytes > (std::int64_t{1} << 30));
  const Outcome o = box.run("run " + big.string() + " -q --out " + (box.dir / "big.h5").string() + " --agents-csv " + (box.dir / "big.csv").string());
  CHECK(o.code == 2);
  CHECK(o.err.find("above the limit of 1.0 GB") != std::string::npos);
  CHECK(o.err.find("--agents-force") != std::string::npos);
  CHECK_FALSE(fs::exists(box.dir / "big.h5"));
  CHECK_FALSE(fs::exists(box.dir / "big.csv"));
  // Reported weeks only: small enough.
  CHECK(estimate_agents_csv(load_scenario(big).scenario, 1, 0, AgentWeeks::reported).rows == 10101LL * 6);  // 0, 13, 26, 52 (the deadline), 104, 1040
}
