// Small helpers turning the result's weekly arrays into chart series.
#pragma once
#include <cstdint>
#include <vector>

#include "live_run.hpp"

namespace adoptsim::viz {

inline std::vector<double> weeks_axis(int last) {
  std::vector<double> x;
  for (int w = 0; w <= last; ++w) x.push_back(w);
  return x;
}

// Column `column` of a [week][stride] array, weeks 0..last, times `scale`.
template <class T>
std::vector<double> column_of(const std::vector<T>& v, int last, int stride = 1, int column = 0, double scale = 1) {
  std::vector<double> y;
  for (int w = 0; w <= last; ++w) {
    const auto i = static_cast<std::size_t>(w * stride + column);
    y.push_back(i < v.size() ? static_cast<double>(v[i]) * scale : 0.0);
  }
  return y;
}

}  // namespace adoptsim::viz
