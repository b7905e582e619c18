#include "hover.hpp"

#include <cmath>

#include "layout.hpp"
#include "series.hpp"

namespace adoptsim::plot {

std::optional<Hover> hover(const Chart& chart, const PlotFrame& f, Point mouse) {
  if (!f.area.contains(mouse)) return std::nullopt;
  const double x = f.x.inverse(mouse.x);
  double best = NAN;
  for (const auto& l : chart.lines)
    for (double v : l.x)
      if (std::isfinite(v) && (std::isnan(best) || std::fabs(v - x) < std::fabs(best - x))) best = v;
  if (std::isnan(best)) return std::nullopt;
  Hover h{best, f.x(best), {}};
  const Chart c = resolve_colours(chart);
  for (const auto& l : c.lines) {
    const double y = interpolate(l.x, l.y, best);
    if (std::isfinite(y)) h.values.push_back({l.label, y, l.colour});
  }
  return h;
}

}  // namespace adoptsim::plot
