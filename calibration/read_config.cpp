#include "read_config.hpp"

#include <fstream>
#include <sstream>

#include "bass_comparison.hpp"
#include "file_names.hpp"
#include "input_file.hpp"
#include "organisation.hpp"
#include "toml_reader.hpp"

namespace adoptsim::calibration {

using namespace toml_reading;

namespace {

void read_parameter(Reader& r, const toml::table& t, const std::string& path, const Scenario& base, FittedParameter& p) {
  r.keys(t, path, {"name", "prior", "min", "max"});
  if (!r.string(t, path, "name", p.name)) {
    r.error(r.pos(t), path + ".name", "missing: a parameter name of `adoptsim params`, or a family such as \"readiness.*\"");
    return;
  }
  p.rows = rows_named(p.name);
  p.factor = p.name.ends_with(".*");
  if (p.rows.empty()) {
    std::vector<std::string_view> names;
    for (const auto& row : kParamTable) names.push_back(row.name);
    const std::string hint = closest(p.name, names);
    r.error(*t.get("name"), path + ".name",
            hint.empty() ? fmt::format("'{}' is not a parameter (`adoptsim params` lists them; \"prefix.*\" scales a family)", p.name)
                         : fmt::format("'{}' is not a parameter; did you mean '{}'?", p.name, hint));
    return;
  }
  if (!t.get("prior")) r.error(r.pos(t), path + ".prior", "missing: \"uniform\" or \"log_uniform\"");
  r.choice(t, path, "prior", kPriorNames, p.prior);
  const bool has_min = r.number(t, path, "min", p.min, -1e12, 1e12), has_max = r.number(t, path, "max", p.max, -1e12, 1e12);
  if (!t.get("min")) r.error(r.pos(t), path + ".min", "missing: the prior's lower bound");
  if (!t.get("max")) r.error(r.pos(t), path + ".max", "missing: the prior's upper bound");
  if (!has_min || !has_max) return;
  if (!(p.min < p.max)) r.error(r.where(path + ".max"), path + ".max", fmt::format("must be above min ({:g})", p.min));
  if (p.prior == Prior::log_uniform && !(p.min > 0)) r.error(r.where(path + ".min"), path + ".min", "a log-uniform prior needs min > 0");
  // The prior must stay inside the parameter table's range (for a family: after scaling).
  for (Param row : p.rows) {
    const ParamInfo& in = info(row);
    const double lo = p.factor ? base.parameters[row] * p.min : p.min, hi = p.factor ? base.parameters[row] * p.max : p.max;
    if (p.factor && p.min < 0) {
      r.error(r.where(path + ".min"), path + ".min", "a factor must be 0 or more");
      break;
    }
    if (lo < in.min || hi > in.max) {
      r.error(r.where(path + (lo < in.min ? ".min" : ".max")), path + (lo < in.min ? ".min" : ".max"),
              fmt::format("{} ranges over [{:g}, {:g}] but {} allows [{:g}, {:g}]", p.name, lo, hi, in.name, in.min, in.max));
      break;
    }
  }
}

}  // namespace

CalibrationConfig parse_calibration(const std::string& text, const std::string& path) {
  CalibrationConfig c;
  c.path = path;
  c.text = text;
  Reader r(path);
  const toml::table root = parse_toml(text, path);
  r.keys(root, "", {"calibration", "data", "distance", "parameter", "abc_smc", "nelder_mead", "output"});
  const toml::table* cal = r.table(root, "", "calibration");
  std::string scenario_path;
  if (!cal) {
    r.error(Position{1, 1, {}}, "calibration", "missing [calibration] table (scenario, seed, replicates, algorithm)");
  } else {
    r.keys(*cal, "calibration", {"name", "scenario", "seed", "replicates", "algorithm", "predictive_draws"});
    r.string(*cal, "calibration", "name", c.name);
    if (!r.string(*cal, "calibration", "scenario", scenario_path)) r.error(r.pos(*cal), "calibration.scenario", "missing: the scenario file to calibrate");
    std::int64_t seed = 1;
    if (r.number(*cal, "calibration", "seed", seed, 0, 9.0e15)) c.seed = static_cast<std::uint64_t>(seed);
    r.number(*cal, "calibration", "replicates", c.problem.replicates, 1, 10000);
    r.choice(*cal, "calibration", "algorithm", kAlgorithmNames, c.algorithm);
    r.number(*cal, "calibration", "predictive_draws", c.predictive_draws, 1, 1e6);
  }
  if (const toml::table* d = r.table(root, "", "data")) {
    r.keys(*d, "data", {"file", "format", "weeks_per_period", "communities"});
    if (!r.string(*d, "data", "file", c.data.file)) r.error(r.pos(*d), "data.file", "missing: the observed data (CSV)");
    r.choice(*d, "data", "format", kDataFormatNames, c.data.format);
    r.number(*d, "data", "weeks_per_period", c.data.weeks_per_period, 1, 1040);
    if (const toml::node* list = d->get("communities")) {
      c.data.communities.clear();
      if (!list->is_array()) r.error(*list, "data.communities", "must be a list of community names, e.g. [\"all\"]");
      else
        for (const auto& x : *list->as_array()) {
          if (x.is_string()) c.data.communities.push_back(*x.value<std::string>());
          else r.error(x, "data.communities", "community names are strings");
        }
    }
    if (c.data.format == DataFormat::observations && (d->get("weeks_per_period") || d->get("communities")))
      r.error(r.where("data.format"), "data.format", "weeks_per_period and communities belong to format = \"cumulative_adoption\"");
  } else {
    r.error(Position{1, 1, {}}, "data", "missing [data] table (file, format)");
  }
  if (const toml::table* d = r.table(root, "", "distance")) {
    r.keys(*d, "distance", {"default_sd", "kind"});
    r.number(*d, "distance", "default_sd", c.problem.distance.default_sd, 1e-6, 1);
    r.choice(*d, "distance", "kind", kDistanceKindNames, c.problem.distance.kind);
  }
  if (const toml::table* a = r.table(root, "", "abc_smc")) {
    r.keys(*a, "abc_smc", {"particles", "generations", "quantile", "min_acceptance", "min_epsilon_change", "target_epsilon", "kernel_scale",
                                   "max_replicates", "noise_limit", "noise_evaluations", "noise_floor_stop"});
    r.number(*a, "abc_smc", "particles", c.abc.particles, 10, 1e6);
    r.number(*a, "abc_smc", "generations", c.abc.generations, 1, 1000);
    r.number(*a, "abc_smc", "quantile", c.abc.quantile, 0.05, 0.95);
    r.number(*a, "abc_smc", "min_acceptance", c.abc.min_acceptance, 1e-4, 1);
    r.number(*a, "abc_smc", "min_epsilon_change", c.abc.min_epsilon_change, 0, 1);
    r.number(*a, "abc_smc", "target_epsilon", c.abc.target_epsilon, 0, 1e12);
    r.number(*a, "abc_smc", "kernel_scale", c.abc.kernel_scale, 0.01, 100);
    r.number(*a, "abc_smc", "max_replicates", c.abc.max_replicates, 0, 10000);
    r.number(*a, "abc_smc", "noise_limit", c.abc.noise_limit, 0.001, 10);
    r.number(*a, "abc_smc", "noise_evaluations", c.abc.noise_evaluations, 0, 1000);
    r.boolean(*a, "abc_smc", "noise_floor_stop", c.abc.noise_floor_stop);
  }
  if (const toml::table* n = r.table(root, "", "nelder_mead")) {
    r.keys(*n, "nelder_mead", {"max_evaluations", "initial_step", "tolerance", "restarts", "start"});
    r.choice(*n, "nelder_mead", "start", kSearchStartNames, c.start);
    r.number(*n, "nelder_mead", "max_evaluations", c.nelder_mead.max_evaluations, 2, 1e7);
    r.number(*n, "nelder_mead", "initial_step", c.nelder_mead.initial_step, 1e-4, 1);
    r.number(*n, "nelder_mead", "tolerance", c.nelder_mead.tolerance, 0, 1e6);
    r.number(*n, "nelder_mead", "restarts", c.nelder_mead.restarts, 0, 100);
  }
  if (const toml::table* o = r.table(root, "", "output")) {
    r.keys(*o, "output", {"file", "csv", "picture"});
    r.string(*o, "output", "file", c.out);
    r.string(*o, "output", "csv", c.csv);
    r.string(*o, "output", "picture", c.picture);
  }

  // The scenario: its own problems are reported as they are (they name its file).
  if (!scenario_path.empty()) {
    try {
      c.scenario = load_scenario(scenario_path);
    } catch (const ScenarioError& e) {
      r.diagnostics.insert(r.diagnostics.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!r.diagnostics.empty()) throw ScenarioError(r.diagnostics);
  const Scenario& s = c.scenario.scenario;
  if (c.name.empty()) c.name = s.name;

  r.each_table(root, "", "parameter", [&](const toml::table& spec, const std::string& p) {
    FittedParameter fp;
    read_parameter(r, spec, p, s, fp);
    for (const auto& other : c.problem.space.parameters)
      for (Param row : fp.rows)
        if (std::find(other.rows.begin(), other.rows.end(), row) != other.rows.end()) {
          r.error(r.pos(spec), p + ".name", fmt::format("{} is already fitted by '{}'", info(row).name, other.name));
          return;
        }
    c.problem.space.parameters.push_back(fp);
  });
  if (c.problem.space.parameters.empty()) r.error(Position{1, 1, {}}, "parameter", "no parameters to fit: add at least one [[parameter]]");

  const Structure st = build_structure(s);
  std::vector<Diagnostic> data_problems;
  c.problem.observations = read_observations(c.data, st, data_problems);
  for (auto& d : data_problems)  // a data file that cannot be read is named at its key
    if (d.line == 0) {
      const Position at = r.where("data.file");
      d = {path, at.line, at.column, "data.file", d.message};
    }
  r.diagnostics.insert(r.diagnostics.end(), data_problems.begin(), data_problems.end());
  for (const auto& o : c.problem.observations)
    if (o.week > s.weeks) r.diagnostics.push_back({o.source, o.line, 1, "week", fmt::format("week {} is beyond the scenario's horizon of {} weeks", o.week, s.weeks)});
  if (!r.diagnostics.empty()) throw ScenarioError(r.diagnostics);

  c.problem.scenario = s;
  if (c.start == SearchStart::bass) {
    const auto start = bass_equivalent_start(c.problem, c.data.format == DataFormat::cumulative_adoption ? c.data.weeks_per_period : 1);
    if (start) c.start_values = start->values;
    else
      r.error(r.where("nelder_mead.start"), "nelder_mead.start",
              "\"bass\" needs an `adopted` series of at least three observations and adoption.innovation or adoption.imitation among the "
              "fitted parameters");
    if (!r.diagnostics.empty()) throw ScenarioError(r.diagnostics);
  }
  c.abc.seed = c.seed;
  c.abc.replicates = c.problem.replicates;
  // The name is text from a file: it may not choose a folder (io/file_names.hpp).
  const std::string stem = safe_file_name(c.name);
  if (c.out.empty()) c.out = "outputs/" + stem + "_calibration.h5";
  if (c.csv.empty()) c.csv = "outputs/" + stem + "_fit.csv";
  if (c.picture.empty()) c.picture = "outputs/" + stem + "_fit.png";
  return c;
}

CalibrationConfig load_calibration(const std::string& path) {
  std::string why;
  const auto text = read_input_file(path, why);
  if (!text) throw ScenarioError({{path, 1, 1, "", fmt::format("cannot read the calibration set-up: the file {}", why)}});
  return parse_calibration(*text, path);
}

}  // namespace adoptsim::calibration
