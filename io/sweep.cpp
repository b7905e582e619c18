#include "sweep.hpp"

#include <cmath>
#include <exception>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "atomic_file.hpp"
#include "csv.hpp"
#include "h5_helpers.hpp"
#include "input_file.hpp"
#include "model.hpp"

namespace adoptsim {

std::vector<std::string> SweepDesign::overrides(int p) const {
  std::vector<std::string> out;
  for (std::size_t f = 0; f < names.size(); ++f) out.push_back(names[f] + "=" + values[static_cast<std::size_t>(p)][f]);
  return out;
}

SweepDesign full_factorial(const std::vector<std::string>& vary) {
  SweepDesign d;
  std::vector<std::vector<std::string>> levels;
  for (const auto& text : vary) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
      throw std::invalid_argument(fmt::format("--vary {}: expected NAME=V1,V2,..., e.g. --vary stage.apply_rate=0.05,0.1,0.2", text));
    const std::string name = text.substr(0, eq);
    for (const auto& n : d.names)
      if (n == name) throw std::invalid_argument(fmt::format("--vary {}: '{}' is varied twice; list all its values in one --vary", text, name));
    std::vector<std::string> values;
    for (std::size_t start = eq + 1;;) {
      const auto comma = text.find(',', start);
      std::string v = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (v.empty()) throw std::invalid_argument(fmt::format("--vary {}: an empty value", text));
      values.push_back(std::move(v));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    d.names.push_back(name);
    levels.push_back(std::move(values));
  }
  if (d.names.empty()) return d;
  std::size_t total = 1;
  for (const auto& l : levels) {
    total *= l.size();
    if (total > 1'000'000) throw std::invalid_argument("--vary: more than 1,000,000 design points");
  }
  std::vector<std::size_t> at(levels.size(), 0);
  for (std::size_t p = 0; p < total; ++p) {
    std::vector<std::string> point;
    for (std::size_t f = 0; f < levels.size(); ++f) point.push_back(levels[f][at[f]]);
    d.values.push_back(std::move(point));
    d.origin.push_back("--vary");
    for (std::size_t f = levels.size(); f-- > 0;) {  // the last factor varies fastest
      if (++at[f] < levels[f].size()) break;
      at[f] = 0;
    }
  }
  return d;
}

SweepDesign read_design_csv(const std::filesystem::path& path) {
  std::vector<Diagnostic> problems;
  const CsvTable t = read_csv(path.string(), problems);
  if (!problems.empty()) throw ScenarioError(problems);
  if (t.header.empty()) throw ScenarioError({{path.string(), 1, 1, "", "empty design: a header row of names, then one row per design point"}});
  if (t.rows.empty()) throw ScenarioError({{path.string(), 1, 1, "", "no design points: one row per point after the header"}});
  SweepDesign d;
  d.names = t.header;
  for (std::size_t c = 0; c < t.header.size(); ++c)
    if (t.header[c].empty()) problems.push_back({path.string(), 1, static_cast<int>(c + 1), "", "empty column name"});
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.cells.size(); ++c)
      if (row.cells[c].empty()) problems.push_back({path.string(), row.line, static_cast<int>(c + 1), t.header[c], "empty value"});
    d.values.push_back(row.cells);
    d.origin.push_back(fmt::format("{}:{}", path.string(), row.line));
  }
  if (!problems.empty()) throw ScenarioError(problems);
  return d;
}

std::vector<SweepOutput> sweep_outputs(const std::string& currency) {
  std::vector<SweepOutput> o{
      {"applying", "Share of the method's users applying the method (stage change or maintenance).", "share 0-1"},
      {"goal_share", "Share of the goal group applying the method.", "share 0-1"},
      {"skill_mean", "Mean skill in the method of the method's users.", "skill 0-1"},
      {"resistance_mean", "Mean resistance of the method's users.", "resistance 0-1"},
      {"workload", "The organisation's workload.", "workload 0-1"},
      {"cost_cumulative", "Total cost of the programme up to and including the week.", currency},
      {"leavers_cumulative", "People who left the organisation up to and including the week.", "people"},
  };
  for (auto s : kStageNames) o.push_back({"stage_" + std::string(s), fmt::format("Method's users in the stage {}.", s), "people"});
  for (auto n : kNeedNames) o.push_back({"need_" + std::string(n), fmt::format("Mean satisfaction of the need for {} among the method's users.", n), "satisfaction 0-1"});
  for (auto k : kKirkpatrickNames) o.push_back({"kirkpatrick_" + std::string(k), fmt::format("Kirkpatrick level {}.", k), "score 0-1"});
  return o;
}

namespace {
constexpr std::size_t kOutputs = 7 + kStages + kNeeds + 4;
constexpr std::size_t kDoubleOutputs[] = {5};  // cost: double precision; the rest are single or counts
}  // namespace

std::vector<double> sweep_unit_outputs(const RunResult& r) {
  const auto weeks = static_cast<std::size_t>(r.weeks) + 1;
  std::vector<double> out;
  out.reserve(weeks * kOutputs);
  for (std::size_t w = 0; w < weeks; ++w) {
    out.insert(out.end(), {r.applying[w], r.goal_share[w], r.skill_mean[w], r.resistance_mean[w], r.workload[w], r.cost_cumulative[w],
                           static_cast<double>(r.leavers_cumulative[w])});
    for (std::size_t s = 0; s < kStages; ++s) out.push_back(r.stage_counts[w * kStages + s]);
    for (std::size_t n = 0; n < kNeeds; ++n) out.push_back(r.needs_mean[w * kNeeds + n]);
    for (std::size_t k = 0; k < 4; ++k) out.push_back(r.kirkpatrick[w * 4 + k]);
  }
  return out;
}

std::vector<double> run_sweep_unit(const Scenario& point, std::uint64_t seed, int replicate) {
  return sweep_unit_outputs(run_replicate(point, seed, replicate));
}

std::vector<LoadedScenario> load_sweep_points(const std::filesystem::path& scenario, const std::vector<std::string>& set, const SweepDesign& design) {
  const LoadedScenario common = load_scenario(scenario, set);  // the file and --set: their own messages
  std::vector<LoadedScenario> points;
  std::vector<Diagnostic> problems;
  for (int p = 0; p < design.points(); ++p) {
    std::vector<std::string> overrides = set;
    const std::vector<std::string> own = design.overrides(p);
    overrides.insert(overrides.end(), own.begin(), own.end());
    try {
      points.push_back(load_scenario(scenario, overrides));
    } catch (const ScenarioError& e) {
      // A point's value is named by where it came from: the --vary option or the design's line.
      for (Diagnostic d : e.diagnostics()) {
        for (std::size_t f = 0; f < own.size(); ++f)
          if (d.file == "--set " + own[f]) {
            const std::string& origin = design.origin[static_cast<std::size_t>(p)];
            if (origin == "--vary") {
              d.file = "--vary " + own[f];
            } else {
              const auto colon = origin.rfind(':');
              d.file = origin.substr(0, colon);
              d.line = std::stoi(origin.substr(colon + 1));
              d.column = static_cast<int>(f + 1);
            }
          }
        if (std::find_if(problems.begin(), problems.end(), [&](const Diagnostic& x) { return x.str() == d.str(); }) == problems.end())
          problems.push_back(std::move(d));
      }
      if (problems.size() > 50) break;
    }
  }
  if (!problems.empty()) throw ScenarioError(problems);
  for (const auto& l : points)
    if (l.scenario.weeks != common.scenario.weeks)
      throw std::invalid_argument(fmt::format("the design points' horizons differ ({} and {} weeks): a sweep has one week axis; set scenario.weeks with --set",
                                              common.scenario.weeks, l.scenario.weeks));
  return points;
}

std::vector<double> run_sweep_point(const Scenario& point, std::uint64_t seed, int replicates, int threads, EnsembleProgress* progress) {
  std::vector<double> out;
  for (const RunResult& r : run_ensemble(point, seed, replicates, threads, progress)) {
    const std::vector<double> v = sweep_unit_outputs(r);
    out.insert(out.end(), v.begin(), v.end());
  }
  return out;
}

std::string SweepMetadata::identity() const {
  std::string s = fmt::format("adoptsim sweep\nseed {}\nreplicates {}\nweeks {}\nfactors", seed, replicates, weeks);
  for (const auto& n : design.names) s += " " + n;
  s += "\n";
  for (std::size_t p = 0; p < design.values.size(); ++p) {
    s += fmt::format("point {}:", p);
    for (const auto& v : design.values[p]) s += " " + v;
    s += "\n";
  }
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a of the scenarios: the checkpoint's numbers came from these
  for (const auto& t : point_texts)
    for (unsigned char c : t) h = (h ^ c) * 1099511628211ULL;
  return s + fmt::format("scenarios {:016x}\nprogram {}\n", h, program_version);
}

namespace {

// Shortest text reading back to the value: single-precision outputs as floats, cost as double,
// counts as integers; NaN empty.
std::string number(double v, bool single) {
  if (std::isnan(v)) return "";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
  return single ? fmt::format("{}", static_cast<float>(v)) : fmt::format("{}", v);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A design value as a reader wants it: a TOML string without its quotes, anything else as typed.
std::string plain_value(const std::string& v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) return v.substr(1, v.size() - 2);
  return v;
}

}  // namespace

std::string sweep_csv(const SweepMetadata& meta, const std::vector<std::vector<double>>& values) {
  const auto outputs = sweep_outputs(meta.currency);
  std::string out = "point";
  for (const auto& n : meta.design.names) out += "," + csv_field(n);
  out += ",replicate,week";
  for (const auto& o : outputs) out += "," + o.name;
  out += "\n";
  const auto weeks = static_cast<std::size_t>(meta.weeks) + 1;
  std::vector<bool> single(kOutputs, true);
  for (std::size_t k : kDoubleOutputs) single[k] = false;
  for (std::size_t p = 0; p < values.size(); ++p) {
    std::string prefix = std::to_string(p);
    for (const auto& v : meta.design.values[p]) prefix += "," + csv_field(plain_value(v));
    for (int r = 0; r < meta.replicates; ++r)
      for (std::size_t w = 0; w < weeks; ++w) {
        out += prefix;
        out += fmt::format(",{},{}", r, w);
        const double* row = values[p].data() + (static_cast<std::size_t>(r) * weeks + w) * kOutputs;
        for (std::size_t k = 0; k < kOutputs; ++k) out += "," + number(row[k], single[k]);
        out += "\n";
      }
  }
  return out;
}

void write_sweep_h5(const std::filesystem::path& path, const SweepMetadata& meta, const std::vector<std::vector<double>>& values) {
  using namespace h5;
  const auto outputs = sweep_outputs(meta.currency);
  const auto P = values.size(), F = meta.design.names.size(), W = static_cast<std::size_t>(meta.weeks) + 1, R = static_cast<std::size_t>(meta.replicates);
  write_file(path, [&](H5::H5File& f) {
    set_text(f, "program_version", meta.program_version);
    set_text(f, "created", meta.created);
    set_text(f, "description", "adoptsim sweep: every design point run on replicates 0..R-1 of one seed (common random numbers); "
                               "the outputs per design point, replicate and week.");
    set_text(f, "scenario_path", meta.scenario_path);
    set_text(f, "scenario", meta.point_texts.empty() ? std::string() : meta.point_texts.front());
    std::string set;
    for (const auto& s : meta.set) set += (set.empty() ? "" : " ") + ("--set " + s);
    set_text(f, "set", set);
    set_number<std::uint64_t>(f, "seed", meta.seed);
    set_number<std::int32_t>(f, "replicates", meta.replicates);
    set_number<std::int32_t>(f, "weeks", meta.weeks);
    set_number<std::int32_t>(f, "threads", meta.threads);
    H5::Group g = f.openGroup("/");
    std::vector<std::int32_t> ids(P), reps(R), weeks(W);
    for (std::size_t k = 0; k < P; ++k) ids[k] = static_cast<std::int32_t>(k);
    for (std::size_t k = 0; k < R; ++k) reps[k] = static_cast<std::int32_t>(k);
    for (std::size_t k = 0; k < W; ++k) weeks[k] = static_cast<std::int32_t>(k);
    coordinate(g, "point", ids, "Design point (row of the design).");
    coordinate(g, "replicate", reps, "Replicate number: the same random streams at every design point.");
    coordinate(g, "week", weeks, "Week of the programme; 0 is the state before the first week.", "week");
    labels(g, "factor", meta.design.names, "Parameter or scenario key varied.");
    std::vector<double> design(P * F, std::nan(""));
    std::vector<std::string> text(P * F);
    for (std::size_t p = 0; p < P; ++p)
      for (std::size_t k = 0; k < F; ++k) {
        text[p * F + k] = plain_value(meta.design.values[p][k]);
        if (const auto x = parse_double(meta.design.values[p][k])) design[p * F + k] = *x;
      }
    H5::DataSet ds = write_matrix(g, "design", design, P, F);
    describe(ds, "Value of each factor at each design point (NaN where the value is not a number: see design_text).", "", {"point", "factor"});
    {
      const hsize_t dims[2] = {P, F};
      const H5::StrType type = text_type();
      H5::DataSet t = g.createDataSet("design_text", type, H5::DataSpace(2, dims));
      std::vector<const char*> ptrs;
      for (const auto& s : text) ptrs.push_back(s.c_str());
      if (!ptrs.empty()) t.write(ptrs.data(), type);
      describe(t, "Value of each factor at each design point, as given.", "", {"point", "factor"});
    }
    ds = write_strings(g, "point_scenario", meta.point_texts);
    describe(ds, "The effective scenario of each design point (the file with the overrides), as TOML.", "", {"point"});
    for (std::size_t k = 0; k < outputs.size(); ++k) {
      std::vector<double> v(P * R * W);
      for (std::size_t p = 0; p < P; ++p)
        for (std::size_t i = 0; i < R * W; ++i) v[p * R * W + i] = values[p][i * kOutputs + k];
      H5::DataSet o = write_array(g, outputs[k].name.c_str(), {P, R, W}, v);
      describe(o, outputs[k].description, outputs[k].units, {"point", "replicate", "week"});
    }
  });
}

}  // namespace adoptsim
