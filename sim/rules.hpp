// Small pure functions shared by the weekly update and the sessions.
#pragma once
#include <algorithm>
#include <cmath>

namespace adoptsim {

// A weekly hazard h turned into the probability of the event within the week.
inline double hazard_probability(double h) { return h > 0 ? -std::expm1(-h) : 0.0; }
// Single precision, compared with a 24-bit uniform: 1 - exp(-h) has an absolute error of about
// 6e-8, the resolution of that uniform (expm1f is several times slower in glibc).
inline float hazard_probability(float h) { return h > 0 ? 1.f - std::exp(-h) : 0.f; }

inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
inline float logistic(float x) { return 1.f / (1.f + std::exp(-x)); }

inline float clamp01(float x) { return std::clamp(x, 0.f, 1.f); }
inline double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

// Need pressure P = sum_k w_k (1 - s_k): how much the basic needs are frustrated, weighted by
// what matters to this person (MODEL.md §3).
template <class W, class S>
inline double need_pressure(const W& weight, const S& satisfaction) {
  double p = 0;
  for (int k = 0; k < 4; ++k) p += weight[k] * (1.0 - satisfaction[k]);
  return p;
}

// Weekly leaving probability from an annual turnover rate.
inline double weekly_leave_probability(double annual) { return 1.0 - std::pow(1.0 - annual, 1.0 / 52.0); }

}  // namespace adoptsim
