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
#include "result.hpp"

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

}  // namespace adoptsim
