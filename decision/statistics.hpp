// The statistics a decision rests on: a probability estimated from replicates, the difference of
// two probabilities measured on the same replicates (common random numbers), the spread of
// paired differences of a continuous metric, and one-sided bounds for racing.
#pragma once
#include <vector>

#include "summary.hpp"

namespace adoptsim {

inline constexpr double kZ90 = 1.6448536269514722;  // two-sided 90 %: the project's intervals

// A probability estimated as successes / n, with Wilson's score interval at normal quantile z.
struct Proportion {
  int successes = 0, n = 0;
  double estimate = 0, low = 0, high = 1;
};
Proportion wilson(int successes, int n, double z = kZ90);

// Exact (Clopper-Pearson) one-sided bounds of a probability from successes of n: the bound is
// wrong with probability at most alpha, whatever n. For decisions taken on few replicates.
double exact_lower_bound(int successes, int n, double alpha);
double exact_upper_bound(int successes, int n, double alpha);

// The standard normal quantile of 1 - alpha (one-sided), e.g. 1.645 for alpha = 0.05.
double normal_quantile_above(double alpha);

// Two yes/no outcomes per replicate, for programmes A and B run on the same replicates.
struct PairedCounts {
  int both = 0, only_a = 0, only_b = 0, neither = 0;
  int n() const { return both + only_a + only_b + neither; }
};
PairedCounts paired_counts(const std::vector<bool>& a, const std::vector<bool>& b);

// P(B) - P(A) with Newcombe's (1998) hybrid score interval for paired proportions: the Wilson
// intervals of both, combined with their correlation (shrunk towards 0 for continuity).
struct Difference {
  double estimate = 0, low = 0, high = 0;
};
Difference paired_difference(const PairedCounts& c, double z = kZ90);

// Per-replicate differences b[r] - a[r] of a metric, over replicates where both are finite:
// mean and 5/50/95 % quantiles (how the difference varies between simulated worlds).
Interval paired_spread(const std::vector<double>& a, const std::vector<double>& b);

// Mean and standard error of values (finite ones only); se = 0 with fewer than two.
struct MeanError {
  double mean = 0, se = 0;
  int n = 0;
};
MeanError mean_error(const std::vector<double>& values);

// Student's t quantile for the normal quantile z (Cornish-Fisher expansion, Abramowitz & Stegun
// 26.7.5), so that bounds from few replicates are wider than the normal quantile would make them.
double t_quantile(double z, int degrees_of_freedom);

}  // namespace adoptsim
