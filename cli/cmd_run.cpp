// adoptsim run SCENARIO: replicates of a scenario, a summary table, HDF5 and CSV results.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <fmt/format.h>

#include "adoptsim_version.hpp"
#include "commands.hpp"
#include "rules_report.hpp"
#include "cost_table.hpp"
#include "costs.hpp"
#include "ensemble.hpp"
#include "files.hpp"
#include "memory_check.hpp"
#include "organisation.hpp"
#include "report.hpp"
#include "posterior_file.hpp"
#include "results_csv.hpp"
#include "results_h5.hpp"
#include "run_brief.hpp"
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
  std::string memory_limit;      // --memory-limit SIZE
  bool quiet = false;
};

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
  const int threads = o.threads > 0 ? o.threads : hardware_threads();
  const std::filesystem::path out = o.out.empty() ? std::filesystem::path("outputs") / (file_stem(s.name) + ".h5") : std::filesystem::path(o.out);
  check_writable(out);
  if (!o.csv.empty()) check_writable(std::filesystem::path(o.csv) / "applying.csv", "--csv");
  if (!o.report.empty()) check_writable(o.report, "--report");
  // Every replicate's result is held until the files are written; one model per thread.
  check_memory("run", s, std::min(threads, s.replicates), s.replicates, o.memory_limit);

  const Structure st = build_structure(s);
  EnsembleProgress progress;
  std::vector<RunResult> runs;
  const auto start = std::chrono::steady_clock::now();
  with_progress(!o.quiet, fmt::format("{}: {} replicates", s.name, s.replicates), static_cast<std::int64_t>(s.replicates) * s.weeks,
                [&] { return progress.weeks_done.load(); },
                [&] { runs = run_ensemble(s, s.seed, s.replicates, threads, &progress); });
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const RunMetadata meta = run_metadata(s, st, loaded.path, loaded.text, threads, utc_now());
  // A run that has simulated never loses its results: when the HDF5 file cannot be written, the
  // CSV tables and the report still are (the CSV beside the intended file when --csv is not
  // given), and the command fails afterwards naming what was saved.
  std::string h5_error;
  try {
    write_results_h5(out, meta, runs);
  } catch (const std::exception& e) {
    h5_error = e.what();
    std::fprintf(stderr, "adoptsim: error: %s\n", h5_error.c_str());
  }
  const EnsembleSummary summary = summarise(s, runs);
  std::string csv_dir = o.csv;
  if (csv_dir.empty() && !h5_error.empty()) csv_dir = (out.parent_path() / (out.stem().string() + "-rescued-csv")).string();
  std::string csv_error;
  if (!csv_dir.empty()) {
    try {
      write_csv(csv_dir, s, runs, summary);
    } catch (const std::exception& e) {
      csv_error = e.what();
      std::fprintf(stderr, "adoptsim: error: %s\n", csv_error.c_str());
    }
  }

  const BudgetCheck budget = check_budget(s.budget, s.budget_covers, runs);
  const CostBreakdown costs = cost_breakdown(runs);
  if (!o.report.empty())
    write_brief(run_brief(s, {loaded.path, loaded.text}, st, summary, costs, budget, runs, {ADOPTSIM_VERSION, meta.created, s.seed, s.replicates}),
                o.report);
  if (!o.quiet) {
    std::printf("%s", run_report(s, st, summary, costs, budget, RunInfo{ADOPTSIM_VERSION, threads, elapsed}).c_str());
    std::printf("%s", programme_rules_report(s, st, runs).c_str());
    if (s.posterior) std::printf("\nCalibration uncertainty: %s.\n", posterior_note(*s.posterior).c_str());
    if (h5_error.empty()) std::printf("\nResults: %s", out.string().c_str());
    if (!csv_dir.empty() && csv_error.empty())
      std::printf("%sCSV: %s/applying.csv, %s/summary.csv", h5_error.empty() ? "   " : "\n", csv_dir.c_str(), csv_dir.c_str());
    if (!o.report.empty()) std::printf("   brief: %s", o.report.c_str());
    std::printf("\n");
  }
  warn_if_over_budget(budget, s.currency, "the programme '" + s.name + "'");
  if (!h5_error.empty())
    throw std::runtime_error(csv_error.empty() ? fmt::format("{} was not written; the weekly shares and the summary were saved in {}", out.string(), csv_dir)
                                               : fmt::format("{} was not written, nor the CSV tables", out.string()));
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
  sub->add_option("--set", o->set, "Override a parameter or scenario key, validated like the file: NAME=VALUE (repeatable), "
                                   "e.g. --set stage.apply_rate=0.1 --set goal.share=0.7")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--report", o->report, "Also write a brief to share: one self-contained HTML file (charts inline, opens offline)");
  sub->add_flag("--quiet,-q", o->quiet, "No progress bar and no summary table");
  add_memory_limit_option(sub, o->memory_limit);
  return [o] { return run(*o); };
}

}  // namespace adoptsim::cli
