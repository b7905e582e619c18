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

void require_same(const fs::path& a, const fs::path& b) {
  int compared = 0;
  const auto diffs = dataset_differences(a.string(), b.string(), &compared);
  for (const auto& d : diffs) INFO(d);
  CHECK(diffs.empty());
  CHECK(compared > 0);
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

TEST_CASE("mpi: bad input is reported once, by rank 0, with exit code 2") {
  Sandbox box;
  const Outcome o = mpirun(box, 2, "run " + box.write("bad.toml", "name = 3\n").string() + " -q --out " + (box.dir / "x.h5").string());
  CHECK(o.code == 2);
  const auto first = o.err.find("nothing was run or written");
  REQUIRE(first != std::string::npos);
  CHECK(o.err.find("nothing was run or written", first + 1) == std::string::npos);
  CHECK_FALSE(fs::exists(box.dir / "x.h5"));
}

#endif
