// The decision commands as a user meets them: what they print and write, and bad input.
#include <doctest/doctest.h>

#include <H5Cpp.h>

#include <string>

#include "cli_sandbox.hpp"
#include "fixtures.hpp"

namespace fs = std::filesystem;
using adoptsim::test::Outcome;
using adoptsim::test::Sandbox;
using adoptsim::test::slurp;

namespace {

const std::string reference = adoptsim::test::source_path("scenarios/reference.toml");
const std::string managers_last = adoptsim::test::source_path("scenarios/managers-last.toml");

}  // namespace

TEST_CASE("adoptsim compare: tables per programme, HDF5 and CSV files, paired differences") {
  Sandbox box;
  const fs::path out = box.dir / "cmp.h5", csv = box.dir / "csv";
  const Outcome o = box.run("compare " + reference + " " + managers_last + " -r 6 -t 2 --out " + out.string() + " --csv " + csv.string());
  REQUIRE(o.code == 0);
  CHECK(o.out.find("compare 2 programmes") != std::string::npos);
  CHECK(o.out.find("managers-last (") != std::string::npos);
  CHECK(o.out.find("vs reference") != std::string::npos);
  CHECK(o.out.find("Costs by kind") != std::string::npos);
  CHECK(o.out.find("budget 850,000") != std::string::npos);
  const std::string compare_csv = slurp(csv / "compare.csv"), costs_csv = slurp(csv / "costs.csv");
  CHECK(compare_csv.find("managers-last,applying_week_52,") != std::string::npos);
  CHECK(costs_csv.find("managers-last,total,total,") != std::string::npos);
  H5::H5File f(out.string(), H5F_ACC_RDONLY);
  hsize_t dims[3];
  f.openDataSet("/metrics/values").getSpace().getSimpleExtentDims(dims);
  CHECK(dims[0] == 2);
  CHECK(dims[2] == 6);
  f.openDataSet("/timeseries/applying").getSpace().getSimpleExtentDims(dims);
  CHECK(dims[2] == 105);
  CHECK(box.files() == 6);  // stdout, stderr, cmp.h5, csv/ with two files: no temporaries left
}

TEST_CASE("adoptsim compare: a programme over its budget is warned about, in the table and on stderr") {
  Sandbox box;
  std::string text = slurp(reference);
  text.replace(text.find("amount = 850000"), 15, "amount = 500000");
  const fs::path poor = box.write("poor.toml", text);
  const Outcome o = box.run("compare " + poor.string() + " " + managers_last + " -r 3 --out " + (box.dir / "x.h5").string());
  REQUIRE(o.code == 0);
  CHECK(o.out.find("budget 500,000: EXCEEDED") != std::string::npos);
  CHECK(o.err.find("warning: programme 'reference' costs") != std::string::npos);
  CHECK(o.err.find("warning: programme 'managers-last' costs") != std::string::npos);  // the first's budget applies to all
  CHECK(o.out.find("note: " + managers_last + ": its budget is replaced") != std::string::npos);
}

TEST_CASE("adoptsim compare: bad input gives exit code 2 and writes nothing") {
  Sandbox box;
  const fs::path out = box.dir / "cmp.h5";
  CHECK(box.run("compare " + reference + " --out " + out.string()).code == 2);  // one programme
  std::string text = slurp(reference);
  text.replace(text.find("weeks = 104"), 11, "weeks = 90");
  text.replace(text.find("until = 104\ntarget = { status = \"all\" }"), 11, "until = 90");
  text.replace(text.find("until = 104\ntarget = { roles = [\"supervisor\", \"foreman\"], status = \"trained\" }"), 11, "until = 90");
  text.replace(text.find("until = 104\ntarget = { roles = [\"supervisor\", \"foreman\", \"manager\"]"), 11, "until = 90");
  text.replace(text.find("until = 100"), 11, "until = 88");
  const fs::path shorter = box.write("shorter.toml", text);
  REQUIRE(box.run("validate " + shorter.string()).code == 0);
  Outcome o = box.run("compare " + reference + " " + shorter.string() + " --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("one horizon") != std::string::npos);
  const fs::path bad = box.write("bad.toml", "[scenario]\nname = 3\n");
  o = box.run("compare " + reference + " " + bad.string() + " --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("bad.toml:") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}
