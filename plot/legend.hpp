// The legend: one entry per labelled series, measured, laid out as a box or a flowing row.
// Internal to the layout.
#pragma once
#include <string>
#include <vector>

#include "chart.hpp"
#include "layout.hpp"
#include "scene.hpp"

namespace adoptsim::plot {

struct LegendEntry {
  enum class Kind { line, band, line_with_band, swatch, marker };
  Kind kind = Kind::line;
  std::string label;
  Color colour, fill;
  float width = 2;
  bool dashed = false;
};

struct Legend {
  std::vector<LegendEntry> entries;
  bool row = false;  // entries side by side (below the chart), wrapping; else one per line
  float max_width = 0;

  Legend(const Chart& resolved, bool row, float max_width);
  bool empty() const { return entries.empty(); }
  Size size(const TextMeasure& measure, const Style& style) const;
  void draw(Scene& scene, Point top_left, const TextMeasure& measure, const Style& style) const;
};

}  // namespace adoptsim::plot
