// Parameter sweeps (adoptsim sweep, adoptsim.sweep in Python): a design of points, each a list of
// overrides (NAME=VALUE, validated like `--set`), replicates 0..R-1 of every point on the same
// seed (common random numbers), one tidy table of point x replicate x week. docs/sweeps.md.
//
// The work is split into independent units: a design point (run_sweep_point) is a pure function of
// (point's scenario, seed, replicates), and each of its replicates of (scenario, seed, replicate)
// (run_sweep_unit), so a coordinator may hand them to threads, processes or MPI ranks in any
// order and assemble the same bytes.
#pragma once
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ensemble.hpp"
#include "result.hpp"
#include "scenario.hpp"
#include "scenario_loader.hpp"

namespace adoptsim {

// The design: factor names (parameters or dotted scenario keys) and, per point, one TOML value
// text per factor. `origin[p]` says where point p came from, for messages.
struct SweepDesign {
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> values;  // [point][factor]
  std::vector<std::string> origin;               // "--vary" or "design.csv:LINE"
  int points() const { return static_cast<int>(values.size()); }
  // The overrides of point p, as `--set` takes them: NAME=VALUE.
  std::vector<std::string> overrides(int p) const;
};

// Full factorial of `--vary NAME=V1,V2,...` options: the first factor varies slowest. Throws
// std::invalid_argument naming the option for a malformed one or a name given twice. Values are
// TOML values (numbers, true/false, a bare word is a string); a comma always separates values.
SweepDesign full_factorial(const std::vector<std::string>& vary);

// A listed design: a CSV file whose header names the factors and whose rows are the points
// (io/csv.hpp; '#' lines are comments). Problems throw ScenarioError naming file and line.
SweepDesign read_design_csv(const std::filesystem::path& path);

// One weekly output of a unit: a column of the tidy table and a dataset of the HDF5 file.
struct SweepOutput {
  std::string name, description, units;
};
// The outputs, in column order: the share applying, the goal group's share, skill, resistance,
// workload, cumulative cost, leavers, the users per stage, mean need satisfaction, Kirkpatrick.
std::vector<SweepOutput> sweep_outputs(const std::string& currency);

// A unit's weekly outputs, [week][output], weeks 0..r.weeks.
std::vector<double> sweep_unit_outputs(const RunResult& r);

// One unit: replicate `replicate` of the point's scenario on `seed`, its weekly outputs.
std::vector<double> run_sweep_unit(const Scenario& point, std::uint64_t seed, int replicate);

// The points' scenarios: the file with the common overrides `set`, then the point's own. Every
// point is loaded and validated before anything runs; a bad value throws ScenarioError whose
// messages name the point's origin (e.g. "--vary stage.apply_rate=9" or "design.csv:4").
// Throws std::invalid_argument when the points' horizons differ (one table needs one week axis).
std::vector<LoadedScenario> load_sweep_points(const std::filesystem::path& scenario, const std::vector<std::string>& set, const SweepDesign& design);

// One design point: replicates 0..replicates-1 of its scenario on `seed`, on up to `threads`
// threads (sim/ensemble.hpp: the same numbers on any count), values [replicate][week][output].
// The unit a coordinator hands out (cluster/farm.hpp): a pure function of its inputs.
std::vector<double> run_sweep_point(const Scenario& point, std::uint64_t seed, int replicates, int threads, EnsembleProgress* progress = nullptr);

// What a sweep's results are: enough to write its files and to check that checkpointed points
// belong to the same sweep.
struct SweepMetadata {
  std::string program_version, created, scenario_path;
  std::vector<std::string> set;                  // the common overrides
  SweepDesign design;
  std::vector<std::string> point_texts;          // the effective scenario of each point
  std::uint64_t seed = 0;
  int replicates = 0, weeks = 0, threads = 0;
  std::string currency = "EUR";
  // The identity of the sweep for --resume (the checkpoint's key): everything that changes the
  // numbers, not the thread count or the time.
  std::string identity() const;
};

// The tidy table: point, the factors, replicate, week, the outputs; one row per point x
// replicate x week, points in design order. `values[p]` as run_sweep gives them. Numbers are
// written shortest round-trip; factor values as given (strings unquoted).
std::string sweep_csv(const SweepMetadata& meta, const std::vector<std::vector<double>>& values);

// The HDF5 equivalent: coordinates point, replicate, week, factor (dimension scales: xarray opens
// it with named dimensions); `design` [point][factor] (numbers; NaN where a value is not one)
// and `design_text`; each output [point][replicate][week]; the effective scenarios. Atomic.
void write_sweep_h5(const std::filesystem::path& path, const SweepMetadata& meta, const std::vector<std::vector<double>>& values);

}  // namespace adoptsim
