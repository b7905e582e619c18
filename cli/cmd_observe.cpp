// adoptsim observe SCENARIO DESIGN: synthetic survey data from one simulated replicate, in the
// calibration data format. With --set, the scenario's parameters are changed first: the known
// "true" values that a calibration should recover.
#include <cstdio>
#include <fmt/format.h>
#include <fstream>

#include "atomic_file.hpp"
#include "commands.hpp"
#include "organisation.hpp"
#include "read_observations.hpp"
#include "scenario_loader.hpp"
#include "survey.hpp"

namespace adoptsim::cli {

namespace {

struct ObserveOptions {
  std::string scenario, design, out;
  std::vector<std::string> set;
  std::int64_t seed = 1;
};

int observe(const ObserveOptions& o) {
  using namespace calibration;
  LoadedScenario loaded = load_scenario(o.scenario);
  Scenario& s = loaded.scenario;
  std::string truth;
  for (const auto& kv : o.set) {
    const auto eq = kv.find('=');
    const auto p = eq == std::string::npos ? std::nullopt : find_param(kv.substr(0, eq));
    char* end = nullptr;
    const double v = eq == std::string::npos ? 0 : std::strtod(kv.c_str() + eq + 1, &end);
    if (!p || end == kv.c_str() + eq + 1 || *end != '\0')
      throw std::invalid_argument(fmt::format("--set {}: expected name=value with a parameter name of `adoptsim params`", kv));
    if (v < info(*p).min || v > info(*p).max)
      throw std::invalid_argument(fmt::format("--set {}: {} allows [{:g}, {:g}]", kv, info(*p).name, info(*p).min, info(*p).max));
    s.parameters[*p] = v;
    truth += fmt::format("{}{} = {}", truth.empty() ? "" : ", ", info(*p).name, v);
  }
  const Structure st = build_structure(s);
  std::vector<Diagnostic> problems;
  DataSource src;
  src.file = o.design;
  const auto design = read_observations(src, st, problems);
  for (const auto& d : design)
    if (d.week > s.weeks) problems.push_back({d.source, d.line, 1, "week", fmt::format("week {} is beyond the horizon of {} weeks", d.week, s.weeks)});
  if (!problems.empty()) throw ScenarioError(problems);
  const auto data = survey(s, design, static_cast<std::uint64_t>(o.seed), DistanceSettings{});

  std::string text = fmt::format("# Synthetic survey of one simulated replicate of {} (adoptsim observe, seed {})\n", o.scenario, o.seed);
  if (!truth.empty()) text += "# true parameters: " + truth + "\n";
  text += "week,indicator,group,value,n,sd\n";
  for (const auto& d : data) {
    std::string ind(kIndicatorNames[static_cast<std::size_t>(d.series.indicator)]);
    if (d.series.indicator == Indicator::stage) ind.append(".").append(kStageNames[static_cast<std::size_t>(idx(d.series.stage))]);
    const std::string group = d.series.group.name.find(',') == std::string::npos ? d.series.group.name : "\"" + d.series.group.name + "\"";
    text += fmt::format("{},{},{},{:.4f},{:g},{}\n", d.week, ind, group, d.value, d.n, std::isnan(d.sd) ? std::string() : fmt::format("{:g}", d.sd));
  }
  if (o.out.empty()) {
    std::printf("%s", text.c_str());
  } else {
    write_atomically(o.out, [&](const std::filesystem::path& tmp) {
      std::ofstream f(tmp, std::ios::binary);
      f << text;
      f.close();
      if (!f) throw std::runtime_error("cannot write " + o.out);
    });
    std::printf("%zu observations written to %s\n", data.size(), o.out.c_str());
  }
  return kExitOk;
}

}  // namespace

Command add_observe(CLI::App& app) {
  auto o = std::make_shared<ObserveOptions>();
  auto* sub = app.add_subcommand("observe", "Synthetic survey data from one simulated replicate (for calibration tests)");
  sub->add_option("scenario", o->scenario, "Scenario file (TOML)")->required();
  sub->add_option("design", o->design, "CSV in the calibration data format: week, indicator, group, value (ignored), n [, sd]")->required();
  sub->add_option("--set", o->set, "Change a parameter first: name=value (repeatable)");
  sub->add_option("--seed,-s", o->seed, "Seed of the simulation and the sampling")->check(CLI::NonNegativeNumber);
  sub->add_option("--out,-o", o->out, "Output CSV (default: standard output)");
  return [o] { return observe(*o); };
}

}  // namespace adoptsim::cli
