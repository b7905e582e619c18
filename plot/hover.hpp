// Tooltips: what the chart shows at the mouse's x.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "chart.hpp"
#include "scene.hpp"

namespace adoptsim::plot {

struct HoverValue {
  std::string label;
  double y = 0;
  Color colour;
};

struct Hover {
  double x = 0;        // the data x nearest the mouse (one of the lines' x values)
  float pixel_x = 0;   // where it is drawn, e.g. for a vertical cursor line
  std::vector<HoverValue> values;  // each line's y there (lines with no value there left out)
};

// For the chart drawn in `frame` (from Scene::frames), when the mouse is inside its plot area.
std::optional<Hover> hover(const Chart& chart, const PlotFrame& frame, Point mouse);

}  // namespace adoptsim::plot
