// adoptsim optimise SCENARIO --budget AMOUNT --goal SHARE@WEEK: the cheapest programme in a grid of
// programme knobs that reaches the goal with at least a stated probability, and the frontier of
// cost against that probability; the winner written as a scenario file.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "adoptsim_version.hpp"
#include "cluster.hpp"
#include "commands.hpp"
#include "farm.hpp"
#include "scale_out.hpp"
#include "cost_table.hpp"
#include "costs.hpp"
#include "decision_charts.hpp"
#include "comparison.hpp"
#include "ensemble.hpp"
#include "posterior_file.hpp"
#include "knob_space.hpp"
#include "optimisation_files.hpp"
#include "optimise_report.hpp"
#include "optimiser.hpp"
#include "atomic_file.hpp"
#include "option_values.hpp"
#include "organisation.hpp"
#include "files.hpp"
#include "memory_check.hpp"
#include "report.hpp"
#include "run_brief.hpp"
#include "scenario_loader.hpp"
#include "scenario_writer.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

struct OptimiseOptions {
  std::string scenario, goal, out, save, csv, chart, report;
  std::string posterior;  // calibration HDF5: parameters drawn per replicate
  double budget = -1;        // < 0: the scenario's
  double confidence = 0.8;
  int replicates = 256, screen = 4, threads = 0;
  std::int64_t seed = -1;
  std::vector<std::string> knobs;
  std::vector<std::string> set;  // --set NAME=VALUE
  bool quiet = false, resume = false;
  std::string memory_limit;  // --memory-limit SIZE
};

std::string header_for(const Scenario& s, const OptimiseOptions& o, const OptimiseSettings& set, const Candidate& w, const Proportion& confirmed,
                       std::int64_t simulations, double seconds, std::size_t programmes, const std::string& created) {
  const Proportion p = w.probability();
  std::string h = fmt::format("Written by adoptsim {} optimise on {} from {}.\n", ADOPTSIM_VERSION, created, o.scenario);
  h += fmt::format("The cheapest programme of the knob grid (docs/decisions.md) that reached the goal, {},\n", goal_text(s.goal));
  h += fmt::format("with probability at least {}{}.\n", fixed(set.confidence, 2),
                   set.budget > 0 ? fmt::format(" within a budget of {} {}", money(set.budget), s.currency) : std::string());
  h += fmt::format("Found by racing {} programmes on common random numbers (seed {}): {} simulations in {}.\n", money(static_cast<double>(programmes)), set.seed,
                   money(static_cast<double>(simulations)), cli::seconds(seconds));
  h += fmt::format("On the search's {} replicates: P(goal) {} (90% interval {}-{}), mean cost {} {}.\n", w.n(), fixed(p.estimate, 2), fixed(p.low, 2),
                   fixed(p.high, 2), money(w.mean_cost()), s.currency);
  h += fmt::format("On {} fresh replicates: P(goal) {} (90% interval {}-{}).\n", confirmed.n, fixed(confirmed.estimate, 2), fixed(confirmed.low, 2),
                   fixed(confirmed.high, 2));
  if (s.posterior) h += "Calibration uncertainty: " + posterior_note(*s.posterior) + ".\n";
  h += "Knobs:";
  for (const auto& k : kKnobTable) h += fmt::format(" {} = {};", k.name, knob_value(w.knobs, k.name));
  h.back() = '.';
  return h;
}

int optimise_command(const OptimiseOptions& o) {
  const LoadedScenario loaded = load_scenario(o.scenario, o.set);
  Scenario base = loaded.scenario;
  if (base.kind == ModelKind::bass) throw std::invalid_argument(o.scenario + ": the Bass reduction has no programme to optimise");
  if (!o.goal.empty()) parse_goal(o.goal, base.goal, base.weeks);
  if (o.budget >= 0) base.budget = o.budget;
  if (!o.posterior.empty()) base.posterior = read_posterior(o.posterior);
  if (!(o.confidence > 0 && o.confidence <= 1)) throw std::invalid_argument("--confidence must be above 0 and at most 1");
  KnobGrid grid = default_grid();
  for (const auto& text : o.knobs) {
    const auto [name, values] = parse_knob_values(text);
    set_grid_values(grid, name, values);
  }
  OptimiseSettings set;
  set.confidence = o.confidence;
  set.budget = base.budget;
  set.replicates = o.replicates;
  set.first_replicates = std::min(o.screen, o.replicates);
  set.threads = o.threads > 0 ? o.threads : cluster::default_threads(hardware_threads());
  set.seed = o.seed >= 0 ? static_cast<std::uint64_t>(o.seed) : base.seed;
  // One replicate per thread in the race; the confirmation holds the base's and the winner's replicates.
  check_memory("optimise", base, set.threads, std::max<std::int64_t>(set.threads, 2 * std::int64_t{set.replicates}), o.memory_limit);

  namespace fs = std::filesystem;
  const std::string stem = file_stem(base.name);
  const fs::path out = o.out.empty() ? fs::path("outputs") / (stem + "-optimise.h5") : fs::path(o.out);
  const fs::path save = o.save.empty() ? fs::path("outputs") / (stem + "-optimised.toml") : fs::path(o.save);
  const fs::path chart = o.chart.empty() ? fs::path(out).replace_extension(".png") : fs::path(o.chart);
  cluster::on_root([&] {
    check_writable(out);
    check_writable(save, "--save");
    check_writable(chart, "--chart");
    if (!o.csv.empty()) check_writable(fs::path(o.csv) / "frontier.csv", "--csv");
    if (!o.report.empty()) check_writable(o.report, "--report");
  });
  // Under MPI every rank runs the same race; each stage's simulations are shared out over the
  // ranks and their results sent to all. The confirmation and the reports: rank 0.
  // The race's simulations, unit by unit, in a journal beside the output: --resume continues it.
  JournaledMap journal(out, command_key({loaded.text}), o.resume, set.threads);
  set.map = journal.map();

  const auto start = std::chrono::steady_clock::now();
  const std::vector<ProgrammeKnobs> programmes = distinct_programmes(grid, base);
  // Interventions the knobs add that the scenario lacks come from the knob templates (the
  // reference programme's fees and targets): said before the search, not borrowed silently.
  std::vector<std::string> borrowed;
  for (InterventionType t : borrowed_interventions(base, programmes)) {
    const Intervention iv = knob_template(t);
    borrowed.push_back(fmt::format("'{}' ({}): the scenario has none, so the programmes with it use the template of sim/knobs.cpp: groups of "
                                   "at most {}, {:g} h, per session trainer {} {}, actor {}, venue {}, materials {} per attendee; add an "
                                   "[[intervention]] of this type to the scenario to set your own",
                                   iv.name, kInterventionTypeNames[static_cast<std::size_t>(t)], iv.group_size, iv.hours, money(iv.trainer_fee),
                                   base.currency, money(iv.actor_fee), money(iv.venue), money(iv.materials)));
  }
  if (cluster::is_root())
    for (const auto& b : borrowed) std::fprintf(stderr, "adoptsim: note: %s\n", b.c_str());
  OptimiseProgress progress;
  OptimiseResult result;
  auto label = [&] {
    const int stage = progress.stage.load();
    return stage > 0 ? fmt::format("optimise: stage {}, {} programmes", stage, money(progress.programmes.load()))
                     : fmt::format("optimise: frontier, {} programmes", money(progress.programmes.load()));
  };
  with_progress(!o.quiet && cluster::is_root(), label, [&] { return progress.planned.load(); }, [&] { return progress.done.load(); },
                [&] { result = optimise(base, programmes, set, &progress); });
  if (!cluster::is_root()) return kExitOk;

  // The winner on fresh replicates, and against the scenario's own programme on the search's.
  OptimiseReport report;
  Proportion confirmed;
  Interval confirmed_cost;
  BudgetCheck confirmed_budget, own_budget;
  Comparison versus_own;
  std::vector<CostBreakdown> paired_costs;  // own programme, winner: both totals for the brief
  std::vector<BudgetCheck> paired_budgets;
  std::int64_t extra = 0;
  if (result.winner >= 0) {
    const Scenario winner = apply_knobs(base, result.candidates[static_cast<std::size_t>(result.winner)].knobs);
    const auto fresh = run_ensemble(winner, set.seed, set.replicates, set.threads, nullptr, set.replicates);
    int reached = 0;
    std::vector<double> cost;
    for (const auto& r : fresh) {
      reached += goal_reached_by_deadline(r.goal_week, base.goal) ? 1 : 0;
      cost.push_back(budget_cost(r, base.budget_covers));
    }
    confirmed = wilson(reached, static_cast<int>(fresh.size()));
    confirmed_cost = interval_of(cost);
    confirmed_budget = check_budget(set.budget, base.budget_covers, fresh);
    const std::vector<std::vector<RunResult>> paired{run_ensemble(base, set.seed, set.replicates, set.threads),
                                                     run_ensemble(winner, set.seed, set.replicates, set.threads)};
    versus_own = compare_programmes(base, paired);
    own_budget = check_budget(set.budget, base.budget_covers, paired[0]);
    if (!o.report.empty())
      for (const auto& runs : paired) {
        paired_costs.push_back(cost_breakdown(runs));
        paired_budgets.push_back(check_budget(set.budget, base.budget_covers, runs));
      }
    extra = 3LL * set.replicates;
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::int64_t simulations = result.race_simulations + result.frontier_simulations + extra;
  const std::string created = utc_now();

  OptimisationMetadata meta;
  meta.program_version = ADOPTSIM_VERSION;
  meta.created = created;
  meta.scenario_name = base.name;
  meta.scenario_path = loaded.path;
  meta.scenario_text = loaded.text;
  meta.goal = goal_text(base.goal);
  meta.currency = base.currency;
  meta.seed = set.seed;
  meta.threads = set.threads;
  meta.seconds = elapsed;
  meta.simulations = simulations;
  write_optimisation_h5(out, meta, set, grid, result);
  journal.finish();
  if (!o.csv.empty()) {
    fs::create_directories(o.csv);
    write_text_atomically(fs::path(o.csv) / "frontier.csv", frontier_csv(result));
  }
  if (result.winner >= 0) {
    const Candidate& w = result.candidates[static_cast<std::size_t>(result.winner)];
    Scenario winner = apply_knobs(base, w.knobs);
    winner.name = base.name + "-optimised";
    winner.description = "The cheapest programme found by adoptsim optimise for " + base.name + ": " + knobs_text(w.knobs) + ".";
    std::string header = header_for(base, o, set, w, confirmed, simulations, elapsed, programmes.size(), created);
    for (const auto& line : borrowed) header += "\nNote: " + line + ".";
    save_scenario(winner, save, header);
  }

  double own_cost = -1, own_probability = 0;
  if (result.winner >= 0) {
    own_cost = versus_own.summary[0][static_cast<std::size_t>(versus_own.metric("total_cost"))].value.mean;
    own_probability = versus_own.summary[0][static_cast<std::size_t>(versus_own.metric("goal_probability"))].value.mean;
  }
  const plot::Figure frontier_chart = frontier_figure(base, set, result, own_cost, own_probability);
  const std::string no_chart = save_figure(frontier_chart, chart);

  const Candidate* best = nullptr;
  for (int i : result.frontier) {
    const Candidate& c = result.candidates[static_cast<std::size_t>(i)];
    if (set.budget <= 0 || c.mean_cost() <= set.budget) best = &c;
  }
  if (result.winner < 0 && best) {
    // No programme reaches the goal: the likeliest (within the budget) is saved, said so at its top.
    Scenario likeliest = apply_knobs(base, best->knobs);
    likeliest.name = base.name + "-likeliest";
    likeliest.description = "The likeliest programme found by adoptsim optimise for " + base.name + " (it does NOT reach the goal with the required probability): " +
                            knobs_text(best->knobs) + ".";
    const Proportion p = best->probability();
    save_scenario(likeliest, save,
                  fmt::format("Written by adoptsim {} optimise on {} from {}.\nNo programme of the knob grid reached the goal, {}, with probability {}{}.\n"
                              "This is the likeliest{}: P(goal) {} (90% interval {}-{}) on {} replicates, mean cost {} {}.",
                              ADOPTSIM_VERSION, created, o.scenario, goal_text(base.goal), fixed(set.confidence, 2),
                              set.budget > 0 ? fmt::format(" within a budget of {} {}", money(set.budget), base.currency) : std::string(),
                              set.budget > 0 ? " within the budget" : "", fixed(p.estimate, 2), fixed(p.low, 2), fixed(p.high, 2), best->n(),
                              money(best->mean_cost()), base.currency));
  }
  {
    const Structure st = build_structure(base);
    report.base = &base;
    report.settings = &set;
    report.grid = &grid;
    report.result = &result;
    report.combinations = grid.combinations();
    report.version = ADOPTSIM_VERSION;
    report.path = loaded.path;
    report.people = st.people;
    report.teams = st.teams();
    report.confirmed = confirmed;
    report.confirmed_cost = confirmed_cost;
    report.confirmed_budget = confirmed_budget;
    report.own_budget = own_budget;
    report.versus_own = result.winner >= 0 ? &versus_own : nullptr;
    report.best_within_budget = best;
  }
  if (!o.report.empty()) {
    OptimiseBriefInput in{&report, borrowed, frontier_chart, paired_costs, paired_budgets};
    write_brief(optimise_brief(in, {loaded.path, loaded.text}, {ADOPTSIM_VERSION, created, set.seed, set.replicates}), o.report);
  }
  if (!o.quiet) {
    std::printf("%s", optimise_report(report).c_str());
    if (base.posterior) std::printf("\nCalibration uncertainty: %s.\n", posterior_note(*base.posterior).c_str());
    std::printf("\n");
    if (result.winner >= 0) std::printf("Winner: %s (a scenario file; adoptsim run accepts it)\n", save.string().c_str());
    else if (best) std::printf("The likeliest: %s (a scenario file; it does not reach the goal)\n", save.string().c_str());
    std::printf("Results: %s", out.string().c_str());
    if (no_chart.empty()) std::printf("   chart: %s", chart.string().c_str());
    if (!o.csv.empty()) std::printf("   CSV: %s/frontier.csv", o.csv.c_str());
    if (!o.report.empty()) std::printf("   brief: %s", o.report.c_str());
    std::printf("\n");
  }
  std::printf("%s simulations in %s (race %s, frontier %s, confirmation and comparison %s; %d threads%s)\n", money(static_cast<double>(simulations)).c_str(),
              seconds(elapsed).c_str(), money(static_cast<double>(result.race_simulations)).c_str(),
              money(static_cast<double>(result.frontier_simulations)).c_str(), money(static_cast<double>(extra)).c_str(), set.threads, ranks_note().c_str());
  std::fflush(stdout);  // the warnings after the tables, also when both go to one file
  if (!no_chart.empty()) std::fprintf(stderr, "adoptsim: warning: no chart: %s\n", no_chart.c_str());
  if (result.winner >= 0) {
    warn_if_over_budget(own_budget, base.currency, "the scenario's own programme '" + base.name + "'");
    warn_if_over_budget(confirmed_budget, base.currency, "the optimised programme (on fresh replicates)");
  }
  if (result.winner < 0)
    std::fprintf(stderr, "adoptsim: warning: no programme in the space reaches the goal with probability %s%s; %s\n", fixed(set.confidence, 2).c_str(),
                 set.budget > 0 ? " within the budget" : "",
                 best ? fmt::format("the likeliest was written to {} (it does not reach the goal)", save.string()).c_str() : "no scenario file written");
  return kExitOk;
}

}  // namespace

Command add_optimise(CLI::App& app) {
  auto o = std::make_shared<OptimiseOptions>();
  auto* sub = app.add_subcommand("optimise", "Search the programme knobs: the cheapest programme that reaches the goal with a stated probability, "
                                             "and the cost-probability frontier");
  sub->add_option("scenario", o->scenario, "Scenario file (TOML): organisation, costs and the programme the knobs start from")->required();
  sub->add_option("--budget", o->budget, "Budget (default: the scenario's; 0: none)")->check(CLI::NonNegativeNumber);
  sub->add_option("--goal", o->goal, "Goal as SHARE@WEEK, e.g. 0.65@52 or 65%@52 (default: the scenario's)");
  sub->add_option("--confidence", o->confidence, "Required probability of reaching the goal (default 0.8)");
  sub->add_option("--replicates,-r", o->replicates, "Replicates of the final stage, the frontier and the confirmation (default 256)")
      ->check(CLI::Range(2, 100000));
  sub->add_option("--screen", o->screen, "Replicates of the first stage (default 4)")->check(CLI::Range(2, 100000));
  sub->add_option("--knob", o->knobs, "Replace a knob's values: NAME=V1,V2,... (repeatable; one value fixes it)");
  sub->add_option("--seed,-s", o->seed, "Seed (default: the scenario's)")->check(CLI::NonNegativeNumber);
  sub->add_option("--threads,-t", o->threads, "Threads (default: all)")->check(CLI::Range(1, 4096));
  sub->add_option("--out,-o", o->out, "HDF5 result file (default: outputs/<scenario name>-optimise.h5)");
  sub->add_option("--save", o->save, "Scenario file for the winner (default: outputs/<scenario name>-optimised.toml)");
  sub->add_option("--csv", o->csv, "Also write frontier.csv into this directory");
  sub->add_option("--report", o->report, "Also write a brief to share: one self-contained HTML file (charts inline, opens offline)");
  sub->add_option("--chart", o->chart, "PNG chart of the frontier (default: the HDF5 file's name with .png)");
  sub->add_option("--posterior", o->posterior, "Calibration result (HDF5 of adoptsim calibrate): each replicate draws its parameters from its weighted posterior")->check(CLI::ExistingFile);
  add_set_option(sub, o->set);
  sub->add_flag("--quiet,-q", o->quiet, "No progress bar and no tables (the simulation count is still printed)");
  sub->add_flag("--resume", o->resume, "Continue a stopped search from its checkpoint <out>.checkpoint-<key>");
  add_memory_limit_option(sub, o->memory_limit);
  return [o] { return optimise_command(*o); };
}

}  // namespace adoptsim::cli
