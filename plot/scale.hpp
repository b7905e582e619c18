// Linear map from a data interval to a pixel interval (and back, for the mouse).
#pragma once

namespace adoptsim::plot {

struct Scale {
  double d0 = 0, d1 = 1;  // data
  float p0 = 0, p1 = 1;   // pixels; p1 < p0 for a y axis (pixel y grows downwards)

  float operator()(double v) const { return float(p0 + (v - d0) / (d1 - d0) * (double(p1) - p0)); }
  double inverse(float p) const { return d0 + (double(p) - p0) / (double(p1) - p0) * (d1 - d0); }
};

}  // namespace adoptsim::plot
