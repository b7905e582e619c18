// The same command on 1, 2 and 3 MPI ranks (x 1 or 2 threads) writes identical datasets, and a job
// stopped on rank 0 continues with --resume on another number of ranks to the same datasets.
// Runs only when adoptsim was built with MPI support (ADOPTSIM_MPI).
#ifdef ADOPTSIM_MPIEXEC
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <filesystem>
#include <string>

#include "cli_sandbox.hpp"
#include "fixtures.hpp"
#include "h5_compare.hpp"

namespace fs = std::filesystem;
using adoptsim::test::dataset_differences;
using adoptsim::test::Outcome;
using adoptsim::test::Sandbox;

namespace {

const std::string reference = adoptsim::test::source_path("scenarios/reference.toml");
const std::string voluntary = adoptsim::test::source_path("scenarios/voluntary-training.toml");

// mpirun as root (CI), with more ranks than cores (this machine has two).
Outcome mpirun(const Sandbox& box, int ranks, const std::string& args, const std::string& env = "") {
  std::string cmd = "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ";
  cmd += env;
  cmd += " " ADOPTSIM_MPIEXEC " --oversubscribe -np ";
  cmd += std::to_string(ranks);
  cmd += " " ADOPTSIM_BINARY " ";
  cmd += args;
  cmd += " > ";
  cmd += (box.dir / "stdout").string();
  cmd += " 2> ";
  cmd += (box.dir / "stderr").string();
  const int status = std::system(cmd.c_str());
  return {WEXITSTATUS(status), adoptsim::test::slurp(box.dir / "stdout"), adoptsim::test::slurp(box.dir / "stderr")};
}

std::string fmt_name(int ranks, int threads) {
  std::string name = "r";
  name += std::to_string(ranks);
  name += "t";
  name += std::to_string(threads);
  name += ".h5";
  return name;
}

void require_same(const fs::path& a, const fs::path& b, const std::vector<std::string>& timings = {}) {
  int compared = 0;
  const auto diffs = dataset_differences(a.string(), b.string(), &compared, timings);
  for (const auto& d : diffs) MESSAGE(d);
  CHECK(diffs.empty());
  CHECK(compared > 0);
}

// A scenario file without its comment lines (the header says when and how it was written).
std::string without_comments(const std::string& text) {
  std::string out, line;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    line = text.substr(at, end - at);
    if (line.rfind('#', 0) != 0) out += line + "\n";
    at = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("mpi: adoptsim run writes identical datasets on 1, 2 and 3 ranks x 1 and 2 threads") {
  Sandbox box;
  const std::string args = "run " + reference + " --replicates 7 --weeks 40 --seed 9 -q";
  const fs::path plain = box.dir / "plain.h5";
  REQUIRE(box.run(args + " --threads 2 --out " + plain.string()).code == 0);
  for (int ranks : {1, 2, 3})
    for (int threads : {1, 2}) {
      CAPTURE(ranks);
      CAPTURE(threads);
      const fs::path out = box.dir / fmt_name(ranks, threads);
      const Outcome o = mpirun(box, ranks, args + " --threads " + std::to_string(threads) + " --out " + out.string());
      INFO(o.err);
      REQUIRE(o.code == 0);
      require_same(plain, out);
    }
}

TEST_CASE("mpi: adoptsim run stopped on 3 ranks continues on 2 to the same datasets") {
  Sandbox box;
  const std::string args = "run " + reference + " --replicates 12 --weeks 30 --seed 2 --threads 1 -q";
  const fs::path plain = box.dir / "plain.h5", out = box.dir / "stopped.h5";
  REQUIRE(box.run(args + " --out " + plain.string()).code == 0);
  const Outcome stopped = mpirun(box, 3, args + " --out " + out.string(), "ADOPTSIM_TEST_SIGINT_AFTER=4");
  INFO(stopped.err);
  CHECK(stopped.code == 130);
  CHECK(stopped.err.find("continue with: mpirun -np 3 adoptsim run") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  REQUIRE(fs::exists(adoptsim::test::checkpoint_beside(out, ".h5")));
  const Outcome resumed = mpirun(box, 2, args + " --out " + out.string() + " --resume");
  INFO(resumed.err);
  REQUIRE(resumed.code == 0);
  require_same(plain, out);
}

TEST_CASE("mpi: adoptsim compare writes identical datasets on 1, 2 and 3 ranks") {
  Sandbox box;
  const std::string args = "compare " + reference + " " + voluntary + " --replicates 5 --seed 6 --threads 1 -q";
  const fs::path plain = box.dir / "plain.h5";
  REQUIRE(box.run(args + " --out " + plain.string()).code == 0);
  for (int ranks : {1, 2, 3}) {
    CAPTURE(ranks);
    const fs::path out = box.dir / fmt_name(ranks, 0);
    const Outcome o = mpirun(box, ranks, args + " --out " + out.string());
    INFO(o.err);
    REQUIRE(o.code == 0);
    require_same(plain, out);
  }
  // Stopped on 2 ranks, continued on 3.
  const fs::path out = box.dir / "stopped.h5";
  CHECK(mpirun(box, 2, args + " --out " + out.string(), "ADOPTSIM_TEST_SIGINT_AFTER=3").code == 130);
  const Outcome resumed = mpirun(box, 3, args + " --out " + out.string() + " --resume");
  INFO(resumed.err);
  REQUIRE(resumed.code == 0);
  require_same(plain, out);
}

// A small ABC-SMC fit: its proposals are shared out over the ranks, batch by batch.
std::string small_calibration(const Sandbox& box, const fs::path& out) {
  const fs::path data = box.write("data.csv", "week,indicator,group,value,n\n26,applying,users,0.15,100\n52,applying,users,0.6,100\n");
  const std::string name = out.stem().string();
  return box.write(name + ".toml",
                   "[calibration]\nscenario = \"" + reference + "\"\nseed = 4\nalgorithm = \"abc_smc\"\npredictive_draws = 6\n"
                   "[data]\nfile = \"" + data.string() + "\"\n"
                   "[[parameter]]\nname = \"stage.apply_rate\"\nprior = \"uniform\"\nmin = 0.05\nmax = 0.3\n"
                   "[[parameter]]\nname = \"skill.decay\"\nprior = \"uniform\"\nmin = 0.005\nmax = 0.05\n"
                   "[abc_smc]\nparticles = 16\ngenerations = 2\n"
                   "[output]\nfile = \"" + out.string() + "\"\ncsv = \"" + (box.dir / (name + ".csv")).string() +
                   "\"\npicture = \"" + (box.dir / (name + ".png")).string() + "\"\n").string();
}

TEST_CASE("mpi: adoptsim calibrate (ABC-SMC) writes identical datasets on 1, 2 and 3 ranks") {
  Sandbox box;
  const fs::path plain = box.dir / "plain.h5";
  {
    const Outcome o = box.run("calibrate " + small_calibration(box, plain) + " --threads 2");
    INFO(o.err);
    REQUIRE(o.code == 0);
  }
  for (int ranks : {1, 2, 3}) {
    CAPTURE(ranks);
    const fs::path out = box.dir / fmt_name(ranks, 1);
    const Outcome o = mpirun(box, ranks, "calibrate " + small_calibration(box, out) + " --threads 1");
    INFO(o.err);
    REQUIRE(o.code == 0);
    CHECK(o.out.find("generation") != std::string::npos);  // rank 0's report
    require_same(plain, out, {"/generations/seconds"});  // wall-clock time per generation
  }
}

TEST_CASE("mpi: adoptsim calibrate stopped on 2 ranks continues on 3 to the same datasets") {
  Sandbox box;
  const fs::path plain = box.dir / "plain.h5", out = box.dir / "stopped.h5";
  REQUIRE(box.run("calibrate " + small_calibration(box, plain) + " --threads 1").code == 0);
  const std::string config = small_calibration(box, out);
  const Outcome stopped = mpirun(box, 2, "calibrate " + config + " --threads 1", "ADOPTSIM_TEST_SIGINT_AFTER=2");
  INFO(stopped.err);
  CHECK(stopped.code == 130);
  CHECK(stopped.err.find("continue with: mpirun -np 2 adoptsim calibrate") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  const Outcome resumed = mpirun(box, 3, "calibrate " + config + " --threads 1 --resume");
  INFO(resumed.err);
  REQUIRE(resumed.code == 0);
  require_same(plain, out, {"/generations/seconds"});
}

TEST_CASE("mpi: adoptsim sensitivity writes identical datasets on 1, 2 and 3 ranks") {
  Sandbox box;
  const std::string args = "sensitivity " + reference + " --param stage.apply_rate=0.05:0.2 --param skill.decay --samples 8 --trajectories 2 "
                           "--replicates 1 --bootstrap 10";
  const fs::path plain = box.dir / "plain.h5";
  {
    const Outcome o = box.run(args + " --threads 2 --out " + plain.string());
    INFO(o.err);
    REQUIRE(o.code == 0);
  }
  for (int ranks : {1, 2, 3}) {
    CAPTURE(ranks);
    const fs::path out = box.dir / fmt_name(ranks, 1);
    const Outcome o = mpirun(box, ranks, args + " --threads 1 --out " + out.string());
    INFO(o.err);
    REQUIRE(o.code == 0);
    require_same(plain, out);
  }
}

TEST_CASE("mpi: adoptsim optimise writes identical datasets and the same winner on 1, 2 and 3 ranks") {
  Sandbox box;
  const std::string space = " --knob training_sessions=6,8 --knob training_spacing=5 --knob intervision_every=8 --knob intervision_group_size=8"
                            " --knob actor_sessions=0 --knob coaching_capacity=0,4 --knob refresher_every=13 --knob masterclasses_first=1 --knob mandatory=1";
  const std::string args = "optimise " + reference + " --goal 50%@52 --confidence 0.6 --budget 900000 -r 8 --screen 4 -q" + space;
  const fs::path plain = box.dir / "plain.h5";
  REQUIRE(box.run(args + " -t 2 --out " + plain.string() + " --save " + (box.dir / "plain.toml").string()).code == 0);
  for (int ranks : {1, 2, 3}) {
    CAPTURE(ranks);
    const fs::path out = box.dir / fmt_name(ranks, 1), save = box.dir / (out.stem().string() + ".toml");
    const Outcome o = mpirun(box, ranks, args + " -t 1 --out " + out.string() + " --save " + save.string());
    INFO(o.err);
    REQUIRE(o.code == 0);
    require_same(plain, out);
    CHECK(without_comments(adoptsim::test::slurp(save)) == without_comments(adoptsim::test::slurp(box.dir / "plain.toml")));
  }
}

TEST_CASE("mpi: adoptsim groups proposes the same groups on 1, 2 and 3 ranks") {
  Sandbox box;
  const std::string args = "groups " + reference + " --activity intervision --size 8 --evaluations 6 --search-replicates 3 -r 4 -q";
  const fs::path plain = box.dir / "plain.toml";
  REQUIRE(box.run(args + " -t 2 --save " + plain.string()).code == 0);
  const std::string expected = without_comments(adoptsim::test::slurp(plain));
  REQUIRE(expected.find("groups = [") != std::string::npos);
  for (int ranks : {1, 2, 3}) {
    CAPTURE(ranks);
    const fs::path save = box.dir / ("r" + std::to_string(ranks) + ".toml");
    const Outcome o = mpirun(box, ranks, args + " -t 1 --save " + save.string());
    INFO(o.err);
    REQUIRE(o.code == 0);
    CHECK(without_comments(adoptsim::test::slurp(save)) == expected);  // the header says when it was written
  }
}

TEST_CASE("mpi: bad input is reported once, by rank 0, with exit code 2") {
  Sandbox box;
  const Outcome o = mpirun(box, 2, "run " + box.write("bad.toml", "name = 3\n").string() + " -q --out " + (box.dir / "x.h5").string());
  CHECK(o.code == 2);
  const auto first = o.err.find("nothing was run or written");
  REQUIRE(first != std::string::npos);
  CHECK(o.err.find("nothing was run or written", first + 1) == std::string::npos);
  CHECK_FALSE(fs::exists(box.dir / "x.h5"));
}

TEST_CASE("mpi: adoptsim sweep farms design points over 1, 2 and 3 ranks to the same table") {
  Sandbox box;
  const std::string args = "sweep " + reference + " --vary stage.apply_rate=0.05,0.1,0.2 --vary skill.decay=0.01,0.03 -r 3 -q -t 1 --out ";
  std::string first;
  for (int ranks : {1, 2, 3}) {
    const fs::path out = box.dir / ("s" + std::to_string(ranks) + ".h5");
    const Outcome o = mpirun(box, ranks, args + out.string());
    INFO(o.err);
    REQUIRE(o.code == 0);
    const std::string table = adoptsim::test::slurp(fs::path(out).replace_extension(".csv"));
    CHECK(table.size() > 10000);
    if (ranks == 1) first = table;
    else CHECK(table == first);
    if (ranks > 1) require_same(box.dir / "s1.h5", out);
  }
}

#endif
