#include "comparison_files.hpp"

#include <functional>
#include <stdexcept>

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "atomic_file.hpp"
#include "h5_helpers.hpp"
#include "result_shape.hpp"

namespace adoptsim {

namespace {

// Shortest text that reads back to the same double; NaN is an empty field.
std::string number(double x) { return std::isnan(x) ? std::string() : fmt::format("{}", x); }

// A CSV field, quoted when it has to be.
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

void check(const std::vector<ComparedProgramme>& programmes, const Comparison& c) {
  if (programmes.empty()) throw std::runtime_error("no programmes to write");
  if (c.summary.size() != programmes.size() || c.values.size() != programmes.size())
    throw std::runtime_error(fmt::format("{} programmes, but the comparison has {}", programmes.size(), c.summary.size()));
  for (const auto& p : programmes) {
    if (!p.runs) throw std::runtime_error("programme " + p.name + " has no runs");
    check_ensemble_shape(*p.runs);
    if (p.runs->size() != programmes.front().runs->size() || p.runs->front().weeks != programmes.front().runs->front().weeks)
      throw std::runtime_error("the programmes' runs differ in shape: " + p.name);
  }
}

}  // namespace

std::string comparison_csv(const std::vector<ComparedProgramme>& programmes, const Comparison& c) {
  std::string text = "programme,metric,mean,p05,p95,diff_mean,diff_p05,diff_p95\n";
  for (std::size_t p = 0; p < programmes.size(); ++p)
    for (std::size_t k = 0; k < c.metrics.size(); ++k) {
      const MetricSummary& m = c.summary[p][k];
      text += fmt::format("{},{},{},{},{}", field(programmes[p].name), c.metrics[k].name, number(m.value.mean), number(m.value.p05), number(m.value.p95));
      if (m.has_difference) text += fmt::format(",{},{},{}\n", number(m.difference.mean), number(m.difference.p05), number(m.difference.p95));
      else text += ",,,\n";
    }
  return text;
}

std::string costs_csv(const std::vector<ComparedProgramme>& programmes) {
  std::string text = "programme,item,kind,mean,p05,p95\n";
  auto line = [&](const ComparedProgramme& p, const std::string& item, const std::string& kind, const Interval& iv) {
    text += fmt::format("{},{},{},{},{},{}\n", field(p.name), item, kind, number(iv.mean), number(iv.p05), number(iv.p95));
  };
  // The same rows for every programme, so that they line up in a spreadsheet.
  std::vector<bool> row_used(kCostRows, false), cell_used(kCostRows * kCostKinds, false);
  for (const auto& p : programmes)
    for (int row = 0; row < kCostRows; ++row) {
      if (p.costs.row_used(row)) row_used[static_cast<std::size_t>(row)] = true;
      for (int k = 0; k < kCostKinds; ++k) {
        const Interval& iv = p.costs.at(row, static_cast<CostKind>(k));
        if (iv.mean != 0 || iv.p95 != 0) cell_used[static_cast<std::size_t>(row * kCostKinds + k)] = true;
      }
    }
  for (const auto& p : programmes) {
    for (int row = 0; row < kCostRows; ++row) {
      if (!row_used[static_cast<std::size_t>(row)]) continue;
      for (int k = 0; k < kCostKinds; ++k)
        if (cell_used[static_cast<std::size_t>(row * kCostKinds + k)])
          line(p, cost_row_name(row), std::string(kCostKindNames[static_cast<std::size_t>(k)]), p.costs.at(row, static_cast<CostKind>(k)));
      line(p, cost_row_name(row), "total", p.costs.by_row[static_cast<std::size_t>(row)]);
    }
    for (int k = 0; k < kCostKinds; ++k) line(p, "total", std::string(kCostKindNames[static_cast<std::size_t>(k)]), p.costs.by_kind[static_cast<std::size_t>(k)]);
    line(p, "total", "total", p.costs.total);
  }
  return text;
}

void write_comparison_csv(const std::filesystem::path& dir, const std::vector<ComparedProgramme>& programmes, const Comparison& c) {
  check(programmes, c);
  std::filesystem::create_directories(dir);
  write_text_atomically(dir / "compare.csv", comparison_csv(programmes, c));
  write_text_atomically(dir / "costs.csv", costs_csv(programmes));
}

namespace {

// The file's contents, handed to `sink` (which writes it to a path or into memory).
void comparison_file(const std::function<void(const std::function<void(H5::H5File&)>&)>& sink, const ComparisonMetadata& meta,
                     const std::vector<ComparedProgramme>& programmes, const Comparison& c) {
  using namespace h5;
  check(programmes, c);
  const hsize_t P = programmes.size(), R = programmes.front().runs->size(), M = c.metrics.size();
  const hsize_t T = static_cast<hsize_t>(programmes.front().runs->front().weeks) + 1;
  std::vector<std::string> names, paths, texts, metric_names;
  for (const auto& p : programmes) {
    names.push_back(p.name);
    paths.push_back(p.path);
    texts.push_back(p.text);
  }
  for (const auto& m : c.metrics) metric_names.push_back(m.name);
  std::vector<std::string> cost_rows;
  for (int row = 0; row < kCostRows; ++row) cost_rows.emplace_back(cost_row_name(row));

  sink([&](H5::H5File& file) {
    set_text(file, "program_version", meta.program_version);
    set_text(file, "created", meta.created);
    set_text(file, "goal", meta.goal);
    set_text(file, "currency", meta.currency);
    set_text(file, "description", "adoptsim compare: programmes run on the same replicates (common random numbers); "
                                  "differences are each programme minus the first.");
    set_number<std::uint64_t>(file, "seed", meta.seed);
    set_number<std::int32_t>(file, "replicates", meta.replicates);
    set_number<std::int32_t>(file, "weeks", meta.weeks);
    set_number<std::int32_t>(file, "threads", meta.threads);
    set_number<double>(file, "budget", meta.budget);

    H5::Group g = file.createGroup("programmes");
    H5::DataSet ds = write_strings(g, "name", names);
    describe(ds, "Scenario name of each programme; the first is the one the others are compared with.", "", {"programme"});
    ds = write_strings(g, "scenario_path", paths);
    describe(ds, "The scenario file of each programme as given on the command line.", "", {"programme"});
    ds = write_strings(g, "scenario", texts);
    describe(ds, "The full text of each scenario file as read.", "", {"programme"});

    H5::Group m = file.createGroup("metrics");
    labels(m, "programme", names, "Scenario name of each programme (rows of /programmes).");
    labels(m, "metric", metric_names, "Decision metric.");
    labels(m, "statistic", std::vector<std::string>{"mean", "p05", "p95", "diff_mean", "diff_p05", "diff_p95"}, "Summary statistic.");
    std::vector<double> values, summary;
    for (hsize_t p = 0; p < P; ++p)
      for (hsize_t k = 0; k < M; ++k) {
        values.insert(values.end(), c.values[p][k].begin(), c.values[p][k].end());
        const MetricSummary& s = c.summary[p][k];
        const double nan = std::nan("");
        for (double x : {s.value.mean, s.value.p05, s.value.p95}) summary.push_back(x);
        for (double x : {s.difference.mean, s.difference.p05, s.difference.p95}) summary.push_back(s.has_difference ? x : nan);
      }
    ds = write_array<double>(m, "values", {P, M, R}, values);
    describe(ds, "Each metric in each replicate (probabilities as 0 or 1; NaN where a replicate has no value).", "",
             {"programme", "metric", "replicate"});
    set_names(ds, "metrics", metric_names);
    ds = write_array<double>(m, "summary", {P, M, 6}, summary);
    describe(ds, "Mean and 90 % interval of each metric, and of its paired difference with the first programme "
                 "(for probabilities: confidence intervals, Wilson and Newcombe).", "", {"programme", "metric", "statistic"});
    set_names(ds, "metrics", metric_names);
    set_names(ds, "statistics", std::vector<std::string>{"mean", "p05", "p95", "diff_mean", "diff_p05", "diff_p95"});

    H5::Group t = file.createGroup("timeseries");
    labels(t, "programme", names, "Scenario name of each programme (rows of /programmes).");
    std::vector<std::int32_t> week_numbers(T);
    for (std::size_t w = 0; w < week_numbers.size(); ++w) week_numbers[w] = static_cast<std::int32_t>(w);
    coordinate(t, "week", week_numbers, "Week of the programme: 0 is the state before the first week.", "week");
    auto series = [&](const char* name, auto member, auto tag, const char* description, const char* units) {
      using T_ = decltype(tag);
      std::vector<T_> v;
      for (const auto& p : programmes)
        for (const auto& r : *p.runs) v.insert(v.end(), (r.*member).begin(), (r.*member).end());
      H5::DataSet d = write_array<T_>(t, name, {P, R, T}, v);
      describe(d, description, units, {"programme", "replicate", "week"});
    };
    series("applying", &RunResult::applying, float{}, "Share of the method's users applying the method.", "share 0-1");
    series("goal_share", &RunResult::goal_share, float{}, "Share of the goal group applying the method.", "share 0-1");
    series("cost_cumulative", &RunResult::cost_cumulative, double{}, "Total cost up to and including the week.", meta.currency.c_str());

    H5::Group k = file.createGroup("costs");
    labels(k, "programme", names, "Scenario name of each programme (rows of /programmes).");
    labels(k, "cost_row", cost_rows, "Intervention type, or the programme's fixed costs.");
    labels(k, "cost_kind", kCostKindNames, "Kind of cost.");
    std::vector<double> matrix;
    for (const auto& p : programmes)
      for (const auto& r : *p.runs) matrix.insert(matrix.end(), r.cost_matrix.begin(), r.cost_matrix.end());
    ds = write_array<double>(k, "cost_matrix", {P, R, kCostRows, kCostKinds}, matrix);
    describe(ds, "Cost of the whole run per intervention type (and the programme's fixed costs) and kind of cost.", meta.currency,
             {"programme", "replicate", "cost_row", "cost_kind"});
    set_names(ds, "cost_rows", cost_rows);
    set_names(ds, "cost_kinds", kCostKindNames);
  });
}

}  // namespace

void write_comparison_h5(const std::filesystem::path& path, const ComparisonMetadata& meta, const std::vector<ComparedProgramme>& programmes,
                         const Comparison& c) {
  comparison_file([&](const std::function<void(H5::H5File&)>& fill) { h5::write_file(path, fill); }, meta, programmes, c);
}

std::vector<unsigned char> comparison_h5_image(const ComparisonMetadata& meta, const std::vector<ComparedProgramme>& programmes, const Comparison& c) {
  std::vector<unsigned char> bytes;
  comparison_file([&](const std::function<void(H5::H5File&)>& fill) { bytes = h5::file_image(fill); }, meta, programmes, c);
  return bytes;
}

ComparisonRun::ComparisonRun(const std::vector<std::string>& paths, const std::vector<std::string>& set, int replicates_, std::int64_t seed_, int threads_) {
  if (paths.size() < 2) throw std::invalid_argument("compare needs at least two scenario files");
  for (const auto& path : paths) loaded.push_back(load_scenario(path, set));
  for (const auto& l : loaded) programmes.push_back(l.scenario);
  notes = align_for_comparison(programmes, paths);
  std::vector<std::string> names;
  for (const auto& s : programmes) names.push_back(s.name);
  names = unique_programme_names(names, paths, &name_warnings);
  for (std::size_t p = 0; p < programmes.size(); ++p) programmes[p].name = names[p];
  const Scenario& frame = programmes.front();
  replicates = replicates_ > 0 ? replicates_ : frame.replicates;
  seed = seed_ >= 0 ? static_cast<std::uint64_t>(seed_) : frame.seed;
  threads = threads_ > 0 ? threads_ : hardware_threads();
}

void ComparisonRun::run(EnsembleProgress* progress) {
  // The same seed and replicate numbers for every programme: common random numbers.
  runs.clear();
  for (const auto& s : programmes) runs.push_back(run_ensemble(s, seed, replicates, threads, progress));
  comparison = compare_programmes(programmes.front(), runs);
}

std::vector<ComparedProgramme> ComparisonRun::compared() const {
  std::vector<ComparedProgramme> out;
  for (std::size_t p = 0; p < programmes.size(); ++p) out.push_back({programmes[p].name, loaded[p].path, loaded[p].text, &runs[p], cost_breakdown(runs[p])});
  return out;
}

ComparisonMetadata ComparisonRun::metadata(const std::string& version, const std::string& created) const {
  const Scenario& frame = programmes.front();
  ComparisonMetadata meta;
  meta.program_version = version;
  meta.created = created;
  meta.goal = goal_text(frame.goal);
  meta.currency = frame.currency;
  meta.seed = seed;
  meta.replicates = replicates;
  meta.weeks = frame.weeks;
  meta.threads = threads;
  meta.budget = frame.budget;
  return meta;
}

}  // namespace adoptsim
