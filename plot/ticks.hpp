// Axis ticks at "nice" steps (1, 2 or 5 times a power of ten) and their labels.
#pragma once
#include <string>
#include <vector>

namespace adoptsim::plot {

struct Ticks {
  double step = 0;
  std::vector<double> values;  // the multiples of step in [lo, hi], ascending
};

// At most max_ticks ticks in [lo, hi], with the smallest nice step that allows it; at least one
// (which a budget under 4 can exceed by one). lo == hi gives that single value; non-finite bounds
// give no ticks.
Ticks nice_ticks(double lo, double hi, int max_ticks);

// [lo, hi] widened to whole steps of the ticks nice_ticks(lo, hi, max_ticks) would choose,
// so that an axis starts and ends on a tick.
void widen_to_ticks(double& lo, double& hi, int max_ticks);

// `decimals` digits after the point, thousands separated by commas: 850000 -> "850,000".
std::string format_number(double v, int decimals);

// A tick label: as many decimals as the step needs; a share as percent (0.25 -> "25%").
std::string format_tick(double v, double step, bool percent = false);

}  // namespace adoptsim::plot
