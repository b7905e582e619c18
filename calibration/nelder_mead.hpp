// A fast point estimate: Nelder-Mead simplex search (with the adaptive coefficients of Gao & Han
// 2012) on the unit cube of the parameter space. The objective should use common random numbers
// (the same simulation seed for every evaluation) so that differences between points are not
// swamped by simulation noise. Points outside the cube are projected onto it. After convergence
// the search restarts from the best point with a fresh simplex, `restarts` times, which guards
// against a collapsed simplex.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace adoptsim::calibration {

struct NelderMeadSettings {
  int max_evaluations = 300;
  double initial_step = 0.15;  // edge of the first simplex, as a share of each parameter's range
  double tolerance = 1e-3;     // stop when the simplex's values differ by less than this
  int restarts = 2;
};

struct NelderMeadResult {
  std::vector<double> best;       // unit-cube coordinates
  double value = 0;
  int evaluations = 0;
  std::vector<double> trace;      // best value after each evaluation
  bool converged = false;         // the last round's simplex values came within the tolerance
  std::string stop_reason;        // why the search stopped, in words
  // Per parameter: the estimate lies on a bound of the prior (within 1e-3 of the range): the data
  // may want a value outside it, so the range should be widened or the estimate read as a limit.
  std::vector<bool> on_bound;
};

NelderMeadResult nelder_mead(const std::function<double(const std::vector<double>&)>& f, std::vector<double> start,
                             const NelderMeadSettings& settings);

}  // namespace adoptsim::calibration
