#include "geometry.hpp"

#include <algorithm>
#include <cmath>

namespace adoptsim::plot {

namespace {

Point lerp(Point a, Point b, float t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

// Liang–Barsky: the parameters [t0, t1] of segment a→b inside r, or false if none.
bool clip_segment(Point a, Point b, Rect r, float& t0, float& t1) {
  t0 = 0;
  t1 = 1;
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float p[4] = {-dx, dx, -dy, dy};
  const float q[4] = {a.x - r.min.x, r.max.x - a.x, a.y - r.min.y, r.max.y - a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    const float t = q[i] / p[i];
    if (p[i] < 0) t0 = std::max(t0, t);
    else t1 = std::min(t1, t);
  }
  return t0 <= t1;
}

bool finite(Point p) { return std::isfinite(p.x) && std::isfinite(p.y); }

}  // namespace

std::vector<std::vector<Point>> clip_polyline(const std::vector<Point>& line, Rect r) {
  std::vector<std::vector<Point>> parts;
  std::vector<Point> current;
  auto flush = [&] {
    if (current.size() >= 2) parts.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = 1; i < line.size(); ++i) {
    const Point a = line[i - 1], b = line[i];
    float t0, t1;
    if (!finite(a) || !finite(b) || !clip_segment(a, b, r, t0, t1)) {
      flush();
      continue;
    }
    if (t0 > 0) flush();  // entered from outside: a new part
    if (current.empty()) current.push_back(lerp(a, b, t0));
    current.push_back(lerp(a, b, t1));
    if (t1 < 1) flush();  // left the rectangle
  }
  flush();
  return parts;
}

std::vector<Point> clip_convex(const std::vector<Point>& polygon, Rect r) {
  std::vector<Point> poly = polygon, next;
  // Each edge of r in turn: keep the side where inside(p) holds.
  auto cut = [&](auto inside, auto cross) {
    next.clear();
    for (std::size_t i = 0; i < poly.size(); ++i) {
      const Point a = poly[i], b = poly[(i + 1) % poly.size()];
      const bool ia = inside(a), ib = inside(b);
      if (ia) next.push_back(a);
      if (ia != ib) next.push_back(cross(a, b));
    }
    poly.swap(next);
  };
  auto at_x = [](float x) { return [x](Point a, Point b) { return lerp(a, b, (x - a.x) / (b.x - a.x)); }; };
  auto at_y = [](float y) { return [y](Point a, Point b) { return lerp(a, b, (y - a.y) / (b.y - a.y)); }; };
  cut([&](Point p) { return p.x >= r.min.x; }, at_x(r.min.x));
  cut([&](Point p) { return p.x <= r.max.x; }, at_x(r.max.x));
  cut([&](Point p) { return p.y >= r.min.y; }, at_y(r.min.y));
  cut([&](Point p) { return p.y <= r.max.y; }, at_y(r.max.y));
  if (poly.size() < 3) poly.clear();
  return poly;
}

std::vector<std::vector<Point>> dashes(const std::vector<Point>& line, float width) {
  const float on = std::max(6.0f, 3.5f * width), off = std::max(4.0f, 2.5f * width);
  std::vector<std::vector<Point>> out;
  std::vector<Point> dash;
  bool drawing = true;
  float left = on;  // length left in the current on or off stretch
  for (std::size_t i = 1; i < line.size(); ++i) {
    Point a = line[i - 1];
    const Point b = line[i];
    float seg = std::hypot(b.x - a.x, b.y - a.y);
    if (drawing && dash.empty()) dash.push_back(a);
    while (seg > left) {
      a = lerp(a, b, left / seg);
      seg -= left;
      if (drawing) {
        dash.push_back(a);
        out.push_back(std::move(dash));
        dash.clear();
      } else {
        dash.push_back(a);
      }
      drawing = !drawing;
      left = drawing ? on : off;
    }
    left -= seg;
    if (drawing) dash.push_back(b);
  }
  if (dash.size() >= 2) out.push_back(std::move(dash));
  return out;
}

}  // namespace adoptsim::plot
