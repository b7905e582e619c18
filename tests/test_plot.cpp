// plot/: ticks, number formats, scales, clipping and the layout of charts into primitives.
// Text is measured by a stand-in here (fixed advance per byte), so no font is needed.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "geometry.hpp"
#include "hover.hpp"
#include "layout.hpp"
#include "series.hpp"
#include "ticks.hpp"

using namespace adoptsim::plot;

namespace {

const TextMeasure fake_measure = [](std::string_view s, float size, bool) { return Size{0.6f * size * float(s.size()), size}; };

bool is_nice_step(double step) {
  const double m = step / std::pow(10.0, std::floor(std::log10(step) + 1e-12));
  return std::fabs(m - 1) < 1e-9 || std::fabs(m - 2) < 1e-9 || std::fabs(m - 5) < 1e-9;
}

std::vector<std::string> texts(const Scene& s) {
  std::vector<std::string> out;
  for (const auto& item : s.items)
    if (auto* t = std::get_if<Text>(&item)) out.push_back(t->text);
  return out;
}

bool has_text(const Scene& s, const std::string& t) {
  const auto all = texts(s);
  return std::find(all.begin(), all.end(), t) != all.end();
}

Chart simple_chart() {
  Chart c;
  c.title = "Adoption";
  c.x_label = "Week";
  c.y_label = "Share";
  c.y_percent = true;
  c.lines.push_back({"Programme A", {0, 10, 20, 30, 40}, {0, 0.1, 0.4, 0.7, 0.8}});
  c.lines.push_back({"Programme B", {0, 10, 20, 30, 40}, {0, 0.05, NAN, 0.5, 0.6}});
  c.bands.push_back({"Programme A", {0, 10, 20, 30, 40}, {0, 0.05, 0.3, 0.6, 0.7}, {0, 0.15, 0.5, 0.8, 0.9}});
  return c;
}

}  // namespace

TEST_CASE("plot: nice_ticks picks 1-2-5 steps within the tick budget") {
  auto t = nice_ticks(0, 1, 6);
  CHECK(t.step == doctest::Approx(0.2));
  REQUIRE(t.values.size() == 6);
  CHECK(t.values.front() == 0.0);
  CHECK(t.values.back() == doctest::Approx(1.0));

  t = nice_ticks(0, 104, 12);
  CHECK(t.step == 10);
  CHECK(t.values.size() == 11);
  CHECK(t.values.back() == 100);

  t = nice_ticks(0, 850000, 6);
  CHECK(t.step == 200000);
  CHECK(t.values == std::vector<double>{0, 200000, 400000, 600000, 800000});

  t = nice_ticks(0.1, 0.35, 6);
  CHECK(t.step == doctest::Approx(0.05));
  CHECK(t.values.size() == 6);  // 0.1 and 0.35 themselves despite rounding
  CHECK(t.values.back() == doctest::Approx(0.35));

  t = nice_ticks(-3, 7, 11);
  CHECK(t.step == 1);
  CHECK(t.values.front() == -3);
  CHECK(t.values.size() == 11);

  CHECK(nice_ticks(5, 5, 6).values == std::vector<double>{5});
  CHECK(nice_ticks(NAN, 1, 6).values.empty());
  CHECK(nice_ticks(1, 0, 6).values.size() == 6);  // reversed bounds are swapped

  // Whatever the range: nice step, at most max_ticks, all inside.
  for (double lo : {-1234.5, -0.003, 0.0, 17.0, 1e6}) {
    for (double span : {0.0007, 0.9, 13.0, 4567.0, 3e7}) {
      for (int max_ticks : {2, 3, 5, 8, 12}) {
        const auto tk = nice_ticks(lo, lo + span, max_ticks);
        CAPTURE(lo);
        CAPTURE(span);
        CAPTURE(max_ticks);
        CHECK(is_nice_step(tk.step));
        CHECK(int(tk.values.size()) <= std::max(max_ticks, 3));
        CHECK(!tk.values.empty());
        const double eps = 1e-9 * (span + std::fabs(lo));  // rounding of k * step
        for (double v : tk.values) CHECK((v >= lo - eps && v <= lo + span + eps));
      }
    }
  }
}

TEST_CASE("plot: widen_to_ticks makes an axis start and end on a tick") {
  double lo = 0.03, hi = 0.97;
  widen_to_ticks(lo, hi, 6);
  CHECK(lo == 0);
  CHECK(hi == doctest::Approx(1.0));
  lo = 0, hi = 1620;
  widen_to_ticks(lo, hi, 11);
  CHECK(lo == 0);
  CHECK(hi == 1800);
}

TEST_CASE("plot: tick labels: thousands separators, decimals from the step, percent") {
  CHECK(format_number(850000, 0) == "850,000");
  CHECK(format_number(1234567.891, 2) == "1,234,567.89");
  CHECK(format_number(-1500, 0) == "-1,500");
  CHECK(format_number(999.6, 0) == "1,000");
  CHECK(format_number(-0.0001, 2) == "0.00");
  CHECK(format_number(12, 0) == "12");
  CHECK(format_tick(0.25, 0.05, true) == "25%");
  CHECK(format_tick(0.025, 0.005, true) == "2.5%");
  CHECK(format_tick(1, 0.2, true) == "100%");
  CHECK(format_tick(2000, 500) == "2,000");
  CHECK(format_tick(0.30000000000000004, 0.1) == "0.3");
  CHECK(format_tick(0.0, 0.1) == "0.0");
  CHECK(format_tick(-20, 10) == "-20");
}

TEST_CASE("plot: scales map data to pixels and back; y grows downwards") {
  const Scale x{0, 10, 100, 300};
  CHECK(x(0) == doctest::Approx(100));
  CHECK(x(10) == doctest::Approx(300));
  CHECK(x(2.5) == doctest::Approx(150));
  CHECK(x.inverse(200) == doctest::Approx(5));
  const Scale y{0, 1, 500, 100};
  CHECK(y(0.25) == doctest::Approx(400));
  CHECK(y.inverse(100) == doctest::Approx(1));
}

TEST_CASE("plot: clipping lines and convex polygons to a rectangle") {
  const Rect r{{0, 0}, {10, 10}};
  // In, out, in again: two parts, cut at the border.
  auto parts = clip_polyline({{5, 5}, {15, 5}, {15, 8}, {5, 8}}, r);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].back().x == doctest::Approx(10));
  CHECK(parts[1].front().x == doctest::Approx(10));
  // A NaN point is a gap.
  parts = clip_polyline({{1, 1}, {2, 2}, {NAN, NAN}, {3, 3}, {4, 4}}, r);
  CHECK(parts.size() == 2);
  CHECK(clip_polyline({{-5, -5}, {-1, 20}}, r).empty());

  const auto sq = clip_convex({{-5, -5}, {5, -5}, {5, 5}, {-5, 5}}, r);
  REQUIRE(sq.size() == 4);
  for (Point p : sq) CHECK((p.x >= 0 && p.x <= 5 && p.y >= 0 && p.y <= 5));
  CHECK(clip_convex({{20, 20}, {30, 20}, {30, 30}}, r).empty());
}

TEST_CASE("plot: dashes cover the line in on/off stretches") {
  const auto d = dashes({{0, 0}, {50, 0}, {50, 50}}, 1);
  REQUIRE(d.size() >= 8);
  float on = 0;
  for (const auto& piece : d)
    for (std::size_t i = 1; i < piece.size(); ++i) on += std::hypot(piece[i].x - piece[i - 1].x, piece[i].y - piece[i - 1].y);
  CHECK(on == doctest::Approx(100 * 6.0 / 10.0).epsilon(0.08));  // 6 on, 4 off
}

TEST_CASE("plot: stacked sums and interpolation") {
  StackedArea a{{"a", "b"}, {0, 1, 2}, {{1, 2, NAN}, {3, 3, 3}}, {}};
  const auto tops = stack_tops(a);
  CHECK(tops[0] == std::vector<double>{1, 2, 0});
  CHECK(tops[1] == std::vector<double>{4, 5, 3});
  CHECK(interpolate({0, 10}, {0, 1}, 2.5) == doctest::Approx(0.25));
  CHECK(std::isnan(interpolate({0, 10}, {0, 1}, 11)));
  CHECK(std::isnan(interpolate({0, 10, 20}, {0, NAN, 1}, 5)));
}

TEST_CASE("plot: layout writes title, axis labels, percent ticks and the legend") {
  const Scene s = layout(simple_chart(), {{0, 0}, {1200, 700}}, fake_measure);
  for (std::string t : {"Adoption", "Week", "Share", "0%", "50%", "90%", "Programme A", "Programme B", "0", "40"}) {
    CAPTURE(t);
    CHECK(has_text(s, t));
  }
  REQUIRE(s.frames.size() == 1);
  const Rect plot = s.frames[0].area;
  CHECK(plot.min.x > 20);
  CHECK(plot.max.x < 1200);
  CHECK(plot.height() > 450);  // most of the height goes to the data
  CHECK(s.frames[0].y(0.9) == doctest::Approx(plot.min.y));  // 0.9 is the top tick
}

TEST_CASE("plot: money axes get thousands separators") {
  Chart c;
  c.lines.push_back({"Cost", {0, 52}, {0, 850000}});
  const Scene s = layout(c, {{0, 0}, {800, 500}}, fake_measure);
  CHECK(has_text(s, "800,000"));
}

TEST_CASE("plot: data primitives stay inside the plot; polygon pieces are convex (ImGui contract)") {
  Chart c = simple_chart();
  c.y_range = Range{0.2, 0.6};  // cut most of the data off
  StackedArea a{{"x", "y"}, {0, 20, 40}, {{0.1, 0.3, 0.2}, {0.2, 0.2, 0.5}}, {}};
  c.areas.push_back(a);
  const Scene s = layout(c, {{0, 0}, {900, 600}}, fake_measure);
  const Rect plot = s.frames[0].area;
  const Rect slack{{plot.min.x - 0.01f, plot.min.y - 0.01f}, {plot.max.x + 0.01f, plot.max.y + 0.01f}};
  int pieces = 0;
  for (const auto& item : s.items) {
    if (auto* p = std::get_if<Polygon>(&item)) {
      for (const auto& piece : p->pieces) {
        ++pieces;
        REQUIRE(piece.size() >= 3);
        int sign = 0;
        for (std::size_t i = 0; i < piece.size(); ++i) {
          const Point a = piece[i], b = piece[(i + 1) % piece.size()], d = piece[(i + 2) % piece.size()];
          const float cross = (b.x - a.x) * (d.y - b.y) - (b.y - a.y) * (d.x - b.x);
          if (std::fabs(cross) < 1e-3f) continue;
          if (sign == 0) sign = cross > 0 ? 1 : -1;
          CHECK((cross > 0 ? 1 : -1) == sign);
        }
        // Time markers aside (none here), fills lie inside the plot.
        for (Point q : piece) CHECK(slack.contains(q));
      }
    }
    if (auto* l = std::get_if<Polyline>(&item)) {
      if (l->width >= 2)  // data lines (grid and axes are 1 px)
        for (Point q : l->points) CHECK(slack.contains(q));
    }
  }
  CHECK(pieces > 4);
}

TEST_CASE("plot: a figure lays its charts out in a grid, each with its frame") {
  Figure f;
  f.title = "Comparison";
  f.columns = 2;
  for (int i = 0; i < 3; ++i) f.charts.push_back(simple_chart());
  const Scene s = layout(f, {1200, 800}, fake_measure);
  REQUIRE(s.frames.size() == 3);
  CHECK(has_text(s, "Comparison"));
  CHECK(s.frames[0].chart == 0);
  CHECK(s.frames[2].chart == 2);
  CHECK(s.frames[0].area.max.x <= 600);
  CHECK(s.frames[1].area.min.x >= 600);
  CHECK(s.frames[2].area.min.y >= 400);
}

TEST_CASE("plot: odd charts lay out without failing") {
  const Rect area{{0, 0}, {300, 200}};
  CHECK_NOTHROW(layout(Chart{}, area, fake_measure));
  Chart one;
  one.lines.push_back({"one point", {3}, {7}});
  one.points.push_back({"p", {1}, {2}, {}, {}});
  CHECK_NOTHROW(layout(one, area, fake_measure));
  Chart gaps;
  gaps.lines.push_back({"gaps", {0, 1, 2}, {NAN, NAN, NAN}});
  gaps.rules.push_back({Rule::Axis::x, 1, "r"});
  CHECK_NOTHROW(layout(gaps, {{0, 0}, {10, 10}}, fake_measure));  // tiny window
}

TEST_CASE("plot: hover finds the nearest x and each line's value there") {
  const Chart c = simple_chart();
  const Scene s = layout(c, {{0, 0}, {1200, 700}}, fake_measure);
  const PlotFrame& f = s.frames[0];
  const auto h = hover(c, f, {f.x(21), (f.area.min.y + f.area.max.y) / 2});
  REQUIRE(h);
  CHECK(h->x == 20);
  REQUIRE(h->values.size() == 1);  // Programme B has a gap at 20
  CHECK(h->values[0].label == "Programme A");
  CHECK(h->values[0].y == doctest::Approx(0.4));
  CHECK(h->values[0].colour == palette[0]);
  CHECK_FALSE(hover(c, f, {1, 1}));
}
