#include "layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "legend.hpp"
#include "series.hpp"

namespace adoptsim::plot {

namespace {

constexpr float pad = 12;         // around the chart
constexpr float tick_gap = 7;     // between an axis and its tick labels
constexpr float marker_h = 8;     // time-marker triangles
constexpr float legend_inset = 10;

float snap(float v) { return std::floor(v) + 0.5f; }  // the centre of a pixel: crisp 1 px lines

struct Extent {
  double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  void add(const std::vector<double>& vs) {
    for (double v : vs) add(v);
  }
  bool empty() const { return lo > hi; }
};

Extent x_extent(const Chart& c) {
  Extent e;
  for (const auto& l : c.lines) e.add(l.x);
  for (const auto& b : c.bands) e.add(b.x);
  for (const auto& a : c.areas) e.add(a.x);
  for (const auto& p : c.points) e.add(p.x);
  for (const auto& r : c.rules)
    if (r.axis == Rule::Axis::x) e.add(r.value);
  for (const auto& m : c.markers) e.add(m.x);
  return e;
}

Extent y_extent(const Chart& c) {
  Extent e;
  for (const auto& l : c.lines) e.add(l.y);
  for (const auto& b : c.bands) {
    e.add(b.lo);
    e.add(b.hi);
  }
  for (const auto& a : c.areas) {
    e.add(0);
    e.add(stack_total(a));
  }
  for (const auto& p : c.points) {
    e.add(p.y);
    e.add(p.y_lo);
    e.add(p.y_hi);
  }
  for (const auto& r : c.rules)
    if (r.axis == Rule::Axis::y) e.add(r.value);
  return e;
}

// The plot area, its scales and ticks, and where the rows below it go.
struct Frame {
  Rect plot;
  Scale x, y;
  Ticks xt, yt;
  float tick_labels_y = 0, marker_labels_y = 0;
  int marker_rows = 0;
};

// Rows of the marker labels below the tick labels: each label goes to the first row where it
// does not run into its left neighbour. Returns the row of each marker (-1: no label).
constexpr std::size_t max_marker_rows = 3;
std::vector<int> marker_rows(const Chart& c, const Scale& x, const TextMeasure& m, const Style& st, int& rows) {
  std::vector<int> row(c.markers.size(), -1);
  std::vector<float> right_end;  // per row
  std::vector<std::size_t> order(c.markers.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return c.markers[a].x < c.markers[b].x; });
  for (std::size_t i : order) {
    if (c.markers[i].label.empty()) continue;
    const float w = m(c.markers[i].label, st.note_size, false).width;
    const float left = x(c.markers[i].x) - w / 2;
    std::size_t r = 0;
    while (r < right_end.size() && left < right_end[r] + 6) ++r;
    if (r == max_marker_rows) continue;  // crowded: the triangle stays, the label goes
    if (r == right_end.size()) right_end.push_back(0);
    right_end[r] = left + w;
    row[i] = int(r);
  }
  rows = int(right_end.size());
  return row;
}

Frame frame_for(const Chart& c, Rect area, const TextMeasure& m, const Style& st, float reserve_right, float reserve_bottom) {
  Frame f;
  // Vertical: title, y label (written above the axis, so it never needs turning), plot, tick
  // labels, marker labels, x label, and a legend row if reserved.
  float top = area.min.y + pad;
  if (!c.title.empty()) top += st.title_size + 8;
  top += c.y_label.empty() ? st.tick_size / 2 : st.label_size + 10;
  float bottom = area.max.y - pad - reserve_bottom;
  if (!c.x_label.empty()) bottom -= st.label_size + 8;

  // Ranges. y starts at zero when the data sit well above it (shares, counts, money).
  Extent xe = x_extent(c), ye = y_extent(c);
  double x0 = xe.empty() ? 0 : xe.lo, x1 = xe.empty() ? 1 : xe.hi;
  double y0 = ye.empty() ? 0 : ye.lo, y1 = ye.empty() ? 1 : ye.hi;
  if (c.x_range) x0 = c.x_range->lo, x1 = c.x_range->hi;
  if (c.y_range) y0 = c.y_range->lo, y1 = c.y_range->hi;
  else if (y0 >= 0 && y0 < 0.5 * y1) y0 = 0;
  if (x0 == x1) x0 -= 1, x1 += 1;
  if (y0 == y1) y0 -= y0 == 0 ? 1 : std::fabs(y0) / 10, y1 += y1 == 0 ? 1 : std::fabs(y1) / 10;

  // Marker rows depend on the x scale, which depends on the margins: a first guess of one row,
  // corrected once the scale is known.
  f.marker_rows = std::any_of(c.markers.begin(), c.markers.end(), [](auto& mk) { return !mk.label.empty(); }) ? 1 : 0;
  for (int pass = 0; pass < 2; ++pass) {
    float b = bottom - (st.tick_size + tick_gap + 2);
    if (f.marker_rows > 0) b -= f.marker_rows * (st.note_size + 2) + 2;
    f.plot.min.y = top;
    f.plot.max.y = std::max(top + 20, b);
    const int ny = std::clamp(int(f.plot.height() / 45) + 1, 3, 10);
    double ylo = y0, yhi = y1;
    if (!c.y_range) widen_to_ticks(ylo, yhi, ny);
    f.yt = nice_ticks(ylo, yhi, ny);
    f.y = {ylo, yhi, f.plot.max.y, f.plot.min.y};

    // Horizontal: y tick labels on the left, half a tick label on the right.
    float label_w = 0;
    for (double v : f.yt.values) label_w = std::max(label_w, m(format_tick(v, f.yt.step, c.y_percent), st.tick_size, false).width);
    f.plot.min.x = area.min.x + pad + label_w + tick_gap;
    const float last_w = m(format_number(x1, 0), st.tick_size, false).width;
    f.plot.max.x = std::max(f.plot.min.x + 20, area.max.x - pad - reserve_right - std::max(0.0f, last_w / 2 - pad + 4));
    const int nx = std::clamp(int(f.plot.width() / 90) + 1, 3, 14);
    f.xt = nice_ticks(x0, x1, nx);
    f.x = {x0, x1, f.plot.min.x, f.plot.max.x};
    f.tick_labels_y = f.plot.max.y + tick_gap;
    f.marker_labels_y = f.tick_labels_y + st.tick_size + 4;
    int rows = 0;
    marker_rows(c, f.x, m, st, rows);
    if (rows <= f.marker_rows) break;
    f.marker_rows = rows;
  }
  return f;
}

// Trapezoids between two boundaries (pixel y per x), clipped to the plot: convex pieces.
std::vector<std::vector<Point>> strip(const std::vector<double>& xs, const std::vector<double>& lo, const std::vector<double>& hi, const Frame& f) {
  std::vector<std::vector<Point>> pieces;
  const std::size_t n = std::min({xs.size(), lo.size(), hi.size()});
  for (std::size_t i = 1; i < n; ++i) {
    const double v[6] = {xs[i - 1], xs[i], lo[i - 1], lo[i], hi[i - 1], hi[i]};
    if (!std::all_of(v, v + 6, [](double d) { return std::isfinite(d); })) continue;
    const float xa = f.x(xs[i - 1]), xb = f.x(xs[i]);
    // Per-sample order keeps every trapezoid convex even if lo and hi swap.
    const float a0 = f.y(lo[i - 1]), a1 = f.y(hi[i - 1]), b0 = f.y(lo[i]), b1 = f.y(hi[i]);
    auto piece = clip_convex({{xa, std::min(a0, a1)}, {xb, std::min(b0, b1)}, {xb, std::max(b0, b1)}, {xa, std::max(a0, a1)}}, f.plot);
    if (!piece.empty()) pieces.push_back(std::move(piece));
  }
  return pieces;
}

std::vector<Point> to_pixels(const std::vector<double>& xs, const std::vector<double>& ys, const Frame& f) {
  std::vector<Point> p;
  const std::size_t n = std::min(xs.size(), ys.size());
  for (std::size_t i = 0; i < n; ++i) {
    const bool ok = std::isfinite(xs[i]) && std::isfinite(ys[i]);
    p.push_back(ok ? Point{f.x(xs[i]), f.y(ys[i])} : Point{NAN, NAN});  // NaN: a gap
  }
  return p;
}

// How much of the chart's content a legend box at `box` would hide: samples every 3 px.
int overlap(const Chart& c, const Frame& f, Rect box) {
  box = {{box.min.x - 4, box.min.y - 4}, {box.max.x + 4, box.max.y + 4}};
  auto crosses = [&](double a, double b) {  // a data y interval meets the box's pixel rows
    if (!std::isfinite(a) || !std::isfinite(b)) return false;
    const float p = f.y(a), q = f.y(b);
    return std::max(p, q) >= box.min.y && std::min(p, q) <= box.max.y;
  };
  std::vector<std::vector<double>> totals;
  for (const auto& a : c.areas) totals.push_back(stack_total(a));
  int hits = 0;
  for (float px = box.min.x; px <= box.max.x; px += 3) {
    const double x = f.x.inverse(px);
    for (const auto& l : c.lines) hits += crosses(interpolate(l.x, l.y, x), interpolate(l.x, l.y, x));
    for (const auto& b : c.bands) hits += crosses(interpolate(b.x, b.lo, x), interpolate(b.x, b.hi, x));
    for (std::size_t k = 0; k < c.areas.size(); ++k) hits += crosses(0, interpolate(c.areas[k].x, totals[k], x));
  }
  for (const auto& p : c.points)
    for (std::size_t i = 0; i < std::min(p.x.size(), p.y.size()); ++i) hits += box.contains({f.x(p.x[i]), f.y(p.y[i])});
  for (const auto& r : c.rules) {
    const float v = r.axis == Rule::Axis::x ? f.x(r.value) : f.y(r.value);
    hits += r.axis == Rule::Axis::x ? (v >= box.min.x && v <= box.max.x) : (v >= box.min.y && v <= box.max.y);
  }
  return hits;
}

Rect corner(const Frame& f, LegendPosition pos, Size s) {
  const bool left = pos == LegendPosition::top_left || pos == LegendPosition::bottom_left;
  const bool top = pos == LegendPosition::top_left || pos == LegendPosition::top_right;
  const float x = left ? f.plot.min.x + legend_inset : f.plot.max.x - legend_inset - s.width;
  const float y = top ? f.plot.min.y + legend_inset : f.plot.max.y - legend_inset - marker_h - s.height;
  return {{x, y}, {x + s.width, y + s.height}};
}

void add_line(Scene& sc, const std::vector<Point>& pts, Rect clip, Color colour, float width, bool dashed) {
  for (auto& part : clip_polyline(pts, clip)) sc.items.push_back(Polyline{std::move(part), colour, width, dashed, Cap::round});
}

// Stacked layers and bands: the filled shapes at the back.
void draw_fills(Scene& sc, const Chart& c, const Frame& f) {
  auto& items = sc.items;
  for (const auto& a : c.areas) {
    const auto tops = stack_tops(a);
    std::vector<double> below(a.x.size(), 0.0);
    for (std::size_t k = 0; k < tops.size(); ++k) {
      items.push_back(Polygon{strip(a.x, below, tops[k], f), a.colours[k]});
      below = tops[k];
    }
    // A thin white edge between layers keeps neighbouring colours apart.
    for (std::size_t k = 0; k + 1 < tops.size(); ++k) add_line(sc, to_pixels(a.x, tops[k], f), f.plot, with_alpha(rgb(0xFFFFFF), 0.8f), 1, false);
  }
  for (const auto& b : c.bands) items.push_back(Polygon{strip(b.x, b.lo, b.hi, f), b.fill});
}

void draw_rules(Scene& sc, const Chart& c, const Frame& f) {
  for (const auto& r : c.rules) {
    const bool vertical = r.axis == Rule::Axis::x;
    const float v = snap(vertical ? f.x(r.value) : f.y(r.value));
    if (vertical ? (v < f.plot.min.x || v > f.plot.max.x) : (v < f.plot.min.y || v > f.plot.max.y)) continue;
    const std::vector<Point> pts = vertical ? std::vector<Point>{{v, f.plot.min.y}, {v, f.plot.max.y}} : std::vector<Point>{{f.plot.min.x, v}, {f.plot.max.x, v}};
    sc.items.push_back(Polyline{pts, r.colour, 1.5f, r.dashed, Cap::butt});
  }
}

void draw_series(Scene& sc, const Chart& c, const Frame& f, const Style& st) {
  auto& items = sc.items;
  for (const auto& l : c.lines) add_line(sc, to_pixels(l.x, l.y, f), f.plot, l.colour, l.width, l.dashed);
  for (const auto& p : c.points) {
    const std::size_t n = std::min(p.x.size(), p.y.size());
    for (std::size_t i = 0; i < n && i < p.y_lo.size() && i < p.y_hi.size(); ++i) {
      const float x = f.x(p.x[i]), a = f.y(p.y_lo[i]), b = f.y(p.y_hi[i]);
      const float cap = p.marker_size * 0.45f;
      for (const auto& seg : {std::vector<Point>{{x, a}, {x, b}}, {{x - cap, a}, {x + cap, a}}, {{x - cap, b}, {x + cap, b}}})
        for (auto& part : clip_polyline(seg, f.plot)) items.push_back(Polyline{std::move(part), p.colour, 1.25f, false, Cap::butt});
    }
    for (std::size_t i = 0; i < n; ++i) {
      const Point q{f.x(p.x[i]), f.y(p.y[i])};
      if (std::isfinite(q.x) && std::isfinite(q.y) && f.plot.contains(q)) items.push_back(Circle{q, p.marker_size / 2, p.colour, rgb(0xFFFFFF), 1.25f});
    }
  }
  // Tags right of their points, in the text colour, after every marker so that none hides one;
  // clear of a larger marker drawn on the same point (the winner on its frontier point, say).
  for (const auto& p : c.points) {
    const std::size_t n = std::min({p.x.size(), p.y.size(), p.tags.size()});
    for (std::size_t i = 0; i < n; ++i) {
      const Point q{f.x(p.x[i]), f.y(p.y[i])};
      if (p.tags[i].empty() || !std::isfinite(q.x) || !std::isfinite(q.y) || !f.plot.contains(q)) continue;
      items.push_back(Text{{q.x + std::max(p.marker_size / 2, 7.0f) + 3, q.y}, p.tags[i], st.tick_size, st.text, HAlign::left, VAlign::middle, true});
    }
  }
}

// Rule labels go on top of the data, on a light patch so that lines running behind do not
// cross the letters.
void draw_rule_labels(Scene& sc, const Chart& c, const Frame& f, const TextMeasure& m, const Style& st) {
  auto& items = sc.items;
  for (const auto& r : c.rules) {
    if (r.label.empty()) continue;
    const Size ts = m(r.label, st.note_size, false);
    Text t{{}, r.label, st.note_size, r.colour, HAlign::left, VAlign::top, false};
    if (r.axis == Rule::Axis::x) {
      const float x = snap(f.x(r.value));
      if (x < f.plot.min.x || x > f.plot.max.x) continue;
      const bool fits_right = x + 6 + ts.width <= f.plot.max.x;
      t.pos = {fits_right ? x + 6 : x - 6, f.plot.min.y + 5};
      t.h = fits_right ? HAlign::left : HAlign::right;
    } else {
      const float y = snap(f.y(r.value));
      if (y < f.plot.min.y || y > f.plot.max.y) continue;
      const bool fits_above = y - 5 - ts.height >= f.plot.min.y;
      t.pos = {f.plot.max.x - 6, fits_above ? y - 5 : y + 5};
      t.h = HAlign::right;
      t.v = fits_above ? VAlign::bottom : VAlign::top;
    }
    const Point o = text_origin(t, ts);
    items.push_back(Box{{{o.x - 3, o.y - 1}, {o.x + ts.width + 3, o.y + ts.height + 1}}, st.legend_fill, {}, 0});
    items.push_back(std::move(t));
  }
}

void draw_axes(Scene& sc, const Chart& c, const Frame& f, const TextMeasure& m, const Style& st) {
  auto& items = sc.items;
  for (double v : f.yt.values) {
    const float y = snap(f.y(v));
    items.push_back(Text{{f.plot.min.x - tick_gap, y}, format_tick(v, f.yt.step, c.y_percent), st.tick_size, st.muted, HAlign::right, VAlign::middle, false});
  }
  const float axis_y = snap(f.plot.max.y);
  items.push_back(Polyline{{{f.plot.min.x, axis_y}, {f.plot.max.x, axis_y}}, st.axis, 1, false, Cap::butt});
  for (double v : f.xt.values) {
    const float x = snap(f.x(v));
    items.push_back(Polyline{{{x, axis_y}, {x, axis_y + 4}}, st.axis, 1, false, Cap::butt});
    items.push_back(Text{{x, f.tick_labels_y}, format_tick(v, f.xt.step), st.tick_size, st.muted, HAlign::centre, VAlign::top, false});
  }
  int rows = 0;
  const auto row = marker_rows(c, f.x, m, st, rows);
  for (std::size_t i = 0; i < c.markers.size(); ++i) {
    const auto& mk = c.markers[i];
    const float x = f.x(mk.x);
    if (x < f.plot.min.x - 0.5f || x > f.plot.max.x + 0.5f) continue;
    const Color col = mk.colour;
    items.push_back(Polygon{{{{x - 5, axis_y}, {x + 5, axis_y}, {x, axis_y - marker_h}}}, col});
    if (row[i] >= 0)
      items.push_back(Text{{x, f.marker_labels_y + row[i] * (st.note_size + 2)}, mk.label, st.note_size, col, HAlign::centre, VAlign::top, false});
  }
}

void grid(Scene& sc, const Frame& f, const Style& st) {
  for (double v : f.yt.values) {
    const float y = snap(f.y(v));
    sc.items.push_back(Polyline{{{f.plot.min.x, y}, {f.plot.max.x, y}}, st.grid, 1, false, Cap::butt});
  }
  for (double v : f.xt.values) {
    const float x = snap(f.x(v));
    sc.items.push_back(Polyline{{{x, f.plot.min.y}, {x, f.plot.max.y}}, st.grid, 1, false, Cap::butt});
  }
}

}  // namespace

Style dark_style() {
  Style s;
  s.text = rgb(0xEEEEEE);
  s.muted = rgb(0xB4B4B4);
  s.grid = rgb(0x3A3A3A);
  s.axis = rgb(0x808080);
  s.rule = rgb(0xBBBBBB);
  s.legend_fill = rgb(0x1E1E1E, 235);
  s.legend_border = rgb(0x555555);
  return s;
}

Chart resolve_colours(Chart c, const Style& st) {
  std::size_t next = 0;  // the palette is shared by lines, unmatched bands and points
  for (auto& l : c.lines)
    if (is_automatic(l.colour)) l.colour = palette_colour(next++);
    else ++next;
  for (auto& b : c.bands) {
    if (!is_automatic(b.fill)) continue;
    auto it = std::find_if(c.lines.begin(), c.lines.end(), [&](const Line& l) { return l.label == b.label; });
    b.fill = with_alpha(it != c.lines.end() ? it->colour : palette_colour(next++), 0.2f);
  }
  for (auto& p : c.points)
    if (is_automatic(p.colour)) p.colour = palette_colour(next++);
  for (auto& r : c.rules)
    if (is_automatic(r.colour)) r.colour = st.rule;
  for (auto& m : c.markers)
    if (is_automatic(m.colour)) m.colour = st.muted;
  for (auto& a : c.areas) {
    a.colours.resize(a.layers.size(), automatic);
    for (std::size_t k = 0; k < a.colours.size(); ++k)
      if (is_automatic(a.colours[k])) a.colours[k] = with_alpha(palette_colour(k), 0.85f);
  }
  return c;
}

Scene layout(const Chart& chart, Rect area, const TextMeasure& m, const Style& st) {
  const Chart c = resolve_colours(chart, st);
  Scene sc;
  // Legend: a free corner inside the plot if asked for or if one is free, else a column on the
  // right (wide charts) or a row below.
  using LP = LegendPosition;
  LP pos = c.legend ? c.legend_position : LP::top_left;
  const Legend box_legend(c, false, 0);
  const Size box = box_legend.size(m, st);
  const Frame plain = frame_for(c, area, m, st, 0, 0);
  if (c.legend && pos == LP::automatic && !box_legend.empty()) {
    pos = LP::right;
    for (LP p : {LP::top_left, LP::top_right, LP::bottom_left, LP::bottom_right}) {
      const Rect r = corner(plain, p, box);
      if (r.min.x >= plain.plot.min.x && r.max.y <= plain.plot.max.y && overlap(c, plain, r) == 0) {
        pos = p;
        break;
      }
    }
    if (pos == LP::right && plain.plot.width() - box.width < 0.6f * area.width()) pos = LP::bottom;
  }
  const Legend row_legend(c, true, area.width() - 2 * pad);
  const bool show = c.legend && !box_legend.empty();
  const float right = show && pos == LP::right ? box.width + pad : 0;
  const float below = show && pos == LP::bottom ? row_legend.size(m, st).height + 4 : 0;
  const Frame f = (right > 0 || below > 0) ? frame_for(c, area, m, st, right, below) : plain;

  grid(sc, f, st);
  draw_fills(sc, c, f);
  draw_rules(sc, c, f);
  draw_series(sc, c, f, st);
  draw_rule_labels(sc, c, f, m, st);
  draw_axes(sc, c, f, m, st);

  if (!c.title.empty()) sc.items.push_back(Text{{area.min.x + pad, area.min.y + pad}, c.title, st.title_size, st.text, HAlign::left, VAlign::top, true});
  if (!c.y_label.empty())
    sc.items.push_back(Text{{area.min.x + pad, f.plot.min.y - st.tick_size / 2 - 6}, c.y_label, st.label_size, st.muted, HAlign::left, VAlign::bottom, false});
  if (!c.x_label.empty())
    sc.items.push_back(Text{{(f.plot.min.x + f.plot.max.x) / 2, area.max.y - pad - below}, c.x_label, st.label_size, st.muted, HAlign::centre, VAlign::bottom, false});

  if (show) {
    if (pos == LP::right) {
      // Beside the plot, from its top; a legend taller than the room below moves up (over the
      // title's line on the right) rather than being cut at the bottom.
      float y = f.plot.min.y;
      if (y + box.height > area.max.y - pad) y = std::max(area.min.y + pad, area.max.y - pad - box.height);
      box_legend.draw(sc, {area.max.x - pad - box.width, y}, m, st);
    }
    else if (pos == LP::bottom) row_legend.draw(sc, {area.min.x + pad, area.max.y - pad - row_legend.size(m, st).height}, m, st);
    else box_legend.draw(sc, corner(f, pos, box).min, m, st);
  }
  sc.frames.push_back({0, f.plot, f.x, f.y});
  return sc;
}

Scene layout(const Figure& fig, Size size, const TextMeasure& m, const Style& st) {
  Scene sc;
  float top = 0;
  if (!fig.title.empty()) {
    sc.items.push_back(Text{{size.width / 2, pad}, fig.title, st.figure_title_size, st.text, HAlign::centre, VAlign::top, true});
    top = pad + st.figure_title_size + 4;
  }
  if (!fig.subtitle.empty()) {
    if (top == 0) top = pad;
    std::size_t from = 0;
    while (from <= fig.subtitle.size()) {  // one Text per line
      const std::size_t end = std::min(fig.subtitle.find('\n', from), fig.subtitle.size());
      sc.items.push_back(Text{{size.width / 2, top}, fig.subtitle.substr(from, end - from), st.label_size, st.muted, HAlign::centre, VAlign::top, false});
      top += st.label_size + 4;
      from = end + 1;
    }
    top += 4;
  }
  const int cols = std::max(1, fig.columns);
  const int rows = std::max(1, int((fig.charts.size() + cols - 1) / cols));
  const float cw = size.width / cols, ch = (size.height - top) / rows;
  for (std::size_t i = 0; i < fig.charts.size(); ++i) {
    const float x = float(i % cols) * cw, y = top + float(i / cols) * ch;
    Scene one = layout(fig.charts[i], {{x, y}, {x + cw, y + ch}}, m, st);
    for (auto& item : one.items) sc.items.push_back(std::move(item));
    for (auto fr : one.frames) sc.frames.push_back({i, fr.area, fr.x, fr.y});
  }
  return sc;
}

}  // namespace adoptsim::plot
