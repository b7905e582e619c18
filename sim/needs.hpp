// Needs (docs/ODD.md §3.3.7): each week every need's satisfaction drifts back towards its
// baseline; production pressure above the mean workload presses on autonomy. Returns the need
// pressure P = sum_k w_k (1 - s_k) that sets the resting level of resistance.
#pragma once
#include <algorithm>
#include <cstddef>

#include "agents.hpp"
#include "parameters.hpp"
#include "rules.hpp"

namespace adoptsim {

struct NeedRates {
  float recovery, workload_pressure, workload_mean;
  static NeedRates from(const Parameters& p) {
    return {static_cast<float>(p[Param::need_recovery]), static_cast<float>(p[Param::need_workload_pressure]),
            static_cast<float>(p[Param::workload_mean])};
  }
};

// Updates person ui's needs in place and leaves them in `s`.
inline float update_needs(const NeedRates& r, Agents& a, std::size_t ui, float workload, float (&s)[kNeeds]) {
  for (int k = 0; k < kNeeds; ++k) s[k] = a.need[k][ui] + r.recovery * (a.need_baseline[k][ui] - a.need[k][ui]);
  s[idx(Need::autonomy)] -= r.workload_pressure * std::max(0.f, workload - r.workload_mean);
  float pressure = 0;
  for (int k = 0; k < kNeeds; ++k) {
    a.need[k][ui] = s[k] = clamp01(s[k]);
    pressure += a.need_weight[k][ui] * (1.f - s[k]);
  }
  return pressure;
}

}  // namespace adoptsim
