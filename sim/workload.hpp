// Workload (docs/ODD.md §3.3.3): the organisation's weekly workload follows an AR(1) process
// around its mean; each team sits at a fixed offset from it.
#pragma once
#include "parameters.hpp"
#include "rules.hpp"

namespace adoptsim {

struct WorkloadRates {
  double mean, persistence, volatility, team_spread;
  static WorkloadRates from(const Parameters& p) {
    return {p[Param::workload_mean], p[Param::workload_persistence], p[Param::workload_volatility], p[Param::workload_team_spread]};
  }
};

// Next week's organisation-wide workload, given this week's and a normal shock of sd `volatility`.
inline double next_workload(const WorkloadRates& r, double last, double shock) {
  return clamp01(r.mean + r.persistence * (last - r.mean) + shock);
}

inline float workload_of_team(double organisation, float team_offset) { return clamp01(static_cast<float>(organisation + team_offset)); }

}  // namespace adoptsim
