#include "optimisation_files.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "h5_helpers.hpp"

namespace adoptsim {

namespace {

std::string number(double x) { return std::isnan(x) ? std::string() : fmt::format("{}", x); }

}  // namespace

std::string frontier_csv(const OptimiseResult& r) {
  std::string text = "cost_mean,cost_p05,cost_p95,goal_probability,goal_p05,goal_p95,replicates";
  for (const auto& k : kKnobTable) {
    text += ',';
    text += k.name;
  }
  text += ",winner\n";
  for (int i : r.frontier) {
    const Candidate& c = r.candidates[static_cast<std::size_t>(i)];
    const Interval cost = c.cost_interval();
    const Proportion p = c.probability();
    text += fmt::format("{},{},{},{},{},{},{}", number(cost.mean), number(cost.p05), number(cost.p95), number(p.estimate), number(p.low),
                        number(p.high), c.n());
    for (const auto& k : kKnobTable) text += fmt::format(",{}", knob_value(c.knobs, k.name));
    text += fmt::format(",{}\n", i == r.winner ? 1 : 0);
  }
  return text;
}

void write_optimisation_h5(const std::filesystem::path& path, const OptimisationMetadata& meta, const OptimiseSettings& s, const KnobGrid& grid,
                           const OptimiseResult& r) {
  using namespace h5;
  if (r.candidates.empty()) throw std::runtime_error("no programmes to write");
  const hsize_t N = r.candidates.size(), K = kKnobTable.size();
  std::vector<std::string> knob_names;
  for (const auto& k : kKnobTable) knob_names.emplace_back(k.name);
  std::vector<std::int32_t> knobs, replicates, stage, reason;
  std::vector<double> cost_mean, cost_p05, cost_p95, p, p_low, p_high;
  for (const Candidate& c : r.candidates) {
    for (const auto& k : kKnobTable) knobs.push_back(knob_value(c.knobs, k.name));
    replicates.push_back(c.n());
    stage.push_back(c.stage);
    reason.push_back(static_cast<std::int32_t>(c.eliminated));
    const Interval cost = c.cost_interval();
    cost_mean.push_back(cost.mean);
    cost_p05.push_back(cost.p05);
    cost_p95.push_back(cost.p95);
    const Proportion q = c.probability();
    p.push_back(q.estimate);
    p_low.push_back(q.low);
    p_high.push_back(q.high);
  }

  write_file(path, [&](H5::H5File& file) {
    set_text(file, "program_version", meta.program_version);
    set_text(file, "created", meta.created);
    set_text(file, "scenario_name", meta.scenario_name);
    set_text(file, "scenario_path", meta.scenario_path);
    set_text(file, "scenario", meta.scenario_text);
    set_text(file, "goal", meta.goal);
    set_text(file, "currency", meta.currency);
    set_text(file, "description", "adoptsim optimise: racing programme knobs on common random numbers for the cheapest programme "
                                  "that reaches the goal with at least the required probability; the cost-probability frontier.");
    set_number<std::uint64_t>(file, "seed", meta.seed);
    set_number<std::int32_t>(file, "threads", meta.threads);
    set_number<double>(file, "seconds", meta.seconds);
    set_number<std::int32_t>(file, "simulations", static_cast<std::int32_t>(meta.simulations));
    set_number<double>(file, "confidence", s.confidence);
    set_number<double>(file, "budget", s.budget);
    set_number<std::int32_t>(file, "first_replicates", s.first_replicates);
    set_number<std::int32_t>(file, "replicates", s.replicates);
    set_number<double>(file, "elimination_alpha", s.alpha);
    set_number<std::int32_t>(file, "winner", r.winner);

    H5::Group space = file.createGroup("space");
    set_text(space, "description", "The knob grid searched: one integer dataset of values per knob.");
    for (std::size_t k = 0; k < K; ++k) {
      std::vector<std::int32_t> v(grid.values[k].begin(), grid.values[k].end());
      H5::DataSet ds = write_column(space, knob_names[k].c_str(), v);
      describe(ds, kKnobTable[k].meaning, "", {knob_names[k]});  // its own coordinate: the values tried
    }

    H5::Group g = file.createGroup("programmes");
    set_text(g, "description", "Every distinct programme of the grid, one row each; `winner` (root attribute) and `/frontier/programme` index its rows.");
    labels(g, "knob", knob_names, "Knob of the programme grid.");
    H5::DataSet ds = write_array<std::int32_t>(g, "knobs", {N, K}, knobs);
    describe(ds, "The programme's knob values.", "", {"programme", "knob"});
    set_names(ds, "knobs", knob_names);
    ds = write_column(g, "replicates", replicates);
    describe(ds, "Replicates the programme was run on (replicates 0 .. n-1 of the seed: common random numbers).", "replicates", {"programme"});
    ds = write_column(g, "cost_mean", cost_mean);
    describe(ds, "Mean total cost over its replicates.", meta.currency, {"programme"});
    ds = write_column(g, "cost_p05", cost_p05);
    describe(ds, "5 % quantile of the total cost over its replicates.", meta.currency, {"programme"});
    ds = write_column(g, "cost_p95", cost_p95);
    describe(ds, "95 % quantile of the total cost over its replicates.", meta.currency, {"programme"});
    ds = write_column(g, "goal_probability", p);
    describe(ds, "Share of its replicates that reached the goal by the deadline.", "probability", {"programme"});
    ds = write_column(g, "goal_p05", p_low);
    describe(ds, "Lower bound of the 90 % confidence interval (Wilson) of the probability.", "probability", {"programme"});
    ds = write_column(g, "goal_p95", p_high);
    describe(ds, "Upper bound of the 90 % confidence interval (Wilson) of the probability.", "probability", {"programme"});
    ds = write_column(g, "left_race", reason);
    describe(ds, "Why it left the race (index into `reasons`).", "", {"programme"});
    set_names(ds, "reasons", kEliminationNames);
    ds = write_column(g, "left_after_stage", stage);
    describe(ds, "Stage (0-based) after which it left the race, -1 if it stayed to the end.", "", {"programme"});

    H5::Group st = file.createGroup("stages");
    std::vector<std::int32_t> reps, entered, over, cannot, dearer, sims;
    for (const RaceStage& x : r.stages) {
      reps.push_back(x.replicates);
      entered.push_back(x.programmes);
      over.push_back(x.over_budget);
      cannot.push_back(x.cannot_reach);
      dearer.push_back(x.dearer);
      sims.push_back(static_cast<std::int32_t>(x.simulations));
    }
    ds = write_column(st, "replicates", reps);
    describe(ds, "Replicates per programme after the stage.", "replicates", {"stage"});
    ds = write_column(st, "programmes", entered);
    describe(ds, "Programmes in the race during the stage.", "programmes", {"stage"});
    ds = write_column(st, "over_budget", over);
    describe(ds, "Programmes that left after the stage: surely over budget.", "programmes", {"stage"});
    ds = write_column(st, "cannot_reach_goal", cannot);
    describe(ds, "Programmes that left after the stage: surely below the required probability.", "programmes", {"stage"});
    ds = write_column(st, "dearer", dearer);
    describe(ds, "Programmes that left after the stage: surely dearer than a programme that surely reaches it.", "programmes", {"stage"});
    ds = write_column(st, "simulations", sims);
    describe(ds, "Simulations run in the stage.", "simulations", {"stage"});

    H5::Group f = file.createGroup("frontier");
    std::vector<std::int32_t> frontier(r.frontier.begin(), r.frontier.end());
    ds = write_column(f, "programme", frontier);
    describe(ds, "The cost-probability frontier: rows of /programmes no other programme beats on both, by ascending cost.", "", {"point"});
  });
}

}  // namespace adoptsim
