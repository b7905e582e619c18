// The command line as a user meets it: exit codes, what is (not) written, the benchmark's JSON.
#include <doctest/doctest.h>

#include <H5Cpp.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_sandbox.hpp"
#include "fixtures.hpp"

namespace fs = std::filesystem;
using adoptsim::test::Outcome;
using adoptsim::test::Sandbox;
using adoptsim::test::slurp;

namespace {

const std::string reference = adoptsim::test::source_path("scenarios/reference.toml");

}  // namespace

TEST_CASE("adoptsim validate accepts the shipped scenarios") {
  Sandbox box;
  const Outcome o = box.run("validate " + reference + " " + adoptsim::test::source_path("scenarios/bass.toml"));
  CHECK(o.code == 0);
  CHECK(o.out.find("reference.toml: ok") != std::string::npos);
  CHECK(o.out.find("200 people in 13 teams") != std::string::npos);
}

TEST_CASE("a bad scenario: exit code 2, file:line:column: key, and no output file created or touched") {
  Sandbox box;
  std::string text = slurp(reference);
  text.replace(text.find("group_size = 8\ngrouping = \"mixed_roles\""), 14, "group_size = 0");
  const fs::path bad = box.write("bad.toml", text);
  const fs::path out = box.dir / "result.h5";

  Outcome o = box.run("run " + bad.string() + " --out " + out.string() + " -q");
  CHECK(o.code == 2);
  CHECK(o.err.find("bad.toml:") != std::string::npos);
  CHECK(o.err.find("intervention[7].group_size: must be at least 1 (got 0)") != std::string::npos);
  CHECK_FALSE(fs::exists(out));

  // An earlier good result survives a failed run that names it.
  std::ofstream(out) << "earlier results";
  o = box.run("run " + bad.string() + " --out " + out.string() + " -q");
  CHECK(o.code == 2);
  CHECK(slurp(out) == "earlier results");
  CHECK(box.run("validate " + bad.string()).code == 2);
}

TEST_CASE("adoptsim run: the table shows the goal group's share at the deadline, and in how many replicates the goal was reached (issue 11, 1 and 4)") {
  Sandbox box;
  std::string text = slurp(reference);
  text.replace(text.find("week = 52\n\n[budget]"), 9, "week = 40");  // a deadline that is no milestone
  const fs::path file = box.write("week40.toml", text);
  const Outcome o = box.run("run " + file.string() + " -r 6 --out " + (box.dir / "r.h5").string());
  REQUIRE(o.code == 0);
  CHECK(o.out.find("  40 (deadline)") != std::string::npos);
  CHECK(o.out.find("goal group applying at the deadline (week 40): mean") != std::string::npos);
  CHECK(o.out.find("of 6 replicates") != std::string::npos);
}

TEST_CASE("bad arguments: exit code 2") {
  Sandbox box;
  CHECK(box.run("run " + reference + " --replicates 0").code == 2);
  CHECK(box.run("run " + reference + " --colour red").code == 2);
  CHECK(box.run("run " + (box.dir / "missing.toml").string()).code == 2);
  CHECK(box.run("frobnicate").code == 2);
}

TEST_CASE("adoptsim run writes the HDF5 file and the CSV files, and nothing half-written") {
  Sandbox box;
  const fs::path out = box.dir / "ref.h5", csv = box.dir / "csv";
  const Outcome o = box.run("run " + reference + " --replicates 4 --weeks 30 --seed 5 --threads 2 --out " + out.string() + " --csv " + csv.string());
  REQUIRE(o.code == 0);
  CHECK(o.out.find("the goal group (supervisors, n = 131) and all the method's users") != std::string::npos);
  // The goal's deadline (week 52) lies beyond the 30 weeks asked for: "not simulated", not probability 0.
  CHECK(o.out.find("not simulated: the deadline, week 52, lies beyond the 30 weeks run") != std::string::npos);
  CHECK(o.out.find("probability of reaching it") == std::string::npos);
  CHECK(o.out.find("Kirkpatrick") != std::string::npos);
  CHECK(fs::exists(csv / "applying.csv"));
  CHECK(fs::exists(csv / "summary.csv"));
  // Only the results: no temporary files left beside them (stdout, stderr, ref.h5, csv/ and its two files).
  CHECK(box.files() == 6);
  H5::H5File file(out.string(), H5F_ACC_RDONLY);
  hsize_t dims[2];
  file.openDataSet("/timeseries/applying").getSpace().getSimpleExtentDims(dims);
  CHECK(dims[0] == 4);
  CHECK(dims[1] == 31);
}

// Issue 13, item 1: a finished simulation is never thrown away when its HDF5 file cannot be written.
TEST_CASE("adoptsim run whose HDF5 write fails still saves the CSV tables and the report, then exits 1") {
  Sandbox box;
  const fs::path out = box.dir / "ref.h5";
  ::setenv("ADOPTSIM_TEST_FAIL_HDF5", "1", 1);
  const Outcome o = box.run("run " + reference + " --replicates 2 --weeks 20 --seed 5 --out " + out.string());
  ::unsetenv("ADOPTSIM_TEST_FAIL_HDF5");
  CHECK(o.code == 1);
  CHECK(!fs::exists(out));
  const fs::path rescued = box.dir / "ref-rescued-csv";
  CHECK(fs::exists(rescued / "applying.csv"));
  CHECK(fs::exists(rescued / "summary.csv"));
  CHECK(o.out.find("Kirkpatrick") != std::string::npos);  // the report was printed
  CHECK(o.err.find("ref.h5 was not written") != std::string::npos);
  CHECK(o.err.find("ref-rescued-csv") != std::string::npos);
}

namespace {
std::vector<float> applying_of(const fs::path& file) {
  H5::H5File f(file.string(), H5F_ACC_RDONLY);
  const H5::DataSet ds = f.openDataSet("/timeseries/applying");
  std::vector<float> v(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()));
  ds.read(v.data(), H5::PredType::NATIVE_FLOAT);
  return v;
}
std::string scenario_text_of(const fs::path& file) {
  H5::H5File f(file.string(), H5F_ACC_RDONLY);
  const H5::Attribute a = f.openAttribute("scenario");
  std::string s;
  a.read(a.getStrType(), s);
  return s;
}
}  // namespace

TEST_CASE("adoptsim run --set overrides parameters and scenario keys; the file records the effective scenario") {
  Sandbox box;
  const fs::path out = box.dir / "set.h5", again = box.dir / "again.h5";
  const Outcome o = box.run("run " + reference + " --set stage.apply_rate=0.3 --set goal.share=0.5 -w 20 -r 2 --seed 3 -q --out " + out.string());
  REQUIRE(o.code == 0);
  CHECK(applying_of(out).size() == 2 * 21);
  const std::string text = scenario_text_of(out);
  CHECK(text.find("--set stage.apply_rate=0.3 --set goal.share=0.5") != std::string::npos);
  // The stored text is the effective scenario: run as a file, it gives the same results, bit for bit.
  const fs::path effective = box.write("effective.toml", text);
  REQUIRE(box.run("run " + effective.string() + " -w 20 -r 2 --seed 3 -q --out " + again.string()).code == 0);
  CHECK(applying_of(again) == applying_of(out));
  // And the override changed the run: the default apply rate gives another curve.
  REQUIRE(box.run("run " + reference + " --set goal.share=0.5 -w 20 -r 2 --seed 3 -q --out " + again.string()).code == 0);
  CHECK(applying_of(again) != applying_of(out));
}

TEST_CASE("adoptsim run --set: a bad override is an error naming it and its key, exit 2, no file") {
  Sandbox box;
  const fs::path out = box.dir / "bad.h5";
  Outcome o = box.run("run " + reference + " --set stage.apply_rate=5 -q --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("--set stage.apply_rate=5:1:") != std::string::npos);
  CHECK(o.err.find("parameters.stage.apply_rate") != std::string::npos);
  o = box.run("run " + reference + " --set scenario.wekks=3 -q --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("--set scenario.wekks=3:1:") != std::string::npos);
  CHECK(o.err.find("scenario.wekks") != std::string::npos);
  o = box.run("run " + reference + " --set weeks -q --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("NAME=VALUE") != std::string::npos);
  CHECK(!fs::exists(out));
}

TEST_CASE("adoptsim bench --json prints one record per model, size and thread count") {
  Sandbox box;
  const Outcome o = box.run("bench --json --sizes 200 --threads 2 --steps 100000 --scenario " + reference);
  REQUIRE(o.code == 0);
  const auto records = nlohmann::json::parse(o.out);
  REQUIRE(records.size() == 4);  // full and bass, 1 and 2 threads
  for (const auto& r : records) {
    CHECK(r.at("agent_steps_per_s").get<double>() > 0);
    CHECK(r.at("agents").get<int>() == 200);
    CHECK(r.at("peak_rss_mib").get<double>() > 0);
  }
  CHECK(records[0].at("model") == "full");
  CHECK(records[3].at("model") == "bass");
  CHECK(records[1].at("threads") == 2);
}

TEST_CASE("a repeatable option before the scenario takes one value and leaves the scenario (issue 11, 5a)") {
  Sandbox box;
  // Each command is given a value it refuses, so that nothing runs: the message shows that the
  // scenario was found (the option's own complaint, not "scenario is required").
  Outcome o = box.run("optimise --knob colour=1 " + reference + " --goal 0.5@52");
  CHECK(o.code == 2);
  CHECK(o.err.find("scenario is required") == std::string::npos);
  CHECK(o.err.find("unknown programme knob 'colour'") != std::string::npos);
  o = box.run("sensitivity --param nope=1:2 --param nope2=1:2 " + reference + " -r 2");
  CHECK(o.code == 2);
  CHECK(o.err.find("'nope' is not a parameter") != std::string::npos);
  o = box.run("observe --set nope=1 " + reference + " design.csv -s 1");
  CHECK(o.code == 2);
  CHECK(o.err.find("--set nope=1") != std::string::npos);
}

TEST_CASE("adoptsim validate: warnings for implausible set-ups, distinct from errors, exit 0 (issue 11, 3)") {
  Sandbox box;
  Outcome o = box.run("validate " + reference);
  CHECK(o.code == 0);
  CHECK(o.out.find("warning") == std::string::npos);  // the reference is plausible
  std::string text = slurp(reference);
  text.replace(text.find("group_size = 250\nhours = 2\n"), 16, "group_size = 12");            // kick-off cut into groups
  text.replace(text.find("amount = 850000"), 15, "amount = 85000");                         // a budget exceeded ~10 times
  text.replace(text.find("trainer_fee = 120"), 17, "trainer_fee = 12000");                  // coaching at 100 x its fee
  text.replace(text.find("weeks = [30, 44]"), 16, "weeks = [5, 44]");                       // theme meeting for the trained before any training
  const fs::path odd = box.write("odd.toml", text);
  o = box.run("validate " + odd.string());
  CHECK(o.code == 0);
  CHECK(o.out.find("odd.toml: ok") != std::string::npos);
  CHECK(o.out.find("warning: intervention[3].group_size: 'Kick-off' is a plenary type (kick_off)") != std::string::npos);
  CHECK(o.out.find("warning: budget.amount:") != std::string::npos);
  CHECK(o.out.find("warning: intervention[9]: 'Coaching on the job' costs") != std::string::npos);
  CHECK(o.out.find("reaches nobody in") != std::string::npos);
  CHECK(o.err.empty());
}

TEST_CASE("[budget] covers: the budget checked against the out-of-pocket costs, both totals in the run table (issue 11, 3)") {
  Sandbox box;
  std::string text = slurp(reference);
  text.replace(text.find("amount = 850000"), 15, "amount = 500000\ncovers = \"out_of_pocket\"");
  const fs::path cash = box.write("cash.toml", text);
  const Outcome o = box.run("run " + cash.string() + " -r 4 --out " + (box.dir / "r.h5").string());
  REQUIRE(o.code == 0);
  CHECK(o.out.find("total, staff time included") != std::string::npos);
  CHECK(o.out.find("out of pocket (no staff time)") != std::string::npos);
  CHECK(o.out.find("budget 500,000 (covers out-of-pocket costs only): within") != std::string::npos);
  CHECK(o.err.find("warning") == std::string::npos);  // ~830,000 in all, but ~460,000 out of pocket
  text.replace(text.find("covers = \"out_of_pocket\""), 24, "covers = \"cash\"");
  const Outcome bad = box.run("validate " + box.write("bad.toml", text).string());
  CHECK(bad.code == 2);
  CHECK(bad.err.find("budget.covers") != std::string::npos);
}
