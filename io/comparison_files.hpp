// The results of `adoptsim compare` as files: compare.csv (one row per programme and metric),
// costs.csv (the cost breakdown per programme) and one HDF5 file with every replicate's metrics,
// curves and cost matrix. Layouts: outputs/README.md.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "comparison.hpp"
#include "costs.hpp"
#include "ensemble.hpp"
#include "result.hpp"
#include "scenario_loader.hpp"

namespace adoptsim {

struct ComparedProgramme {
  std::string name;          // scenario name
  std::string path;          // scenario file as given
  std::string text;          // the file's text, so the comparison can be redone
  const std::vector<RunResult>* runs = nullptr;
  CostBreakdown costs;
};

struct ComparisonMetadata {
  std::string program_version, created, goal, currency = "EUR";
  std::uint64_t seed = 0;
  int replicates = 0, weeks = 0, threads = 0;
  double budget = 0;
};

// compare.csv: programme,metric,mean,p05,p95,diff_mean,diff_p05,diff_p95 (the diff fields are
// empty for the first programme, and a NaN is an empty field).
std::string comparison_csv(const std::vector<ComparedProgramme>& programmes, const Comparison& c);
// costs.csv: programme,item,kind,mean,p05,p95; item is an intervention type, "programme" (the
// project leader) or "total", kind a kind of cost or "total". Cells paid in no programme are left out.
std::string costs_csv(const std::vector<ComparedProgramme>& programmes);
// Both, atomically, into `dir` (created if missing).
void write_comparison_csv(const std::filesystem::path& dir, const std::vector<ComparedProgramme>& programmes, const Comparison& c);

void write_comparison_h5(const std::filesystem::path& path, const ComparisonMetadata& meta, const std::vector<ComparedProgramme>& programmes,
                         const Comparison& c);
// The bytes of the same file, made in memory (for the Python module).
std::vector<unsigned char> comparison_h5_image(const ComparisonMetadata& meta, const std::vector<ComparedProgramme>& programmes, const Comparison& c);

// `adoptsim compare` up to its files, for the command line and the Python module alike: the
// scenario files loaded (each with the overrides `set`), aligned (the first one's goal and
// budget for all), uniquely named, then run on the same seed and replicates (common random
// numbers) and compared.
struct ComparisonRun {
  std::vector<LoadedScenario> loaded;
  std::vector<Scenario> programmes;                 // aligned, uniquely named
  std::vector<std::string> notes, name_warnings;    // what else differs; names made unique
  std::uint64_t seed = 0;
  int replicates = 0, threads = 0;
  std::vector<std::vector<RunResult>> runs;         // [programme][replicate], after run()
  Comparison comparison;
  // Loads and aligns. replicates 0 / seed < 0: the first scenario's; threads 0: all.
  ComparisonRun(const std::vector<std::string>& paths, const std::vector<std::string>& set, int replicates, std::int64_t seed, int threads);
  void run(EnsembleProgress* progress = nullptr);
  std::vector<ComparedProgramme> compared() const;  // after run()
  ComparisonMetadata metadata(const std::string& version, const std::string& created) const;
};

}  // namespace adoptsim
