// The pictures of the decision commands, described as charts (plot/chart.hpp) and written as PNG:
// compare draws the programmes' curves with their 90 % bands against the goal and the deadline,
// and their cumulative cost against the budget; optimise draws the cost-probability frontier.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "chart.hpp"
#include "optimiser.hpp"
#include "result.hpp"
#include "scenario.hpp"

namespace adoptsim::cli {

plot::Figure comparison_figure(const Scenario& frame, const std::vector<std::string>& names, const std::vector<std::vector<RunResult>>& runs);

// Every programme run on all replicates as a dot, the frontier with 90 % intervals, the winner,
// the scenario's own programme (`own_cost` < 0: not shown), the required probability and the budget.
plot::Figure frontier_figure(const Scenario& base, const OptimiseSettings& settings, const OptimiseResult& result, double own_cost,
                             double own_probability);

// Renders and writes the figure (atomically). A picture is an extra: if it cannot be drawn (no
// font installed, say), the reason is returned and the command goes on; "" when it was written.
std::string save_figure(const plot::Figure& figure, const std::filesystem::path& path);

}  // namespace adoptsim::cli
