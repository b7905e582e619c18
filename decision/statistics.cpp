#include "statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace adoptsim {

Proportion wilson(int successes, int n, double z) {
  Proportion p;
  p.successes = successes;
  p.n = n;
  if (n <= 0) return p;
  const double nn = n, phat = successes / nn, z2 = z * z;
  const double centre = (phat + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z / (1 + z2 / nn) * std::sqrt(phat * (1 - phat) / nn + z2 / (4 * nn * nn));
  p.estimate = phat;
  // At 0 and n the bound is exactly the estimate; rounding must not move it past.
  p.low = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  p.high = successes == n ? 1.0 : std::min(1.0, centre + half);
  return p;
}

double exact_lower_bound(int successes, int n, double alpha) {
  if (n <= 0 || successes <= 0) return 0.0;
  return boost::math::binomial_distribution<>::find_lower_bound_on_p(n, successes, alpha);
}

double exact_upper_bound(int successes, int n, double alpha) {
  if (n <= 0 || successes >= n) return 1.0;
  return boost::math::binomial_distribution<>::find_upper_bound_on_p(n, successes, alpha);
}

double normal_quantile_above(double alpha) { return boost::math::quantile(boost::math::complement(boost::math::normal(), alpha)); }

PairedCounts paired_counts(const std::vector<bool>& a, const std::vector<bool>& b) {
  PairedCounts c;
  for (std::size_t r = 0; r < std::min(a.size(), b.size()); ++r) {
    if (a[r] && b[r]) ++c.both;
    else if (a[r]) ++c.only_a;
    else if (b[r]) ++c.only_b;
    else ++c.neither;
  }
  return c;
}

Difference paired_difference(const PairedCounts& c, double z) {
  Difference d;
  const int n = c.n();
  if (n == 0) {
    d.low = -1, d.high = 1;
    return d;
  }
  const Proportion a = wilson(c.both + c.only_a, n, z), b = wilson(c.both + c.only_b, n, z);
  d.estimate = b.estimate - a.estimate;
  // Correlation of the two outcomes over replicates; the continuity correction shrinks a
  // positive one, which widens the interval a little (Newcombe 1998, Altman et al. 2000).
  const double margins = static_cast<double>(c.both + c.only_a) * (c.only_b + c.neither) * (c.both + c.only_b) * (c.only_a + c.neither);
  double phi = 0;
  if (margins > 0) {
    const double cross = static_cast<double>(c.both) * c.neither - static_cast<double>(c.only_a) * c.only_b;
    const double corrected = cross > n / 2.0 ? cross - n / 2.0 : (cross < 0 ? cross : 0.0);
    phi = corrected / std::sqrt(margins);
  }
  const double b_down = b.estimate - b.low, b_up = b.high - b.estimate;
  const double a_down = a.estimate - a.low, a_up = a.high - a.estimate;
  d.low = d.estimate - std::sqrt(std::max(0.0, b_down * b_down - 2 * phi * b_down * a_up + a_up * a_up));
  d.high = d.estimate + std::sqrt(std::max(0.0, b_up * b_up - 2 * phi * b_up * a_down + a_down * a_down));
  d.low = std::max(-1.0, d.low);
  d.high = std::min(1.0, d.high);
  return d;
}

Interval paired_spread(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d;
  for (std::size_t r = 0; r < std::min(a.size(), b.size()); ++r)
    if (std::isfinite(a[r]) && std::isfinite(b[r])) d.push_back(b[r] - a[r]);
  return interval_of(std::move(d));
}

MeanError mean_error(const std::vector<double>& values) {
  MeanError m;
  double sum = 0;
  for (double x : values)
    if (std::isfinite(x)) sum += x, ++m.n;
  if (m.n == 0) return m;
  m.mean = sum / m.n;
  if (m.n < 2) return m;
  double ss = 0;
  for (double x : values)
    if (std::isfinite(x)) ss += (x - m.mean) * (x - m.mean);
  m.se = std::sqrt(ss / (m.n - 1) / m.n);
  return m;
}

double t_quantile(double z, int dof) {
  if (dof <= 0) return INFINITY;
  const double v = dof, z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
}

}  // namespace adoptsim
