// The output of the layout: drawing primitives in pixel coordinates, drawn in order (back to
// front). A backend only has to draw these five kinds of primitive; see the notes on each.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "chart.hpp"
#include "geometry.hpp"
#include "scale.hpp"

namespace adoptsim::plot {

enum class Cap { round, butt };

// An open line. Interior joins are round. A dashed line is drawn as the pieces of
// dashes(points, width), each with butt ends, whatever `cap` says.
struct Polyline {
  std::vector<Point> points;
  Color colour{};
  float width = 1;
  bool dashed = false;
  Cap cap = Cap::round;
};

// A filled region (bands, stacked layers, markers on the axis), possibly non-convex, given as
// convex pieces that do not overlap and together make up the region. A backend without a
// general polygon fill draws each piece on its own (ImGui: AddConvexPolyFilled per piece; turn
// ImDrawListFlags_AntiAliasedFill off for these, or the anti-aliased seams between pieces of a
// translucent band show as faint lines). The raster backend fills the union in one pass.
struct Polygon {
  std::vector<std::vector<Point>> pieces;
  Color fill{};
};

// An axis-aligned rectangle, filled and/or outlined (a transparent colour means none). The
// outline lies inside the rectangle.
struct Box {
  Rect rect;
  Color fill{}, outline{};
  float outline_width = 1;
};

struct Circle {
  Point centre;
  float radius = 1;
  Color fill{}, outline{};
  float outline_width = 1;  // centred on the circle's edge
};

enum class HAlign { left, centre, right };
enum class VAlign { top, middle, bottom };

// One line of UTF-8 text. `pos` is the anchor point; the text's box (as measured by the
// TextMeasure, height = `size`) is placed relative to it by `h` and `v`. Glyphs are drawn with the
// baseline at top + ascent, as ImGui and stb_truetype's ScaleForPixelHeight do.
struct Text {
  Point pos;
  std::string text;
  float size = 13;  // pixel height of the line (ascent - descent)
  Color colour{};
  HAlign h = HAlign::left;
  VAlign v = VAlign::top;
  bool bold = false;
};

using Primitive = std::variant<Polyline, Polygon, Box, Circle, Text>;

// Where a chart's data landed: for mouse hit-testing (plot/hover.hpp).
struct PlotFrame {
  std::size_t chart = 0;  // index in the figure (0 for a single chart)
  Rect area;              // the plot area inside the axes
  Scale x, y;
};

struct Scene {
  std::vector<Primitive> items;
  std::vector<PlotFrame> frames;
};

// The size of a text's box at a pixel size: the raster backend measures with stb_truetype, an
// ImGui backend with ImFont::CalcTextSizeA.
using TextMeasure = std::function<Size(std::string_view text, float size, bool bold)>;

// The top-left corner of a text's box, given its measured size.
inline Point text_origin(const Text& t, Size measured) {
  Point p = t.pos;
  if (t.h == HAlign::centre) p.x -= measured.width / 2;
  if (t.h == HAlign::right) p.x -= measured.width;
  if (t.v == VAlign::middle) p.y -= measured.height / 2;
  if (t.v == VAlign::bottom) p.y -= measured.height;
  return p;
}

}  // namespace adoptsim::plot
