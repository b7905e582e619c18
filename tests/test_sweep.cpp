// adoptsim sweep (issue 14, item 4): designs, the tidy table, common random numbers, threads,
// checkpoints and --resume, bad input.
#include <doctest/doctest.h>

#include <H5Cpp.h>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_sandbox.hpp"
#include "fixtures.hpp"
#include "sweep.hpp"

namespace fs = std::filesystem;
using adoptsim::test::Outcome;
using adoptsim::test::Sandbox;
using adoptsim::test::slurp;
using namespace adoptsim;

namespace {

const std::string reference = adoptsim::test::source_path("scenarios/reference.toml");

std::vector<std::vector<std::string>> rows_of(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(csv);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::istringstream l(line);
    for (std::string cell; std::getline(l, cell, ',');) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(std::move(cells));
  }
  return rows;
}

int column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t k = 0; k < header.size(); ++k)
    if (header[k] == name) return static_cast<int>(k);
  return -1;
}

}  // namespace

TEST_CASE("sweep designs: the full factorial (first factor slowest) and a listed design from CSV") {
  const SweepDesign d = full_factorial({"stage.apply_rate=0.05,0.1", "goal.share=0.5,0.6,0.7"});
  REQUIRE(d.points() == 6);
  CHECK(d.names == std::vector<std::string>{"stage.apply_rate", "goal.share"});
  CHECK(d.values[0] == std::vector<std::string>{"0.05", "0.5"});
  CHECK(d.values[2] == std::vector<std::string>{"0.05", "0.7"});
  CHECK(d.values[3] == std::vector<std::string>{"0.1", "0.5"});
  CHECK(d.overrides(5) == std::vector<std::string>{"stage.apply_rate=0.1", "goal.share=0.7"});
  CHECK_THROWS_WITH_AS(full_factorial({"stage.apply_rate"}), doctest::Contains("--vary stage.apply_rate: expected NAME=V1,V2"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(full_factorial({"a=1,,2"}), doctest::Contains("an empty value"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(full_factorial({"a=1", "a=2"}), doctest::Contains("varied twice"), std::invalid_argument);

  Sandbox box;
  const fs::path csv = box.write("design.csv", "# two points\nstage.apply_rate,goal.share\n0.05,0.5\n0.2,0.6\n");
  const SweepDesign listed = read_design_csv(csv);
  REQUIRE(listed.points() == 2);
  CHECK(listed.values[1] == std::vector<std::string>{"0.2", "0.6"});
  CHECK(listed.origin[1] == csv.string() + ":4");
  box.write("bad.csv", "stage.apply_rate\n0.1\n\"\n");
  CHECK_THROWS_AS(read_design_csv(box.dir / "bad.csv"), ScenarioError);
}

TEST_CASE("adoptsim sweep: one tidy row per point x replicate x week, the factors as columns, common random numbers across points") {
  Sandbox box;
  const fs::path out = box.dir / "s.h5", csv = box.dir / "s.csv";
  const Outcome o = box.run("sweep " + reference + " --vary stage.apply_rate=0.05,0.2 --vary goal.share=0.5,0.7 -r 3 -t 2 --out " + out.string());
  REQUIRE(o.code == 0);
  CHECK(o.err.find("4 design points (stage.apply_rate, goal.share) x 3 replicates") != std::string::npos);
  CHECK(o.err.find("sweep: point 3 (stage.apply_rate=0.2, goal.share=0.7) done") != std::string::npos);  // progress also into a file
  REQUIRE(fs::exists(csv));
  for (const auto& e : fs::directory_iterator(box.dir)) CHECK(e.path().filename().string().find("checkpoint") == std::string::npos);  // gone once done
  const auto rows = rows_of(slurp(csv));
  REQUIRE(rows.size() == 1 + 4 * 3 * 105);
  const auto& h = rows[0];
  CHECK(h[0] == "point");
  CHECK(h[1] == "stage.apply_rate");
  CHECK(h[2] == "goal.share");
  CHECK(h[3] == "replicate");
  CHECK(h[4] == "week");
  const int applying = column(h, "applying"), goal = column(h, "goal_share"), need = column(h, "need_competence"), stage = column(h, "stage_change");
  REQUIRE(applying > 0);
  REQUIRE(goal > 0);
  REQUIRE(need > 0);
  REQUIRE(stage > 0);
  for (const auto& r : rows) CHECK(r.size() == h.size());
  auto row = [&](int point, int replicate, int week) { return rows[1 + (static_cast<std::size_t>(point) * 3 + replicate) * 105 + week]; };
  CHECK(row(2, 1, 52)[0] == "2");
  CHECK(row(2, 1, 52)[1] == "0.2");
  CHECK(row(2, 1, 52)[2] == "0.5");
  CHECK(row(2, 1, 52)[3] == "1");
  CHECK(row(2, 1, 52)[4] == "52");
  // goal.share changes how the goal is judged, not the dynamics: on common random numbers every
  // replicate's curve is identical at points that differ only in it...
  for (int r = 0; r < 3; ++r)
    for (int w : {13, 52, 104}) {
      CHECK(row(0, r, w)[static_cast<std::size_t>(applying)] == row(1, r, w)[static_cast<std::size_t>(applying)]);
      CHECK(row(2, r, w)[static_cast<std::size_t>(applying)] == row(3, r, w)[static_cast<std::size_t>(applying)]);
    }
  // ...week 0 (before any mechanism acts) is the same organisation at every point...
  CHECK(row(0, 1, 0)[static_cast<std::size_t>(need)] == row(3, 1, 0)[static_cast<std::size_t>(need)]);
  // ...and a four times higher apply rate gives more users applying at week 52 in each replicate.
  double low = 0, high = 0;
  for (int r = 0; r < 3; ++r) low += std::stod(row(0, r, 52)[static_cast<std::size_t>(applying)]), high += std::stod(row(2, r, 52)[static_cast<std::size_t>(applying)]);
  CHECK(high > low);

  // The HDF5 equivalent holds the same numbers, with the design.
  H5::H5File f(out.string(), H5F_ACC_RDONLY);
  H5::DataSet ds = f.openDataSet("applying");
  hsize_t dims[3];
  REQUIRE(ds.getSpace().getSimpleExtentNdims() == 3);
  ds.getSpace().getSimpleExtentDims(dims);
  CHECK(dims[0] == 4);
  CHECK(dims[1] == 3);
  CHECK(dims[2] == 105);
  std::vector<double> v(4 * 3 * 105);
  ds.read(v.data(), H5::PredType::NATIVE_DOUBLE);
  CHECK(static_cast<float>(v[(2 * 3 + 1) * 105 + 52]) == std::stof(row(2, 1, 52)[static_cast<std::size_t>(applying)]));
  std::vector<double> design(8);
  f.openDataSet("design").read(design.data(), H5::PredType::NATIVE_DOUBLE);
  CHECK(design == std::vector<double>{0.05, 0.5, 0.05, 0.7, 0.2, 0.5, 0.2, 0.7});
}

TEST_CASE("adoptsim sweep: bit-identical on 1 and 2 threads; a listed design gives the factorial's numbers at its points") {
  Sandbox box;
  const std::string vary = " --vary stage.apply_rate=0.05,0.1,0.2 --vary skill.decay=0.01,0.03 -r 3 -q ";
  REQUIRE(box.run("sweep " + reference + vary + "-t 1 --out " + (box.dir / "one.h5").string()).code == 0);
  REQUIRE(box.run("sweep " + reference + vary + "-t 2 --out " + (box.dir / "two.h5").string()).code == 0);
  const std::string one = slurp(box.dir / "one.csv");
  CHECK(one.size() > 10000);
  CHECK(one == slurp(box.dir / "two.csv"));

  box.write("design.csv", "stage.apply_rate,skill.decay\n0.2,0.03\n0.05,0.01\n");
  REQUIRE(box.run("sweep " + reference + " --design " + (box.dir / "design.csv").string() + " -r 3 -q -t 2 --out " + (box.dir / "listed.h5").string()).code == 0);
  const auto full = rows_of(one), listed = rows_of(slurp(box.dir / "listed.csv"));
  REQUIRE(listed.size() == 1 + 2 * 3 * 105);
  for (std::size_t k = 0; k < 3 * 105; ++k) {
    auto a = listed[1 + k], b = full[1 + 5 * 3 * 105 + k];  // listed point 0 = factorial point 5
    a[0] = b[0] = "";
    CHECK(a == b);
    auto c = listed[1 + 3 * 105 + k], d = full[1 + k];      // listed point 1 = factorial point 0
    c[0] = d[0] = "";
    CHECK(c == d);
  }
}

TEST_CASE("adoptsim sweep --resume: killed mid-way, it runs only the unfinished points and writes the same table") {
  Sandbox box;
  const std::string args = reference + " --vary stage.apply_rate=0.04,0.06,0.08,0.1,0.12,0.14,0.16,0.18,0.2,0.22 --vary skill.decay=0.01,0.02 -r 16 ";
  REQUIRE(box.run("sweep " + args + "-q -t 2 --out " + (box.dir / "whole.h5").string()).code == 0);

  const fs::path out = box.dir / "cut.h5";
  const std::string cmd = "sh -c '" + std::string(ADOPTSIM_BINARY) + " sweep " + args + "-q -t 1 --out " + out.string() + " >/dev/null 2>&1 & echo $! > " +
                          (box.dir / "pid").string() + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const pid_t pid = std::stoi(slurp(box.dir / "pid"));
  // The checkpoint (a unit journal beside the output) holds a design point once it is larger than
  // one point's outputs: 16 replicates x 105 weeks x 23 outputs, in doubles.
  const std::uintmax_t point_bytes = 16 * 105 * 23 * sizeof(double);
  auto checkpoint = [&]() -> fs::path {
    for (const auto& e : fs::directory_iterator(box.dir))
      if (e.path().filename().string().rfind("cut.h5.checkpoint-", 0) == 0) return e.path();
    return {};
  };
  bool some = false;
  for (int k = 0; k < 3000 && !some; ++k) {  // until the first point is in (30 s at most)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const fs::path c = checkpoint();
    std::error_code ec;
    some = !c.empty() && fs::file_size(c, ec) > point_bytes && !ec;
  }
  ::kill(pid, SIGKILL);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  REQUIRE(some);
  REQUIRE_FALSE(fs::exists(out));  // killed before the end: no results yet, only the checkpoint

  // Another sweep (here: another seed) does not continue this one's checkpoint.
  Outcome o = box.run("sweep " + args + "-q --seed 99 --resume --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("different") != std::string::npos);
  CHECK_FALSE(checkpoint().empty());

  o = box.run("sweep " + args + "-t 2 --resume --out " + out.string());
  REQUIRE(o.code == 0);
  const auto at = o.err.find("resume: ");
  REQUIRE(at != std::string::npos);
  const int saved = std::stoi(o.err.substr(at + 8));
  CHECK(saved >= 1);
  CHECK(saved < 20);
  CHECK(o.err.find("resume: " + std::to_string(saved) + " of 20 design points already finished") != std::string::npos);
  CHECK(o.out.find(std::to_string(20 - saved) + " points run now, " + std::to_string(saved) + " from the checkpoint") != std::string::npos);
  CHECK(slurp(box.dir / "cut.csv") == slurp(box.dir / "whole.csv"));
  CHECK(checkpoint().empty());  // removed once the results are in place
}

TEST_CASE("adoptsim sweep: bad values name the option or the design's line and key, exit 2, nothing written") {
  Sandbox box;
  const fs::path out = box.dir / "bad.h5";
  Outcome o = box.run("sweep " + reference + " --vary stage.apply_rate=0.1,9 -r 2 --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("--vary stage.apply_rate=9:1:") != std::string::npos);
  CHECK(o.err.find("parameters.stage.apply_rate") != std::string::npos);
  box.write("design.csv", "goal.share,stage.apply_rate\n0.5,0.1\n0.5,-2\n");
  o = box.run("sweep " + reference + " --design " + (box.dir / "design.csv").string() + " -r 2 --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("design.csv:3:2: parameters.stage.apply_rate") != std::string::npos);
  o = box.run("sweep " + reference + " --vary scenario.wekks=3 -r 2 --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("scenario.wekks") != std::string::npos);
  o = box.run("sweep " + reference + " -r 2 --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("--vary") != std::string::npos);
  o = box.run("sweep " + reference + " --vary goal.share=0.5 --set stage.apply_rate=3 -r 2 --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("--set stage.apply_rate=3:1:") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(box.dir / "bad.csv"));
  for (const auto& e : fs::directory_iterator(box.dir)) CHECK(e.path().filename().string().find("checkpoint") == std::string::npos);
}
