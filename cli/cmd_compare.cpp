// adoptsim compare A.toml B.toml [C.toml ...]: programmes run on the same replicates (common random
// numbers), each metric with its interval and its paired difference with the first programme.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "adoptsim_version.hpp"
#include "cluster.hpp"
#include "farm.hpp"
#include "result_bytes.hpp"
#include "scale_out.hpp"
#include "unit_journal.hpp"
#include "commands.hpp"
#include "compare_report.hpp"
#include "comparison.hpp"
#include "comparison_files.hpp"
#include "cost_table.hpp"
#include "decision_charts.hpp"
#include "costs.hpp"
#include "ensemble.hpp"
#include "option_values.hpp"
#include "organisation.hpp"
#include "files.hpp"
#include "memory_check.hpp"
#include "posterior_file.hpp"
#include "report.hpp"
#include "run_brief.hpp"
#include "scenario_loader.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

struct CompareOptions {
  std::vector<std::string> scenarios;
  int replicates = 0;      // 0: the first scenario's
  std::int64_t seed = -1;  // < 0: the first scenario's
  int threads = 0;
  std::string out, csv, chart, report;
  std::string posterior;  // calibration HDF5: the same draw per replicate for every programme
  std::vector<std::string> set;  // --set NAME=VALUE, applied to every programme
  std::string memory_limit;  // --memory-limit SIZE
  bool quiet = false, resume = false;
};

int compare(const CompareOptions& o) {
  // Loaded (with --set), aligned and named as the Python module's adoptsim.compare does.
  ComparisonRun cmp(o.scenarios, o.set, o.replicates, o.seed, o.threads > 0 ? o.threads : cluster::default_threads(hardware_threads()));
  const std::vector<LoadedScenario>& loaded = cmp.loaded;
  std::vector<Scenario>& programmes = cmp.programmes;
  std::vector<std::string> notes = cmp.notes;
  if (!o.posterior.empty()) {
    // One posterior for all: replicate r draws the same particle in every programme.
    const auto posterior = read_posterior(o.posterior);
    for (auto& s : programmes) s.posterior = posterior;
    notes.push_back("Calibration uncertainty: " + posterior_note(*posterior) + "; the same draw for every programme of a replicate.");
  }
  const std::vector<std::string>& name_warnings = cmp.name_warnings;
  if (cluster::is_root())
    for (const auto& w : name_warnings) std::fprintf(stderr, "adoptsim: warning: %s\n", w.c_str());
  const Scenario& frame = programmes.front();
  const int replicates = cmp.replicates;
  const std::uint64_t seed = cmp.seed;
  const int threads = cmp.threads;
  // Every programme's replicates are held until the comparison is written (the largest programme counted for all).
  {
    const Scenario* largest = &programmes.front();
    for (const auto& s : programmes)
      if (replicate_footprint(s).result_bytes > replicate_footprint(*largest).result_bytes) largest = &s;
    check_memory("compare", *largest, std::min(threads, replicates), static_cast<std::int64_t>(programmes.size()) * replicates, o.memory_limit);
  }

  std::string stem = "compare";
  for (const auto& s : programmes) stem += (stem == "compare" ? "-" : "-vs-") + file_stem(s.name);
  const std::filesystem::path out = o.out.empty() ? std::filesystem::path("outputs") / (stem + ".h5") : std::filesystem::path(o.out);
  const std::filesystem::path chart = o.chart.empty() ? std::filesystem::path(out).replace_extension(".png") : std::filesystem::path(o.chart);
  std::string inputs = fmt::format("compare\nseed {}\nreplicates {}\nposterior {}\n", seed, replicates, o.posterior);
  for (const auto& l : loaded) inputs += l.text + "\n--\n";
  const std::string key = result_key(inputs);
  const std::filesystem::path journal_path = checkpoint_path(out, key, "");

  // Units: a block of replicates of one programme, programme by programme. The same seed and
  // replicate numbers for every programme: common random numbers.
  const int per_unit = replicates_per_unit(threads);
  const std::int64_t blocks = (replicates + per_unit - 1) / per_unit;
  const auto P = static_cast<std::int64_t>(programmes.size());
  std::vector<std::vector<RunResult>> runs(programmes.size());
  std::optional<UnitJournal> journal;
  std::int64_t first_unit = 0;
  std::atomic<std::int64_t> done{0};
  bool replaying = false;
  auto deliver = [&](std::int64_t u, cluster::Bytes&& bytes) {
    if (journal && !replaying) journal->append(bytes);
    auto block = results_from_bytes(bytes);
    auto& into = runs[static_cast<std::size_t>(u / blocks)];
    for (auto& r : block) into.push_back(std::move(r));
    done.fetch_add(static_cast<std::int64_t>(block.size()));
  };
  cluster::on_root([&] {
    check_writable(out);
    check_writable(chart, "--chart");
    if (!o.csv.empty()) check_writable(std::filesystem::path(o.csv) / "compare.csv", "--csv");
    if (!o.report.empty()) check_writable(o.report, "--report");
    replaying = true;  // the records replayed are in the journal already
    journal.emplace(open_unit_journal(out, journal_path, key, o.resume, [&](std::string&& r) { deliver(first_unit++, std::move(r)); }));
    replaying = false;
  });
  first_unit = cluster::broadcast(first_unit);

  EnsembleProgress progress;
  cluster::cancel_on_stop(&progress.cancel);
  auto compute = [&](std::int64_t u) -> std::optional<cluster::Bytes> {
    const Scenario& s = programmes[static_cast<std::size_t>(u / blocks)];
    const std::int64_t from = (u % blocks) * per_unit, to = std::min<std::int64_t>(from + per_unit, replicates);
    std::vector<RunResult> block = run_ensemble(s, seed, static_cast<int>(to - from), threads, &progress, static_cast<int>(from));
    if (progress.cancel.load()) return std::nullopt;
    return results_to_bytes(block);
  };
  const auto start = std::chrono::steady_clock::now();
  std::int64_t reached = first_unit;
  with_progress(!o.quiet && cluster::is_root(), fmt::format("compare: {} programmes x {} replicates", programmes.size(), replicates),
                P * replicates, [&] { return done.load(); }, [&] { reached = cluster::farm(first_unit, P * blocks, compute, deliver); });
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (reached < P * blocks)
    throw cluster::Interrupted(fmt::format("after {} of {} simulations", cluster::is_root() ? done.load() : 0, P * replicates));
  if (!cluster::is_root()) return kExitOk;

  const Comparison c = compare_programmes(frame, runs);
  std::vector<ComparedProgramme> compared;
  CompareReport report;
  for (std::size_t p = 0; p < programmes.size(); ++p) {
    compared.push_back({programmes[p].name, loaded[p].path, loaded[p].text, &runs[p], cost_breakdown(runs[p])});
    report.names.push_back(programmes[p].name);
    report.paths.push_back(loaded[p].path);
    report.costs.push_back(compared.back().costs);
    report.budgets.push_back(check_budget(frame.budget, frame.budget_covers, runs[p]));
  }
  const ComparisonMetadata meta = cmp.metadata(ADOPTSIM_VERSION, utc_now());
  write_comparison_h5(out, meta, compared, c);
  if (!o.csv.empty()) write_comparison_csv(o.csv, compared, c);
  const std::string no_chart = save_figure(comparison_figure(frame, report.names, runs), chart);

  const Structure st = build_structure(frame);
  report.frame = &frame;
  report.comparison = &c;
  report.notes = notes;
  for (const auto& w : name_warnings) report.notes.push_back(w);
  report.version = ADOPTSIM_VERSION;
  report.people = st.people;
  report.teams = st.teams();
  report.replicates = replicates;
  report.threads = threads;
  report.seed = seed;
  report.seconds = elapsed;
  if (!o.report.empty()) {
    std::vector<BriefSource> sources;
    for (const auto& l : loaded) sources.push_back({l.path, l.text});
    write_brief(compare_brief(report, sources, runs, {ADOPTSIM_VERSION, meta.created, seed, replicates}), o.report);
  }
  if (!o.quiet) {
    std::printf("%s", compare_report(report).c_str());
    std::printf("\nResults: %s", out.string().c_str());
    if (no_chart.empty()) std::printf("   chart: %s", chart.string().c_str());
    if (!o.csv.empty()) std::printf("   CSV: %s/compare.csv, %s/costs.csv", o.csv.c_str(), o.csv.c_str());
    if (!o.report.empty()) std::printf("   brief: %s", o.report.c_str());
    std::printf("\n");
  }
  std::fflush(stdout);
  if (!no_chart.empty()) std::fprintf(stderr, "adoptsim: warning: no chart: %s\n", no_chart.c_str());
  for (std::size_t p = 0; p < programmes.size(); ++p) warn_if_over_budget(report.budgets[p], frame.currency, "programme '" + programmes[p].name + "'");
  journal->remove();
  return kExitOk;
}

}  // namespace

Command add_compare(CLI::App& app) {
  auto o = std::make_shared<CompareOptions>();
  auto* sub = app.add_subcommand("compare", "Compare programmes on the same replicates (common random numbers): metrics, paired differences, costs");
  sub->add_option("scenarios", o->scenarios, "Two or more scenario files (TOML); the first is the one the others are compared with")
      ->required()
      ->expected(2, -1);
  sub->add_option("--replicates,-r", o->replicates, "Replicates per programme (default: the first scenario's)")->check(CLI::Range(1, 1000000));
  sub->add_option("--seed,-s", o->seed, "Seed for all programmes (default: the first scenario's)")->check(CLI::NonNegativeNumber);
  sub->add_option("--threads,-t", o->threads, "Threads (default: all)")->check(CLI::Range(1, 4096));
  sub->add_option("--out,-o", o->out, "HDF5 result file (default: outputs/compare-<names>.h5)");
  sub->add_option("--csv", o->csv, "Also write compare.csv and costs.csv into this directory");
  sub->add_option("--chart", o->chart, "PNG chart of the curves and costs (default: the HDF5 file's name with .png)");
  sub->add_option("--posterior", o->posterior, "Calibration result (HDF5 of adoptsim calibrate): each replicate draws its parameters from its weighted posterior, the same draw for every programme")->check(CLI::ExistingFile);
  sub->add_option("--report", o->report, "Also write a brief to share: one self-contained HTML file (charts inline, opens offline)");
  add_set_option(sub, o->set)->description("Override a parameter or scenario key in every programme, validated like the file: NAME=VALUE (repeatable); result files record the effective scenarios");
  sub->add_flag("--quiet,-q", o->quiet, "No progress bar and no tables");
  add_memory_limit_option(sub, o->memory_limit);
  sub->add_flag("--resume", o->resume, "Continue a comparison that was stopped, from its checkpoint <out>.checkpoint-<key>");
  return [o] { return compare(*o); };
}

}  // namespace adoptsim::cli
