#include "ticks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace adoptsim::plot {

Ticks nice_ticks(double lo, double hi, int max_ticks) {
  Ticks t;
  if (!std::isfinite(lo) || !std::isfinite(hi)) return t;
  if (lo > hi) std::swap(lo, hi);
  if (lo == hi) {
    t.values = {lo};
    return t;
  }
  // Integer multiples avoid the drift of repeated addition; the slack keeps ends that are
  // multiples up to rounding (0.3 for 0.1 steps).
  const double slack = 1e-9;
  auto first = [&](double step) { return std::llround(std::ceil(lo / step - slack)); };
  auto last = [&](double step) { return std::llround(std::floor(hi / step + slack)); };
  // Steps 1, 2, 5, 10, 20, ... times a power of ten, from below the even split upwards, until
  // the ticks fit the budget.
  const double even = (hi - lo) / std::max(1, max_ticks - 1);
  const double base = std::pow(10.0, std::floor(std::log10(even)) - 1);
  double step = base, previous = base;
  for (int i = 0; i < 12; ++i) {
    step = base * std::pow(10.0, i / 3) * (i % 3 == 0 ? 1 : i % 3 == 1 ? 2 : 5);
    if (last(step) - first(step) + 1 <= max_ticks) break;
    previous = step;
  }
  // A budget under 3 can leave no multiple inside; one tick too many beats none.
  if (last(step) < first(step)) step = previous;
  t.step = step;
  for (long long k = first(step); k <= last(step); ++k) t.values.push_back(k == 0 ? 0.0 : double(k) * step);
  return t;
}

void widen_to_ticks(double& lo, double& hi, int max_ticks) {
  // Widening can call for a larger step, which widens again; twice settles it.
  for (int i = 0; i < 2; ++i) {
    const Ticks t = nice_ticks(lo, hi, max_ticks);
    if (t.step <= 0) return;
    lo = std::floor(lo / t.step + 1e-9) * t.step;
    hi = std::ceil(hi / t.step - 1e-9) * t.step;
  }
}

std::string format_number(double v, int decimals) {
  if (!std::isfinite(v)) return std::isnan(v) ? "–" : (v > 0 ? "∞" : "-∞");
  decimals = std::clamp(decimals, 0, 12);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
  std::string digits = buf;
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string out;
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out += digits.substr(point);
  // No "-0" when a small negative value rounds to zero.
  const bool zero = out.find_first_not_of("0.,") == std::string::npos;
  return (v < 0 && !zero) ? "-" + out : out;
}

std::string format_tick(double v, double step, bool percent) {
  if (percent) {
    v *= 100;
    step *= 100;
  }
  int decimals = 0;
  if (step > 0 && std::isfinite(step)) decimals = std::max(0, int(-std::floor(std::log10(step) + 1e-9)));
  // A 2.5 step needs one more digit than its power of ten says.
  if (step > 0 && std::fabs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-6) ++decimals;
  return format_number(v, decimals) + (percent ? "%" : "");
}

}  // namespace adoptsim::plot
