// Reading series data: stacked sums and interpolation (for layout, legend placement, hover).
#pragma once
#include <vector>

#include "chart.hpp"

namespace adoptsim::plot {

// tops[k][i]: the sum of layers 0..k at x[i], NaN counted as 0; one entry per x.
std::vector<std::vector<double>> stack_tops(const StackedArea& area);
// The sum of all layers per x (zeros without layers).
std::vector<double> stack_total(const StackedArea& area);

// y at x by linear interpolation in (xs, ys), xs ascending; NaN outside, or next to a gap.
double interpolate(const std::vector<double>& xs, const std::vector<double>& ys, double x);

}  // namespace adoptsim::plot
