// The ensemble in two small tables for spreadsheets and reports: the weekly share applying with
// its 90 % band (applying.csv) and the headline metrics (summary.csv).
#pragma once
#include <filesystem>
#include <vector>

#include "result.hpp"
#include "scenario.hpp"
#include "summary.hpp"

namespace adoptsim {

// Writes `dir`/applying.csv (week,mean,p05,p50,p95; weeks 0..s.weeks) and `dir`/summary.csv
// (metric,mean,p05,p50,p95,n), each atomically; creates `dir` if missing. Numbers round-trip;
// NaN is an empty field. Throws std::runtime_error when `runs` is empty, the replicates differ in
// shape, or they were not run for s.weeks weeks.
void write_csv(const std::filesystem::path& dir, const Scenario& s, const std::vector<RunResult>& runs,
               const EnsembleSummary& summary);
// The same from the bands of /timeseries/applying and /timeseries/goal_share (e.g. read back from a
// streamed results file).
void write_csv(const std::filesystem::path& dir, const Band& users, const Band& goal_group, const EnsembleSummary& summary);

}  // namespace adoptsim
