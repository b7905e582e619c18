// Issue 13, item 3: the memory a command needs is estimated before it starts and refused, with the
// estimate and the limit, when it does not fit; running out of memory anyway (also on a worker
// thread) is one clear error, exit 1, and no file half-written.
#include <doctest/doctest.h>

#include <H5Cpp.h>
#include <malloc.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "cli_sandbox.hpp"
#include "fixtures.hpp"
#include "memory_estimate.hpp"
#include "model.hpp"
#include "organisation.hpp"

using namespace adoptsim;
namespace fs = std::filesystem;

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Bytes the heap holds now (glibc: the arenas' allocated chunks and the mmapped ones).
std::int64_t heap_in_use() {
  const struct mallinfo2 m = ::mallinfo2();
  return static_cast<std::int64_t>(m.uordblks + m.hblkhd);
}

// A scenario of `teams` teams of `size` people.
std::string organisation_text(int teams, int size, const std::string& network = "") {
  return "[scenario]\nname = \"big\"\nweeks = 30\nreplicates = 8\n" + network + "[[organisation.team]]\nname = \"W\"\ncount = " + std::to_string(teams) +
         "\nmanagers = 1\nsupervisors = " + std::to_string(size - 3) + "\nforemen = 2\n" +
         "[[intervention]]\nname = \"T\"\ntype = \"basic_training\"\nweeks = [3]\ntarget = { roles = [\"supervisor\"] }\n";
}

}  // namespace

TEST_CASE("memory sizes read as the option and the variable give them") {
  CHECK(parse_memory_size("1000000") == 1000000);
  CHECK(parse_memory_size("512M") == 512LL << 20);
  CHECK(parse_memory_size("2G") == 2LL << 30);
  CHECK(parse_memory_size("1.5GB") == 3LL << 29);
  CHECK(parse_memory_size(" 64 MiB ") == 64LL << 20);
  CHECK(parse_memory_size("10k") == 10240);
  CHECK(parse_memory_size("none") == 0);
  CHECK(parse_memory_size("0") == 0);
  for (const char* bad : {"", "M", "12X", "-5M", "nan", "1e30T", "5 apples"})
    CHECK_THROWS_WITH_AS(parse_memory_size(bad), doctest::Contains("expected a size such as 512M"), std::invalid_argument);
  CHECK(memory_size(1536) == "1.5 kB");
  CHECK(memory_size(3LL << 30) == "3.0 GB");
  CHECK(memory_size(100LL << 20) == "100 MB");

  CHECK(memory_limit("300M").bytes == 300LL << 20);
  CHECK(memory_limit("300M").source == "--memory-limit");
  ::setenv("ADOPTSIM_MEMORY_LIMIT", "1G", 1);
  CHECK(memory_limit("").bytes == 1LL << 30);
  CHECK(memory_limit("").source == "ADOPTSIM_MEMORY_LIMIT");
  CHECK(memory_limit("2G").source == "--memory-limit");  // the option wins
  ::setenv("ADOPTSIM_MEMORY_LIMIT", "lots", 1);
  CHECK_THROWS_WITH_AS(memory_limit(""), doctest::Contains("ADOPTSIM_MEMORY_LIMIT: memory limit 'lots'"), std::invalid_argument);
  ::unsetenv("ADOPTSIM_MEMORY_LIMIT");
  // Without either: what the machine has, never more than its physical memory.
  const MemoryLimit machine = memory_limit("");
  CHECK(machine.bytes > 0);
  CHECK(machine.bytes <= static_cast<std::int64_t>(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGESIZE));
  CHECK((machine.source == "MemAvailable in /proc/meminfo" || machine.source.find("cgroup") == 0));
}

TEST_CASE("the estimate counts people, ties and weeks from the scenario as the engine allocates them") {
  const Scenario reference = test::shipped("reference.toml");
  const ReplicateFootprint f = replicate_footprint(reference);
  const Structure st = build_structure(reference);
  CHECK(f.people == st.people);
  CHECK(f.teams == st.teams());

  // Against the heap the engine really uses (glibc's accounting; the sanitizers replace malloc).
  if (kSanitized) return;
  for (const std::string& network : {std::string(""), std::string("[network]\nkind = \"small_world\"\ndegree = 12\n"),
                                     std::string("[network]\nkind = \"complete\"\n")}) {
    CAPTURE(network);
    const Scenario s = parse_scenario(organisation_text(300, 40, network), "big.toml");
    const ReplicateFootprint e = replicate_footprint(s);
    const std::int64_t before = heap_in_use();
    auto model = std::make_unique<Model>(s, 7, 0);
    const std::int64_t model_and_result = heap_in_use() - before;
    const auto ties = static_cast<std::int64_t>(model->network().ties());
    if (!model->network().complete) CHECK(std::abs(static_cast<double>(e.ties - ties)) < 0.02 * static_cast<double>(ties));
    model->run();
    RunResult r = model->take_result();
    model.reset();
    const std::int64_t result = heap_in_use() - before;
    MESSAGE("estimate ", e.model_bytes, " + ", e.result_bytes, "; measured model + result ", model_and_result, ", result ", result);
    // The model's estimate is its peak (the network's edge list while built): above what stays, within a factor 2.
    CHECK(e.model_bytes + e.result_bytes >= model_and_result);
    CHECK(e.model_bytes + e.result_bytes <= 2 * model_and_result);
    CHECK(e.result_bytes >= result * 9 / 10);
    CHECK(e.result_bytes <= result * 3 / 2);
    CHECK(r.people == e.people);
  }
}

TEST_CASE("a command whose estimate exceeds the limit is refused before it starts, with the estimate and the limit") {
  test::Sandbox box;
  // 200 teams of 240: 48,000 people, about 60 MB per replicate simulated; the limit is 20 MB.
  const fs::path big = box.write("big.toml", organisation_text(200, 240));
  const std::string out = (box.dir / "big.h5").string();
  const auto r = box.run("run -q -t 2 --memory-limit 20M " + big.string() + " --out " + out);
  CHECK(r.code == 2);
  CHECK(r.err.find("adoptsim: run needs about ") == 0);
  CHECK(r.err.find("48010 people x ") != std::string::npos);
  CHECK(r.err.find("x 2 replicates at once + 4 results of ") != std::string::npos);
  CHECK(r.err.find("the limit is 20 MB (--memory-limit). Nothing was run.") != std::string::npos);
  CHECK_FALSE(fs::exists(out));

  // The variable, for every command that simulates; the option wins over it.
  const std::string env = "ADOPTSIM_MEMORY_LIMIT=20M ";
  const std::string bin = std::string(ADOPTSIM_BINARY);
  for (const std::string& command : std::vector<std::string>{"run -q -t 1 -r 1", "optimise -q -t 1 --replicates 8", "groups -q -t 1 --activity T",
                                     "sensitivity -t 1 -r 2 --output applying@20", "compare -q -t 1 " + big.string()}) {
    CAPTURE(command);
    const int status = std::system((env + bin + " " + command + " " + big.string() + " > " + (box.dir / "o").string() + " 2> " + (box.dir / "e").string()).c_str());
    const std::string err = test::slurp(box.dir / "e");
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(err.find("the limit is 20 MB (ADOPTSIM_MEMORY_LIMIT)") != std::string::npos);
  }
  const int fits = std::system((env + bin + " run -q -t 1 -r 1 -w 2 --memory-limit none " + big.string() + " --out " + out + " > /dev/null 2>&1").c_str());
  CHECK(WEXITSTATUS(fits) == 0);
  CHECK(fs::exists(out));

  // validate prints the estimate and says that run would refuse it.
  const auto v = box.run("validate --memory-limit 20M " + big.string());
  CHECK(v.code == 0);
  CHECK(v.out.find("memory: run with 8 replicates on ") != std::string::npos);
  CHECK(v.out.find("limit 20 MB (--memory-limit)") != std::string::npos);
  CHECK(v.out.find("warning: memory: run would refuse this") != std::string::npos);
  const auto ok = box.run("validate --memory-limit 4G " + test::source_path("scenarios/reference.toml"));
  CHECK(ok.code == 0);
  CHECK(ok.out.find("memory: run with ") != std::string::npos);
  CHECK(ok.out.find("warning: memory") == std::string::npos);
  CHECK(box.run("run --memory-limit lots " + big.string()).code == 2);
}

TEST_CASE("out of memory on a worker thread: one clear error on the main thread, exit 1, nothing half-written") {
  if (kSanitized) {
    MESSAGE("the sanitizers reserve terabytes of address space: ulimit -v cannot be used; skipped");
    return;
  }
  test::Sandbox box;
  // 2,000 teams of 240 (480,000 people): one replicate's model alone does not fit a 600 MB
  // address-space limit, so whichever worker thread builds one fails, whatever the timing (with
  // 1,000 teams only two models at once did not fit, and a CI run once saw them not overlap);
  // the loader and the organisation still fit. The estimate is bypassed.
  const fs::path big = box.write("big.toml", organisation_text(2000, 240));
  const std::string out = (box.dir / "big.h5").string();
  const std::string cmd = "ulimit -v 600000; " + std::string(ADOPTSIM_BINARY) + " run -q -t 2 -r 4 --memory-limit none " + big.string() + " --out " + out +
                          " --csv " + (box.dir / "csv").string() + " > " + (box.dir / "o").string() + " 2> " + (box.dir / "e").string();
  const int status = std::system(("bash -c '" + cmd + "'").c_str());
  const std::string err = test::slurp(box.dir / "e");
  CAPTURE(err);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);  // not SIGABRT (134) from terminate
  CHECK(err.find("adoptsim: error: out of memory while running; no result file is left half-written") != std::string::npos);
  CHECK(err.find("terminate") == std::string::npos);
  CHECK_FALSE(fs::exists(out));
  if (fs::exists(box.dir / "csv")) CHECK(fs::is_empty(box.dir / "csv"));  // checked writable before simulating, nothing in it
  for (const auto& e : fs::recursive_directory_iterator(box.dir)) {
    const std::string name = e.path().filename().string();
    CHECK(name.find(".tmp-") == std::string::npos);
    // The run's checkpoint (what it streamed before failing) is a whole HDF5 file, for --resume.
    if (name.find(".checkpoint-") != std::string::npos) CHECK(H5Fis_hdf5(e.path().c_str()) > 0);
  }
}
