// The closed-form Bass model (Bass 1969) fitted by least squares to cumulative adopter counts:
// N(t) = m F(t), F(t) = (1 - exp(-(p+q) t)) / (1 + (q/p) exp(-(p+q) t)). The yardstick for the
// agent-based fit to the real diffusion data: three free numbers, no network, no people.
#pragma once
#include <limits>
#include <vector>

namespace adoptsim::calibration {

struct BassFit {
  double p = 0, q = 0, m = 0;  // per unit of t; m in people
  double rmse = 0;             // root mean square error of N(t) over the data points
  std::vector<double> fitted;  // N(t) at the data's times
};

double bass_cumulative(double p, double q, double m, double t);

// Least squares over p and q (Nelder-Mead in log p, log q from a grid of starts) with m solved
// exactly for each (p, q): m = sum(y F) / sum(F^2), held in [0, m_max]. The market cannot be
// larger than the population: pass its size as m_max (the sum of squares is convex in m, so the
// clamped value is the constrained optimum for that p and q).
BassFit fit_bass(const std::vector<double>& t, const std::vector<double>& cumulative,
                 double m_max = std::numeric_limits<double>::infinity());

}  // namespace adoptsim::calibration
