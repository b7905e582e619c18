// What a chart shows, as plain data: series, bands, rules and markers in data coordinates.
// Nothing here knows about pixels or backends; plot/layout.hpp turns a Chart into a Scene.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geometry.hpp"

namespace adoptsim::plot {

// 8-bit sRGB with straight (not premultiplied) alpha.
struct Color {
  std::uint8_t r = 0, g = 0, b = 0, a = 0;
  friend bool operator==(const Color&, const Color&) = default;
};

// A colour left at its default (fully transparent) means "pick one": the layout then takes it
// from the palette, or for a band from the line with the same label.
constexpr Color automatic{};
constexpr bool is_automatic(Color c) { return c == automatic; }

constexpr Color rgb(std::uint32_t hex, std::uint8_t alpha = 255) {
  return {std::uint8_t(hex >> 16), std::uint8_t(hex >> 8), std::uint8_t(hex), alpha};
}
constexpr Color with_alpha(Color c, float alpha) { return {c.r, c.g, c.b, std::uint8_t(alpha * 255.0f + 0.5f)}; }

// Okabe & Ito (2008), distinguishable with the common colour-vision deficiencies. Their yellow is
// weak on white, so it comes last, after black.
constexpr std::array<Color, 8> palette{rgb(0x0072B2), rgb(0xE69F00), rgb(0x009E73), rgb(0xD55E00),
                                       rgb(0xCC79A7), rgb(0x56B4E9), rgb(0x000000), rgb(0xF0E442)};
constexpr Color palette_colour(std::size_t i) { return palette[i % palette.size()]; }

struct Range {
  double lo = 0, hi = 1;
};

// A series. NaN in x or y leaves a gap.
struct Line {
  std::string label{};  // empty: not in the legend
  std::vector<double> x{}, y{};
  Color colour = automatic;
  float width = 2.0f;
  bool dashed = false;
};

// A filled interval, e.g. the 90 % band of an ensemble, drawn behind the lines.
struct Band {
  std::string label{};  // the same label as a line: one legend entry and the line's colour
  std::vector<double> x{}, lo{}, hi{};
  Color fill = automatic;  // automatic: the colour of its line (or the palette) at 20 % opacity
};

// Layers stacked bottom to top: layer k is drawn between the sums of layers 0..k-1 and 0..k.
struct StackedArea {
  std::vector<std::string> labels{};
  std::vector<double> x{};
  std::vector<std::vector<double>> layers{};  // layers[k][i] belongs to x[i]; NaN counts as 0
  std::vector<Color> colours{};               // missing or automatic entries: the palette
};

// Observations as markers, optionally with vertical error bars.
struct Points {
  std::string label{};
  std::vector<double> x{}, y{};
  std::vector<double> y_lo{}, y_hi{};  // empty, or one per point
  Color colour = automatic;
  float marker_size = 7.0f;  // diameter in pixels
  std::vector<std::string> tags{};  // empty, or one per point: written beside it (e.g. a table's row number)
};

// A goal line (horizontal) or a deadline (vertical) across the whole plot.
struct Rule {
  enum class Axis { x, y };  // x: vertical line at x = value; y: horizontal line at y = value
  Axis axis = Axis::y;
  double value = 0;
  std::string label{};  // written next to the line, not in the legend
  Color colour = automatic;  // automatic: the style's rule colour (dark grey on white)
  bool dashed = true;
};

// An event in time, e.g. a session or a launch: a small triangle on the x axis and a short label.
struct TimeMarker {
  double x = 0;
  std::string label{};
  Color colour = automatic;  // automatic: the axis text colour
};

enum class LegendPosition { automatic, top_left, top_right, bottom_left, bottom_right, right, bottom };

struct Chart {
  std::string title, x_label, y_label;
  std::optional<Range> x_range, y_range;  // fixed ranges; otherwise from the data
  bool y_percent = false;                  // y values are shares (0.25) shown as percent (25%)
  bool legend = true;
  LegendPosition legend_position = LegendPosition::automatic;  // automatic: a free corner, else outside
  // Drawn in this order, back to front.
  std::vector<StackedArea> areas;
  std::vector<Band> bands;
  std::vector<Rule> rules;
  std::vector<Line> lines;
  std::vector<Points> points;
  std::vector<TimeMarker> markers;
};

// Charts in a grid, filled row by row, under a common title.
struct Figure {
  std::string title;
  std::string subtitle;  // under the title in the muted text colour, lines split at '\n' (empty: none)
  int columns = 1;
  Size size{1200, 700};  // pixels; what render(const Figure&) uses
  std::vector<Chart> charts;
};

}  // namespace adoptsim::plot
