// adoptsim run SCENARIO: replicates of a scenario, a summary table, HDF5 and CSV results.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <fmt/format.h>

#include "adoptsim_version.hpp"
#include "commands.hpp"
#include "rules_report.hpp"
#include "agents_csv.hpp"
#include "cost_table.hpp"
#include "costs.hpp"
#include "ensemble.hpp"
#include "files.hpp"
#include "option_values.hpp"
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
  std::string agents_csv, agents_weeks = "every";  // the long per-person table of one replicate
  int agents_replicate = 0;
  bool agents_force = false;
  bool quiet = false;
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
  const int threads = o.threads > 0 ? o.threads : hardware_threads();
  const std::filesystem::path out = o.out.empty() ? std::filesystem::path("outputs") / (file_stem(s.name) + ".h5") : std::filesystem::path(o.out);
  check_writable(out);
  if (!o.csv.empty()) check_writable(std::filesystem::path(o.csv) / "applying.csv", "--csv");
  if (!o.report.empty()) check_writable(o.report, "--report");
  const AgentWeeks agent_weeks = o.agents_weeks == "reported" ? AgentWeeks::reported : AgentWeeks::every;
  if (!o.agents_csv.empty()) {
    check_writable(o.agents_csv, "--agents-csv");
    if (o.agents_replicate >= s.replicates)
      throw std::invalid_argument(fmt::format("--agents-replicate {}: the run has replicates 0..{}", o.agents_replicate, s.replicates - 1));
    // The size before anything runs, and a refusal above the limit unless asked for.
    const AgentsCsvSize size = estimate_agents_csv(s, s.seed, o.agents_replicate, agent_weeks);
    std::fprintf(stderr, "agents CSV: %s people x %s weeks = %s rows of replicate %d, about %s\n", money(static_cast<double>(size.people)).c_str(),
                 money(static_cast<double>(size.weeks)).c_str(), money(static_cast<double>(size.rows)).c_str(), o.agents_replicate, size_text(size.bytes).c_str());
    if (size.bytes > kAgentsCsvLimit && !o.agents_force)
      throw std::invalid_argument(fmt::format("--agents-csv {}: about {}, above the limit of {}; use --agents-weeks reported, or --agents-force to write it anyway",
                                              o.agents_csv, size_text(size.bytes), size_text(kAgentsCsvLimit)));
  }

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
    if (!o.agents_csv.empty() && agents_error.empty()) std::printf("   agents: %s", o.agents_csv.c_str());
    std::printf("\n");
  }
  warn_if_over_budget(budget, s.currency, "the programme '" + s.name + "'");
  if (!h5_error.empty())
    throw std::runtime_error(csv_error.empty() ? fmt::format("{} was not written; the weekly shares and the summary were saved in {}", out.string(), csv_dir)
                                               : fmt::format("{} was not written, nor the CSV tables", out.string()));
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
  sub->add_option("--report", o->report, "Also write a brief to share: one self-contained HTML file (charts inline, opens offline)");
  sub->add_flag("--quiet,-q", o->quiet, "No progress bar and no summary table");
  return [o] { return run(*o); };
}

}  // namespace adoptsim::cli
