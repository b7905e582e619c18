// Global sensitivity analysis on the unit cube [0,1]^d (the caller maps it to parameter ranges).
//
// Morris elementary effects (Morris 1991; mu* of Campolongo, Cariboni & Saltelli 2007): r
// trajectories of d+1 points on a grid of `levels` levels, each step moving one parameter by
// Delta = levels / (2 (levels - 1)). Screening: mu* (mean absolute effect) ranks influence, sigma
// shows interaction or non-linearity.
//
// Sobol indices with Saltelli sampling (Saltelli et al. 2010): matrices A and B of N points from
// a scrambled (randomly shifted) Sobol sequence, and for each parameter i the matrix A_B^i (A
// with column i from B); N (d + 2) evaluations. First order S_i = mean(f_B (f_ABi - f_A)) / V,
// total ST_i = mean((f_A - f_ABi)^2) / (2 V) (Jansen), V the variance of f over A and B;
// 90 % intervals by bootstrap over the N rows.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace adoptsim::calibration {

using Point = std::vector<double>;

struct MorrisSettings {
  int trajectories = 20;
  int levels = 4;  // even
  std::uint64_t seed = 1;
};

struct MorrisResult {
  std::vector<double> mu, mu_star, sigma;  // per parameter, in output units per unit range
};

std::vector<Point> morris_design(int parameters, const MorrisSettings& s);
MorrisResult morris_analyse(const std::vector<Point>& design, const std::vector<double>& values, int parameters, const MorrisSettings& s);

struct SobolSettings {
  int samples = 256;     // N, base sample (a power of two suits the Sobol sequence)
  int bootstrap = 200;   // resamples for the intervals (0: none)
  std::uint64_t seed = 1;
};

struct SobolResult {
  double variance = 0;
  std::vector<double> first, total;              // per parameter
  std::vector<double> first_p05, first_p95, total_p05, total_p95;
};

// What a reader should not take at face value: indices outside [0, 1] or a first-order index above
// the total one are estimation noise (Saltelli's estimators are unbiased, not bounded), so each
// comes with a hint to raise the samples or the replicates. One line per finding.
std::vector<std::string> sobol_warnings(const SobolResult& r, const std::vector<std::string>& names, int samples);

// Rows: A (N), B (N), then A_B^1 ... A_B^d (N each).
std::vector<Point> saltelli_design(int parameters, const SobolSettings& s);
SobolResult sobol_analyse(const std::vector<double>& values, int parameters, const SobolSettings& s);

// f at every point, on up to `threads` threads; results in point order. `done` (optional)
// counts finished points for a progress bar.
std::vector<double> evaluate_points(const std::vector<Point>& points, const std::function<double(const Point&, std::size_t index)>& f, int threads,
                                    std::atomic<long long>* done = nullptr);

}  // namespace adoptsim::calibration
