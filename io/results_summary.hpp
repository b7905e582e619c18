// The summaries of an ensemble read back from its results file, for ensembles too big to hold in
// memory (a streamed `run`). Each equals, bit for bit, the same summary computed from the runs in
// memory (summarise, cost_breakdown, check_budget, band_of): the same values in the same replicate
// order go through the same functions. Memory: a few columns of one value per replicate at a time
// (the cost matrix: 98 per replicate; the band: one series).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "costs.hpp"
#include "result.hpp"
#include "scenario.hpp"
#include "summary.hpp"

namespace adoptsim {

struct ResultsFileSummary {
  EnsembleSummary summary;
  CostBreakdown costs;
  BudgetCheck budget;
};

// Throws std::runtime_error naming the file when it cannot be read or lacks a dataset.
ResultsFileSummary summarise_results_file(const std::filesystem::path& file, const Scenario& s,
                                          std::vector<int> milestones = {13, 26, 52, 104});

// Per replicate, the totals (/replicates) and the programme's events (rule firings, phase starts):
// RunResults without weekly series or per-person records, for the reports that need only those.
std::vector<RunResult> results_file_totals(const std::filesystem::path& file);

// Per week over replicates, of an R x T series such as /timeseries/applying (for applying.csv).
Band band_of_file(const std::filesystem::path& file, const std::string& series);

}  // namespace adoptsim
