#include "series.hpp"

#include <algorithm>
#include <cmath>

namespace adoptsim::plot {

std::vector<std::vector<double>> stack_tops(const StackedArea& a) {
  std::vector<std::vector<double>> tops;
  std::vector<double> sum(a.x.size(), 0.0);
  for (const auto& layer : a.layers) {
    for (std::size_t i = 0; i < sum.size(); ++i)
      if (i < layer.size() && std::isfinite(layer[i])) sum[i] += layer[i];
    tops.push_back(sum);
  }
  return tops;
}

std::vector<double> stack_total(const StackedArea& a) {
  auto tops = stack_tops(a);
  return tops.empty() ? std::vector<double>(a.x.size(), 0.0) : tops.back();
}

double interpolate(const std::vector<double>& xs, const std::vector<double>& ys, double x) {
  const std::size_t n = std::min(xs.size(), ys.size());
  if (n == 0 || !std::isfinite(x)) return NAN;
  const auto end = xs.begin() + std::ptrdiff_t(n);
  const auto it = std::lower_bound(xs.begin(), end, x);
  if (it == end) return NAN;
  const std::size_t i = std::size_t(it - xs.begin());
  if (xs[i] == x) return ys[i];
  if (i == 0) return NAN;
  const double t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return ys[i - 1] + t * (ys[i] - ys[i - 1]);  // NaN on either side stays NaN
}

}  // namespace adoptsim::plot
