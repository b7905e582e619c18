// adoptsim run SCENARIO: replicates of a scenario, a summary table, HDF5 and CSV results.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <fmt/format.h>

#include "adoptsim_version.hpp"
#include "atomic_file.hpp"
#include "cluster.hpp"
#include "farm.hpp"
#include "result_bytes.hpp"
#include "results_summary.hpp"
#include "run_brief.hpp"
#include "scale_out.hpp"
#include "commands.hpp"
#include "rules_report.hpp"
#include "agents_csv.hpp"
#include "cost_table.hpp"
#include "costs.hpp"
#include "ensemble.hpp"
#include "files.hpp"
#include "option_values.hpp"
#include "memory_check.hpp"
#include "organisation.hpp"
#include "report.hpp"
#include "posterior_file.hpp"
#include "results_csv.hpp"
#include "results_h5.hpp"
#include "scenario_loader.hpp"
#include "summary.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

struct RunOptions {
  std::string scenario;
  int replicates = 0;     // 0: the scenario's
  std::int64_t seed = -1; // < 0: the scenario's
  int threads = 0;        // 0: all hardware threads
  int weeks = 0;          // 0: the scenario's
  std::string out, csv, report;
  std::string posterior;  // calibration HDF5: parameters drawn per replicate
  std::vector<std::string> set;  // --set NAME=VALUE
  std::string agents_csv, agents_weeks = "every";  // the long per-person table of one replicate
  int agents_replicate = 0;
  bool agents_force = false;
  std::string memory_limit;      // --memory-limit SIZE
  bool quiet = false, resume = false;
};

// Above this the per-person table is refused unless --agents-force: a year of a 10,000-person
// organisation is about 60 MB; a gigabyte is a mistake more often than a plan.
constexpr std::int64_t kAgentsCsvLimit = std::int64_t{1} << 30;

std::string size_text(std::int64_t bytes) {
  if (bytes >= (std::int64_t{1} << 30)) return fmt::format("{:.1f} GB", static_cast<double>(bytes) / (1 << 30));
  if (bytes >= (1 << 20)) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1 << 20));
  return fmt::format("{:.0f} kB", std::max(1.0, static_cast<double>(bytes) / 1024));
}

int run(const RunOptions& o) {
  LoadedScenario loaded = load_scenario(o.scenario, o.set);
  Scenario& s = loaded.scenario;
  if (o.weeks > 0) s.weeks = o.weeks;
  if (o.replicates > 0) s.replicates = o.replicates;
  if (o.seed >= 0) s.seed = static_cast<std::uint64_t>(o.seed);
  if (auto problems = check_scenario(s, o.scenario); !problems.empty() && o.weeks > 0) {
    // A shorter horizon cuts off later interventions: that is what --weeks asks for, not an error.
    std::erase_if(problems, [](const Diagnostic& d) { return d.message.find("outside the horizon") != std::string::npos || d.key == "goal.week"; });
    if (!problems.empty()) throw ScenarioError(problems);
  }
  if (!o.posterior.empty()) s.posterior = read_posterior(o.posterior);
  const int threads = o.threads > 0 ? o.threads : cluster::default_threads(hardware_threads());
  const std::filesystem::path out = o.out.empty() ? std::filesystem::path("outputs") / (file_stem(s.name) + ".h5") : std::filesystem::path(o.out);
  // Replicates are streamed into the checkpoint file as they arrive (in replicate order); it becomes
  // the result file once complete, so memory does not grow with the number of replicates.
  const std::string key = result_key(fmt::format("run\n{}\nseed {}\nreplicates {}\nweeks {}\nposterior {}", loaded.text, s.seed,
                                                 s.replicates, s.weeks, o.posterior));
  const std::filesystem::path partial = checkpoint_path(out, key, ".h5");
  // One model per thread; a unit's results twice (as results and as bytes) until streamed into
  // the file; every replicate only for --report.
  check_memory("run", s, std::min(threads, s.replicates), 2 * std::int64_t{replicates_per_unit(threads)} + (o.report.empty() ? 0 : s.replicates),
               o.memory_limit);

  const Structure st = build_structure(s);
  const AgentWeeks agent_weeks = o.agents_weeks == "reported" ? AgentWeeks::reported : AgentWeeks::every;
  // `created`: when this process started the run.
  const RunMetadata meta = run_metadata(s, st, loaded.path, loaded.text, threads, utc_now());

  std::optional<ResultsStream> stream;
  std::int64_t start_at = 0;
  cluster::on_root([&] {
    check_writable(out);
    if (!o.csv.empty()) check_writable(std::filesystem::path(o.csv) / "applying.csv", "--csv");
    if (!o.report.empty()) check_writable(o.report, "--report");
    // The brief's charts need every replicate in memory; those of an earlier attempt are only in the file.
    if (!o.report.empty() && o.resume) throw std::invalid_argument("--report cannot be combined with --resume yet; write the brief with a new run");
    if (!o.agents_csv.empty()) {
      check_writable(o.agents_csv, "--agents-csv");
      if (o.agents_replicate >= s.replicates)
        throw std::invalid_argument(fmt::format("--agents-replicate {}: the run has replicates 0..{}", o.agents_replicate, s.replicates - 1));
      // The size before anything runs, and a refusal above the limit unless asked for.
      const AgentsCsvSize size = estimate_agents_csv(s, s.seed, o.agents_replicate, agent_weeks);
      std::fprintf(stderr, "agents CSV: %s people x %s weeks = %s rows of replicate %d, about %s\n", money(static_cast<double>(size.people)).c_str(),
                   money(static_cast<double>(size.weeks)).c_str(), money(static_cast<double>(size.rows)).c_str(), o.agents_replicate,
                   size_text(size.bytes).c_str());
      if (size.bytes > kAgentsCsvLimit && !o.agents_force)
        throw std::invalid_argument(fmt::format("--agents-csv {}: about {}, above the limit of {}; use --agents-weeks reported, or --agents-force to write it anyway",
                                                o.agents_csv, size_text(size.bytes), size_text(kAgentsCsvLimit)));
    }
    if (o.resume) {
      require_checkpoint(out, partial, ".h5");
      const auto c = read_stream_checkpoint(partial);
      if (!c) throw std::invalid_argument(fmt::format("--resume: no checkpoint to continue from at {}", partial.string()));
      if (c->key != key)
        throw std::invalid_argument(fmt::format("--resume: the checkpoint {} was made by a different scenario, seed, number of "
                                                "replicates or weeks, or another version; run without --resume to start again",
                                                partial.string()));
      stream.emplace(ResultsStream::resume(partial, meta, key));
    } else {
      stream.emplace(partial, meta);
    }
    stream->checkpoint(key);
    start_at = stream->replicates();
  });
  start_at = cluster::broadcast(start_at);

  // Units: blocks of replicates, numbered from replicate 0; the first unit may start mid-block.
  const int per_unit = replicates_per_unit(threads);
  const std::int64_t first_unit = start_at / per_unit, units = (s.replicates + per_unit - 1) / per_unit;
  EnsembleProgress progress;
  cluster::cancel_on_stop(&progress.cancel);
  std::atomic<std::int64_t> written{start_at};
  auto compute = [&](std::int64_t u) -> std::optional<cluster::Bytes> {
    const std::int64_t from = std::max(u * per_unit, start_at), to = std::min<std::int64_t>((u + 1) * per_unit, s.replicates);
    std::vector<RunResult> runs = run_ensemble(s, s.seed, static_cast<int>(to - from), threads, &progress, static_cast<int>(from));
    if (progress.cancel.load()) return std::nullopt;  // stopped mid-replicate: the results are partial
    return results_to_bytes(runs);
  };
  auto last_checkpoint = std::chrono::steady_clock::now();
  std::vector<RunResult> kept;  // only for --report
  auto deliver = [&](std::int64_t, cluster::Bytes&& bytes) {
    for (RunResult& r : results_from_bytes(bytes)) {
      stream->append(r);
      if (!o.report.empty()) kept.push_back(std::move(r));
    }
    written.store(stream->replicates());
    if (std::chrono::steady_clock::now() - last_checkpoint > std::chrono::seconds(kCheckpointSeconds)) {
      stream->checkpoint(key);
      last_checkpoint = std::chrono::steady_clock::now();
    }
  };
  std::int64_t reached = first_unit;
  const auto started = std::chrono::steady_clock::now();
  with_progress(!o.quiet && cluster::is_root(), fmt::format("{}: {} replicates", s.name, s.replicates), s.replicates,
                [&] { return written.load(); }, [&] { reached = cluster::farm(first_unit, units, compute, deliver); });
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (reached < units) {
    if (cluster::is_root()) stream->checkpoint(key);
    throw cluster::Interrupted(fmt::format("after {} of {} replicates", cluster::is_root() ? stream->replicates() : 0, s.replicates));
  }
  if (!cluster::is_root()) return kExitOk;

  // A run that has simulated never loses its results: when the result file cannot be finished, the
  // checkpoint keeps every replicate (`--resume` finishes it) and the CSV tables and the report are
  // still made from it (the CSV beside the intended file when --csv is not given).
  std::string h5_error;
  try {
    stream->checkpoint(key);
    if (std::getenv("ADOPTSIM_TEST_FAIL_HDF5") != nullptr)  // fault injection for the tests, as in h5::write_file
      throw std::runtime_error(fmt::format("writing {}: HDF5: write failed (ADOPTSIM_TEST_FAIL_HDF5 is set)", out.string()));
    stream->finish();
  } catch (const std::exception& e) {
    h5_error = e.what();
    std::fprintf(stderr, "adoptsim: error: %s\n", h5_error.c_str());
  }
  stream.reset();
  // Summaries read back from the file: the same numbers as from the runs in memory.
  const ResultsFileSummary summary = summarise_results_file(partial, s);
  // The per-replicate totals again (summarise_results_file read them for the costs), only for the
  // phases and rules report, which is empty without either.
  const std::vector<RunResult> totals = s.phases.empty() && s.rules.empty() ? std::vector<RunResult>{} : results_file_totals(partial);
  std::string csv_dir = o.csv;
  if (csv_dir.empty() && !h5_error.empty()) csv_dir = (out.parent_path() / (out.stem().string() + "-rescued-csv")).string();
  std::string csv_error;
  if (!csv_dir.empty()) {
    try {
      write_csv(csv_dir, band_of_file(partial, "/timeseries/applying"), band_of_file(partial, "/timeseries/goal_share"), summary.summary);
    } catch (const std::exception& e) {
      csv_error = e.what();
      std::fprintf(stderr, "adoptsim: error: %s\n", csv_error.c_str());
    }
  }
  // The per-person table: replicate r run again, stepped week by week (the same replicate as in
  // the results: a run is a pure function of scenario, seed and replicate).
  std::string agents_error;
  if (!o.agents_csv.empty()) {
    try {
      write_agents_csv(o.agents_csv, s, s.seed, o.agents_replicate, agent_weeks);
    } catch (const std::exception& e) {
      agents_error = e.what();
      std::fprintf(stderr, "adoptsim: error: %s\n", agents_error.c_str());
    }
  }
  const BudgetCheck& budget = summary.budget;
  if (!o.report.empty())
    write_brief(run_brief(s, {loaded.path, loaded.text}, st, summary.summary, summary.costs, budget, kept,
                          {ADOPTSIM_VERSION, meta.created, s.seed, s.replicates}),
                o.report);
  if (h5_error.empty()) install_file(partial, out);
  if (!o.quiet) {
    std::printf("%s", run_report(s, st, summary.summary, summary.costs, budget, RunInfo{ADOPTSIM_VERSION, threads, elapsed}).c_str());
    std::printf("%s", programme_rules_report(s, st, totals).c_str());
    if (s.posterior) std::printf("\nCalibration uncertainty: %s.\n", posterior_note(*s.posterior).c_str());
    if (h5_error.empty()) std::printf("\nResults: %s", out.string().c_str());
    if (!csv_dir.empty() && csv_error.empty())
      std::printf("%sCSV: %s/applying.csv, %s/summary.csv", h5_error.empty() ? "   " : "\n", csv_dir.c_str(), csv_dir.c_str());
    if (!o.report.empty()) std::printf("   brief: %s", o.report.c_str());
    if (!o.agents_csv.empty() && agents_error.empty()) std::printf("   agents: %s", o.agents_csv.c_str());
    if (cluster::ranks() > 1) std::printf("   (%d ranks x %d threads)", cluster::ranks(), threads);
    std::printf("\n");
  }
  warn_if_over_budget(budget, s.currency, "the programme '" + s.name + "'");
  if (!h5_error.empty())
    throw std::runtime_error(csv_error.empty() ? fmt::format("{} was not written (the checkpoint {} keeps every replicate); "
                                                             "the weekly shares and the summary were saved in {}", out.string(), partial.string(), csv_dir)
                                               : fmt::format("{} was not written, nor the CSV tables (the checkpoint {} keeps every replicate)",
                                                             out.string(), partial.string()));
  if (!agents_error.empty()) throw std::runtime_error(fmt::format("{} was not written; the other results were", o.agents_csv));
  return kExitOk;
}

}  // namespace

Command add_run(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  auto* sub = app.add_subcommand("run", "Run replicates of a scenario: summary table, HDF5 results, optional CSV");
  sub->add_option("scenario", o->scenario, "Scenario file (TOML)")->required();
  sub->add_option("--replicates,-r", o->replicates, "Number of replicates (default: the scenario's)")->check(CLI::Range(1, 1000000));
  sub->add_option("--seed,-s", o->seed, "Seed (default: the scenario's)")->check(CLI::NonNegativeNumber);
  sub->add_option("--threads,-t", o->threads, "Threads (default: all)")->check(CLI::Range(1, 4096));
  sub->add_option("--weeks,-w", o->weeks, "Horizon in weeks (default: the scenario's)")->check(CLI::Range(1, 1040));
  sub->add_option("--out,-o", o->out, "HDF5 result file (default: outputs/<scenario name>.h5)");
  sub->add_option("--csv", o->csv, "Also write applying.csv and summary.csv into this directory");
  sub->add_option("--posterior", o->posterior, "Calibration result (HDF5 of adoptsim calibrate): each replicate draws its parameters from its weighted posterior")->check(CLI::ExistingFile);
  add_set_option(sub, o->set);
  sub->add_option("--agents-csv", o->agents_csv, "Also write one row per person x week of one replicate (team, role, stage, skill, resistance, needs); "
                                                 "the size is estimated and printed first");
  sub->add_option("--agents-weeks", o->agents_weeks, "Rows for every week, or only the reported weeks (0, 13, 26, 52, 104, the deadline, the horizon)")
      ->check(CLI::IsMember({"every", "reported"}))
      ->capture_default_str();
  sub->add_option("--agents-replicate", o->agents_replicate, "The replicate of the per-person table (default 0)")->check(CLI::NonNegativeNumber);
  sub->add_flag("--agents-force", o->agents_force, "Write the per-person table even above the 1 GB limit");
  sub->add_option("--report", o->report, "Also write a brief to share: one self-contained HTML file (charts inline, opens offline; keeps the replicates in memory)");
  sub->add_flag("--quiet,-q", o->quiet, "No progress bar and no summary table");
  add_memory_limit_option(sub, o->memory_limit);
  sub->add_flag("--resume", o->resume, "Continue a run that was stopped, from its checkpoint <out>.checkpoint-<key>.h5");
  return [o] { return run(*o); };
}

}  // namespace adoptsim::cli
