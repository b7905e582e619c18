// Pixel-space geometry shared by the layout and every backend: points, rectangles, clipping,
// and the dash pattern (so that all backends dash lines alike).
#pragma once
#include <vector>

namespace adoptsim::plot {

// Pixel coordinates: x to the right, y down; the centre of pixel (i, j) is (i + 0.5, j + 0.5).
struct Point {
  float x = 0, y = 0;
};
struct Size {
  float width = 0, height = 0;
};
struct Rect {
  Point min, max;
  float width() const { return max.x - min.x; }
  float height() const { return max.y - min.y; }
  bool contains(Point p) const { return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y; }
};

// The parts of a polyline inside `r` (a polyline may leave and re-enter, hence several parts).
std::vector<std::vector<Point>> clip_polyline(const std::vector<Point>& line, Rect r);

// A convex polygon cut to `r` (Sutherland–Hodgman); stays convex; empty when outside.
std::vector<Point> clip_convex(const std::vector<Point>& polygon, Rect r);

// The "on" pieces of a dashed line `width` pixels wide, measured along the whole polyline.
std::vector<std::vector<Point>> dashes(const std::vector<Point>& line, float width);

}  // namespace adoptsim::plot
