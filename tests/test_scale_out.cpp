// Scale-out: results streamed into a file one replicate at a time (and continued after a stop)
// equal the ones written from memory; summaries read back from the file equal those computed in
// memory; results survive the trip through bytes (what ranks send); and the command line stops on
// a signal, keeps its checkpoint and continues to the same datasets as an uninterrupted run.
#include <H5Cpp.h>
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <fstream>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "cli_sandbox.hpp"
#include "costs.hpp"
#include "ensemble.hpp"
#include "fixtures.hpp"
#include "h5_compare.hpp"
#include "organisation.hpp"
#include "result_bytes.hpp"
#include "results_h5.hpp"
#include "results_summary.hpp"
#include "temporaries.hpp"
#include "summary.hpp"

namespace fs = std::filesystem;
using namespace adoptsim;
using adoptsim::test::dataset_differences;
using adoptsim::test::Outcome;
using adoptsim::test::Sandbox;

namespace {

Scenario short_reference(int weeks = 30) {
  Scenario s = adoptsim::test::shipped("reference.toml");
  s.weeks = weeks;
  return s;
}

RunMetadata metadata_of(const Scenario& s, int replicates) {
  RunMetadata m;
  m.program_version = "test";
  m.scenario_name = s.name;
  m.seed = 11;
  m.replicates = replicates;
  m.weeks = s.weeks;
  m.created = "2026-12-01T00:00:00Z";
  m.threads = 1;
  m.team_names = build_structure(s).team_names;
  for (const auto& iv : s.programme) m.intervention_names.push_back(iv.name);
  return m;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }  // NaN included
bool same(const Interval& a, const Interval& b) {
  return same_bits(a.mean, b.mean) && same_bits(a.p05, b.p05) && same_bits(a.p50, b.p50) && same_bits(a.p95, b.p95) && a.n == b.n;
}

}  // namespace

TEST_CASE("a streamed results file equals the one written from memory, also when stopped and continued") {
  const Scenario s = short_reference(60);  // the goal's deadline (week 52) is simulated
  const int R = 6;
  const auto runs = run_ensemble(s, 11, R, 2);
  Sandbox box;
  const RunMetadata meta = metadata_of(s, R);
  const fs::path whole = box.dir / "whole.h5", streamed = box.dir / "streamed.h5", resumed = box.dir / "resumed.h5";
  write_results_h5(whole, meta, runs);
  {
    ResultsStream out(streamed, meta);
    for (const auto& r : runs) out.append(r);
    out.finish();
  }
  int compared = 0;
  CHECK(dataset_differences(whole.string(), streamed.string(), &compared).empty());
  CHECK(compared > 40);

  {
    ResultsStream out(resumed, meta);
    for (int r = 0; r < 3; ++r) out.append(runs[static_cast<std::size_t>(r)]);
    out.checkpoint("key");
    out.append(runs[3]);  // written after the checkpoint: dropped when continuing
    out.append(runs[4]);
  }  // as if stopped here
  const auto c = read_stream_checkpoint(resumed);
  REQUIRE(c.has_value());
  CHECK(c->replicates == 3);
  CHECK(c->key == "key");
  CHECK_THROWS_AS(ResultsStream::resume(resumed, meta, "another key"), std::runtime_error);
  {
    ResultsStream out = ResultsStream::resume(resumed, meta, "key");
    CHECK(out.replicates() == 3);
    for (int r = 3; r < R; ++r) out.append(runs[static_cast<std::size_t>(r)]);
    out.finish();
  }
  CHECK(dataset_differences(whole.string(), resumed.string()).empty());
  CHECK_FALSE(read_stream_checkpoint(resumed).has_value());  // a finished file is no checkpoint

  SUBCASE("the summaries read back from the file are the ones computed in memory") {
    const ResultsFileSummary f = summarise_results_file(streamed, s);
    const EnsembleSummary m = summarise(s, runs);
    REQUIRE(f.summary.applying_at.size() == m.applying_at.size());
    for (std::size_t k = 0; k < m.applying_at.size(); ++k) CHECK(same(f.summary.applying_at[k], m.applying_at[k]));
    CHECK(f.summary.milestone_weeks == m.milestone_weeks);
    CHECK(f.summary.table_weeks == m.table_weeks);
    REQUIRE(f.summary.goal_group_at.size() == m.goal_group_at.size());
    for (std::size_t k = 0; k < m.goal_group_at.size(); ++k) {
      CHECK(same(f.summary.goal_group_at[k], m.goal_group_at[k]));
      CHECK(same(f.summary.users_at[k], m.users_at[k]));
    }
    CHECK(f.summary.deadline_simulated == m.deadline_simulated);
    CHECK(same(f.summary.goal_group_deadline, m.goal_group_deadline));
    CHECK(same(f.summary.goal_week, m.goal_week));
    CHECK(f.summary.goal_reached == m.goal_reached);
    CHECK(same_bits(f.summary.goal_probability, m.goal_probability));
    CHECK(same(f.summary.total_cost, m.total_cost));
    CHECK(same(f.summary.cost_per_adopter, m.cost_per_adopter));
    CHECK(same(f.summary.peak_resistance, m.peak_resistance));
    for (std::size_t l = 0; l < 4; ++l) CHECK(same(f.summary.kirkpatrick_final[l], m.kirkpatrick_final[l]));
    const CostBreakdown cb = cost_breakdown(runs);
    for (std::size_t k = 0; k < cb.cell.size(); ++k) CHECK(same(f.costs.cell[k], cb.cell[k]));
    for (std::size_t k = 0; k < cb.by_row.size(); ++k) CHECK(same(f.costs.by_row[k], cb.by_row[k]));
    for (std::size_t k = 0; k < cb.by_kind.size(); ++k) CHECK(same(f.costs.by_kind[k], cb.by_kind[k]));
    CHECK(same(f.costs.total, cb.total));
    CHECK(same(f.costs.out_of_pocket, cb.out_of_pocket));
    for (const BudgetCovers covers : {BudgetCovers::all, BudgetCovers::out_of_pocket}) {
      const BudgetCheck bm = check_budget(12345.0, covers, runs);
      Scenario with_budget = s;
      with_budget.budget = 12345.0;
      with_budget.budget_covers = covers;
      const BudgetCheck bf = summarise_results_file(streamed, with_budget).budget;
      CHECK(bf.covers == covers);
      CHECK(bf.mean_cost == bm.mean_cost);
      CHECK(bf.over == bm.over);
    }
    const Band band = band_of(runs, &RunResult::applying), fb = band_of_file(streamed, "/timeseries/applying");
    CHECK(band.mean == fb.mean);
    CHECK(band.p05 == fb.p05);
    CHECK(band.p95 == fb.p95);
  }
}

TEST_CASE("summaries read back from a file of runs that stop before the goal's deadline equal those in memory") {
  const Scenario s = short_reference(30);
  const auto runs = run_ensemble(s, 5, 4, 1);
  Sandbox box;
  const fs::path path = box.dir / "short.h5";
  write_results_h5(path, metadata_of(s, 4), runs);
  const ResultsFileSummary f = summarise_results_file(path, s);
  const EnsembleSummary m = summarise(s, runs);
  CHECK_FALSE(f.summary.deadline_simulated);
  CHECK(same_bits(f.summary.goal_probability, m.goal_probability));
  CHECK(f.summary.table_weeks == m.table_weeks);
  CHECK(same(f.summary.goal_group_deadline, m.goal_group_deadline));
  for (std::size_t k = 0; k < m.users_at.size(); ++k) CHECK(same(f.summary.users_at[k], m.users_at[k]));
}

TEST_CASE("results survive the trip through bytes bit for bit, and cut bytes are refused") {
  Scenario s = short_reference(20);
  auto runs = run_ensemble(s, 3, 2, 1);
  runs[0].occurrences.front().attendee_ids = {4, 8, 15};
  runs[1].firings = {RuleFiring{3, 1, {0, 2}, 0.5}, RuleFiring{7, 0, {}, 0.25}};
  runs[1].phase_start = {0, 26, -1};
  const Bytes b = results_to_bytes(runs);
  const auto back = results_from_bytes(b);
  REQUIRE(back.size() == 2);
  CHECK(results_to_bytes(back) == b);
  CHECK(back[1].applying == runs[1].applying);
  CHECK(back[0].occurrences.front().attendee_ids == runs[0].occurrences.front().attendee_ids);
  CHECK(back[1].stage_by_team == runs[1].stage_by_team);
  CHECK(back[1].firings == runs[1].firings);
  CHECK(back[1].phase_start == runs[1].phase_start);
  CHECK_THROWS_AS(results_from_bytes(b.substr(0, b.size() / 2)), std::runtime_error);
}

namespace {

const std::string reference = adoptsim::test::source_path("scenarios/reference.toml");

Outcome run_with_env(const Sandbox& box, const std::string& env, const std::string& args) {
  const std::string cmd = env + " " + std::string(ADOPTSIM_BINARY) + " " + args + " > " + (box.dir / "stdout").string() + " 2> " +
                          (box.dir / "stderr").string();
  const int status = std::system(cmd.c_str());
  return {WEXITSTATUS(status), adoptsim::test::slurp(box.dir / "stdout"), adoptsim::test::slurp(box.dir / "stderr")};
}

}  // namespace

TEST_CASE("adoptsim run stopped by SIGINT keeps its checkpoint, says how to continue, and --resume gives the same datasets") {
  Sandbox box;
  const std::string args = "run " + reference + " --replicates 9 --weeks 40 --seed 4 -q";
  const fs::path whole = box.dir / "whole.h5", out = box.dir / "stopped.h5";
  REQUIRE(box.run(args + " --threads 2 --out " + whole.string()).code == 0);

  std::ofstream(out) << "previous results";
  const Outcome stopped = run_with_env(box, "ADOPTSIM_TEST_SIGINT_AFTER=2", args + " --threads 2 --out " + out.string());
  CHECK(stopped.code == 130);
  CHECK(stopped.err.find("stopped by SIGINT after 4 of 9 replicates") != std::string::npos);  // 2 units of 2 replicates
  CHECK(stopped.err.find("continue with: adoptsim run") != std::string::npos);
  CHECK(stopped.err.find("--resume") != std::string::npos);
  CHECK(adoptsim::test::slurp(out) == "previous results");  // the old output is untouched until the new one is complete
  const fs::path checkpoint = adoptsim::test::checkpoint_beside(out, ".h5");
  REQUIRE(fs::exists(checkpoint));
  CHECK(read_stream_checkpoint(checkpoint)->replicates == 4);

  // Continued with other threads: units are computed anew, the results are the same.
  const Outcome resumed = box.run(args + " --threads 1 --out " + out.string() + " --resume");
  INFO(resumed.err);
  REQUIRE(resumed.code == 0);
  CHECK_FALSE(fs::exists(checkpoint));
  int compared = 0;
  CHECK(dataset_differences(whole.string(), out.string(), &compared).empty());
  CHECK(compared > 40);

  SUBCASE("--resume without a checkpoint, or with one of another command, is bad input") {
    CHECK(box.run(args + " --out " + out.string() + " --resume").code == 2);
    REQUIRE(run_with_env(box, "ADOPTSIM_TEST_SIGINT_AFTER=1", args + " --out " + out.string()).code == 130);
    const Outcome other = box.run("run " + reference + " --replicates 9 --weeks 40 --seed 5 -q --out " + out.string() + " --resume");
    CHECK(other.code == 2);
    CHECK(other.err.find("different scenario, seed") != std::string::npos);
  }
}

TEST_CASE("adoptsim run stops cleanly on SIGTERM from outside, mid-replicate, with a usable checkpoint") {
  Sandbox box;
  const fs::path out = box.dir / "long.h5";
  const std::string cmd = std::string(ADOPTSIM_BINARY) + " run " + reference + " --replicates 100000 --threads 1 --out " + out.string();
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int err = ::open((box.dir / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(err, 2);
    ::execl("/bin/sh", "sh", "-c", ("exec " + cmd + " > /dev/null").c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  fs::path checkpoint;
  for (int i = 0; i < 300 && (checkpoint = adoptsim::test::checkpoint_beside(out, ".h5")).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::string err = adoptsim::test::slurp(box.dir / "stderr");
  INFO(err);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 128 + SIGTERM);
  CHECK(err.find("stopped by SIGTERM after ") != std::string::npos);
  CHECK(err.find(" of 100000 replicates") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  const auto c = read_stream_checkpoint(checkpoint);
  REQUIRE(c.has_value());
  CHECK(c->replicates < 100000);
  // Only the checkpoint and the captured stderr: no temporary files left behind.
  CHECK(box.files() == 2);
}

TEST_CASE("adoptsim compare stopped by SIGINT continues with --resume to the same datasets") {
  Sandbox box;
  const std::string voluntary = adoptsim::test::source_path("scenarios/voluntary-training.toml");
  const std::string args = "compare " + reference + " " + voluntary + " --replicates 5 --seed 3 --threads 2 -q";
  const fs::path whole = box.dir / "whole.h5", out = box.dir / "stopped.h5";
  REQUIRE(box.run(args + " --out " + whole.string()).code == 0);
  const Outcome stopped = run_with_env(box, "ADOPTSIM_TEST_SIGINT_AFTER=2", args + " --out " + out.string());
  INFO(stopped.err);
  CHECK(stopped.code == 130);
  CHECK(stopped.err.find("stopped by SIGINT after 4 of 10 simulations") != std::string::npos);
  CHECK(stopped.err.find("continue with: adoptsim compare") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(box.dir / "stopped.png"));
  REQUIRE(fs::exists(adoptsim::test::checkpoint_beside(out, "")));
  const Outcome resumed = box.run(args + " --out " + out.string() + " --resume");
  INFO(resumed.err);
  REQUIRE(resumed.code == 0);
  CHECK(adoptsim::test::checkpoint_beside(out, "").empty());
  CHECK(fs::exists(box.dir / "stopped.png"));
  int compared = 0;
  CHECK(dataset_differences(whole.string(), out.string(), &compared).empty());
  CHECK(compared > 5);
  // A checkpoint of other inputs is not continued.
  REQUIRE(run_with_env(box, "ADOPTSIM_TEST_SIGINT_AFTER=1", args + " --out " + out.string()).code == 130);
  CHECK(box.run("compare " + reference + " " + voluntary + " --replicates 5 --seed 4 --threads 2 -q --out " + out.string() + " --resume").code == 2);
}

TEST_CASE("a command without a checkpoint stops at once on SIGTERM, with one line and exit code 143") {
  Sandbox box;
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int err = ::open((box.dir / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(err, 2);
    const int out = ::open("/dev/null", O_WRONLY);
    ::dup2(out, 1);
    if (::chdir(ADOPTSIM_SOURCE_DIR) != 0) ::_exit(126);  // bench reads scenarios/ from the source tree
    ::execl(ADOPTSIM_BINARY, ADOPTSIM_BINARY, "bench", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::string err = adoptsim::test::slurp(box.dir / "stderr");
  INFO(err);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 128 + SIGTERM);
  CHECK(err.find("adoptsim: stopped by SIGTERM; this command keeps no checkpoint") != std::string::npos);
}

TEST_CASE("the temporaries being written are what a signal removes, and only while they are being written") {
  Sandbox box;
  const fs::path a = box.write("a.tmp-1-0", "x"), b = box.write("b.tmp-1-1", "y");
  const int sa = register_temporary(a), sb = register_temporary(b);
  REQUIRE(sa >= 0);
  REQUIRE(sb >= 0);
  unregister_temporary(sb);  // finished and renamed: no longer ours to remove
  remove_temporaries_now();
  CHECK_FALSE(fs::exists(a));
  CHECK(fs::exists(b));
  unregister_temporary(sa);
}

TEST_CASE("without a terminal, progress is a plain line with done/total and rate, and --quiet silences it") {
  Sandbox box;
  const std::string args = "run " + reference + " --replicates 3 --weeks 20 --threads 1 --out " + (box.dir / "p.h5").string();
  const Outcome shown = box.run(args);
  REQUIRE(shown.code == 0);
  CHECK(shown.err.find("3/3 (100%)") != std::string::npos);
  CHECK(shown.err.find(" per s") != std::string::npos);
  CHECK(shown.err.find('\r') == std::string::npos);  // no bar redrawn in a log file
  const Outcome quiet = box.run(args + " -q");
  REQUIRE(quiet.code == 0);
  CHECK(quiet.err.empty());
}
