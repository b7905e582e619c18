// plot/: the software renderer draws what the chart says where the layout says, and PNG files
// come out whole or not at all.
#include <doctest/doctest.h>
#include <stb/stb_image.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "png.hpp"
#include "raster.hpp"

using namespace adoptsim::plot;
namespace fs = std::filesystem;

namespace {

const Font& font() { return default_font(); }

struct Rendered {
  Image image;
  PlotFrame frame;
};

// A chart without title, labels or legend, with fixed ranges, drawn at w × h.
Rendered draw(Chart c, int w = 500, int h = 400) {
  c.legend = false;
  const Scene s = layout(c, {{0, 0}, {float(w), float(h)}}, font().measurer());
  return {render(s, {float(w), float(h)}, font()), s.frames.at(0)};
}

Color at(const Rendered& r, double x, double y) {
  return r.image.at(int(std::floor(r.frame.x(x))), int(std::floor(r.frame.y(y))));
}

bool reddish(Color c) { return c.r > 180 && c.g < 110 && c.b < 110; }
bool near(Color c, Color want, int tol = 12) {
  return std::abs(c.r - want.r) <= tol && std::abs(c.g - want.g) <= tol && std::abs(c.b - want.b) <= tol;
}

fs::path scratch_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("adoptsim_plot_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("plot raster: a thick red line lies where the data say, and nowhere else") {
  Chart c;
  c.x_range = Range{0, 10};
  c.y_range = Range{0, 1};
  c.lines.push_back({"", {0, 10}, {0, 1}, rgb(0xFF0000), 6});
  const Rendered r = draw(c);
  for (double t = 0.05; t < 1; t += 0.05) CHECK(reddish(at(r, 10 * t, t)));
  // Every red pixel is within the half width (3 px) plus anti-aliasing of the segment.
  const Point a{r.frame.x(0), r.frame.y(0)}, b{r.frame.x(10), r.frame.y(1)};
  const float len = std::hypot(b.x - a.x, b.y - a.y);
  int red = 0, stray = 0;
  for (int y = 0; y < r.image.height; ++y) {
    for (int x = 0; x < r.image.width; ++x) {
      const Color p = r.image.at(x, y);
      if (p.r < p.g + 60 || p.r < p.b + 60) continue;  // not noticeably red
      ++red;
      const float px = x + 0.5f - a.x, py = y + 0.5f - a.y;
      const float dist = std::fabs(px * (b.y - a.y) - py * (b.x - a.x)) / len;
      if (dist > 4.5f) ++stray;
    }
  }
  CHECK(red > int(len * 5));  // about 6 px wide along its length
  CHECK(stray == 0);
  // Far from the line: background.
  CHECK(!reddish(at(r, 8, 0.2)));
  CHECK(!reddish(at(r, 2, 0.8)));
}

TEST_CASE("plot raster: a band fills between lo and hi, evenly, without seams") {
  Chart c;
  c.x_range = Range{0, 10};
  c.y_range = Range{0, 1};
  std::vector<double> x, lo, hi;
  for (int i = 0; i <= 50; ++i) {
    x.push_back(i * 0.2);
    lo.push_back(0.2 + 0.02 * i * 0.2);
    hi.push_back(0.6 + 0.02 * i * 0.2);
  }
  c.bands.push_back({"", x, lo, hi, rgb(0x0000FF, 64)});
  const Rendered r = draw(c);
  const Color inside = at(r, 4.3, 0.5);
  // 25 % blue over white.
  CHECK(near(inside, {191, 191, 255, 255}, 3));
  CHECK(near(at(r, 4.3, 0.1), {255, 255, 255, 255}, 30));  // below lo (the grid may be near)
  CHECK(near(at(r, 4.3, 0.85), {255, 255, 255, 255}, 30));  // above hi
  // Along a row through the middle of the band, every pixel has the same colour: the 50
  // convex pieces meet without a visible seam.
  const int y = int(r.frame.y(0.45));
  for (int px = int(r.frame.x(0.5)); px < int(r.frame.x(9.5)); ++px) {
    const Color p = r.image.at(px, y);
    if (p.r < 180) continue;  // a grid line crossing
    CAPTURE(px);
    CHECK(near(p, inside, 2));
  }
}

TEST_CASE("plot raster: stacked layers are drawn bottom to top in order") {
  Chart c;
  c.x_range = Range{0, 10};
  c.y_range = Range{0, 1};
  const std::vector<double> third(3, 1.0 / 3);
  c.areas.push_back({{"bottom", "middle", "top"}, {0, 5, 10}, {third, third, third}, {rgb(0xFF0000), rgb(0x00FF00), rgb(0x0000FF)}});
  const Rendered r = draw(c);
  const Color bottom = at(r, 4.3, 1.0 / 6), middle = at(r, 4.3, 0.5), top = at(r, 4.3, 5.0 / 6);
  CHECK(near(bottom, rgb(0xFF0000)));
  CHECK(near(middle, rgb(0x00FF00)));
  CHECK(near(top, rgb(0x0000FF)));
}

TEST_CASE("plot raster: text is drawn with dark pixels inside its measured box") {
  const Text t{{40, 30}, "Adoption 85 % – é ë €", 20, rgb(0x000000), HAlign::left, VAlign::top, false};
  const Size box = font().measure(t.text, t.size);
  CHECK(box.width > 150);
  CHECK(box.height == 20);
  Scene s;
  s.items.push_back(t);
  const Image im = render(s, {400, 100}, font());
  int inside = 0, outside = 0;
  for (int y = 0; y < im.height; ++y) {
    for (int x = 0; x < im.width; ++x) {
      if (im.at(x, y).r > 128) continue;
      const bool in = x >= 40 - 1 && x <= 40 + box.width + 1 && y >= 30 - 1 && y <= 30 + box.height + 1;
      (in ? inside : outside)++;
    }
  }
  CHECK(inside > 200);
  CHECK(outside == 0);
}

TEST_CASE("plot raster: Latin-1 and the euro sign are real glyphs, anchors place the box") {
  CHECK(decode_utf8("é€x") == U"é€x");
  CHECK(decode_utf8("\xff") == U"\uFFFD");
  CHECK(font().measure("é", 14).width == doctest::Approx(font().measure("e", 14).width));
  // The accent of é puts ink above the x-height where e has none.
  auto ink_top = [&](const char* s) {
    Scene sc;
    sc.items.push_back(Text{{10, 10}, s, 40, rgb(0x000000)});
    const Image im = render(sc, {80, 80}, font());
    for (int y = 0; y < im.height; ++y)
      for (int x = 0; x < im.width; ++x)
        if (im.at(x, y).r < 128) return y;
    return im.height;
  };
  CHECK(ink_top("é") + 5 < ink_top("e"));
  CHECK(ink_top("€") < ink_top("e"));
  // Right/bottom anchoring puts the box's far corner at pos.
  const Text t{{300, 90}, "Goal", 16, rgb(0x000000), HAlign::right, VAlign::bottom};
  const Point o = text_origin(t, font().measure(t.text, t.size));
  CHECK(o.x + font().measure(t.text, t.size).width == doctest::Approx(300));
  CHECK(o.y == doctest::Approx(74));
}

TEST_CASE("plot raster: a missing font file is a clear error") {
  CHECK_THROWS_WITH_AS(Font("/nonexistent/Font.ttf"), doctest::Contains("/nonexistent/Font.ttf"), std::runtime_error);
}

TEST_CASE("plot png: encoding round-trips the pixels and the size") {
  Chart c;
  c.title = "Round trip";
  c.lines.push_back({"a", {0, 1, 2}, {0, 2, 1}});
  const Image im = render(c, {320, 200});
  const auto png = encode_png(im);
  REQUIRE(png.size() > 8);
  CHECK(png[1] == 'P');
  int w = 0, h = 0, n = 0;
  unsigned char* back = stbi_load_from_memory(png.data(), int(png.size()), &w, &h, &n, 4);
  REQUIRE(back != nullptr);
  CHECK(w == 320);
  CHECK(h == 200);
  CHECK(std::equal(im.rgba.begin(), im.rgba.end(), back));
  stbi_image_free(back);
}

TEST_CASE("plot png: save_png writes whole files, creates directories, leaves nothing behind") {
  const fs::path dir = scratch_dir("save");
  const fs::path target = dir / "nested" / "chart.png";
  const Image im(40, 30, rgb(0x336699));
  save_png(im, target);
  REQUIRE(fs::exists(target));
  CHECK(slurp(target).size() == encode_png(im).size());
  int files = 0;
  for (const auto& e : fs::directory_iterator(target.parent_path())) files += e.is_regular_file();
  CHECK(files == 1);  // no temporary left

  // A failed encoding leaves the existing file as it was, and no temporary.
  const std::string before = slurp(target);
  CHECK_THROWS_AS(save_png(Image{}, target), std::runtime_error);
  CHECK(slurp(target) == before);
  files = 0;
  for (const auto& e : fs::directory_iterator(target.parent_path())) files += e.is_regular_file();
  CHECK(files == 1);

  // Replacing works.
  save_png(Image(10, 10), target);
  CHECK(slurp(target) != before);
  fs::remove_all(dir);
}

TEST_CASE("plot png: an unwritable target is an error and leaves no temporary") {
  const fs::path dir = scratch_dir("unwritable");
  fs::create_directories(dir / "chart.png");  // a directory where the file should go
  CHECK_THROWS(save_png(Image(4, 4), dir / "chart.png"));
  int entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) (void)e, ++entries;
  CHECK(entries == 1);
  fs::remove_all(dir);
}

TEST_CASE("plot raster: primitives far outside, degenerate or NaN are skipped, not crashed on") {
  Scene s;
  s.items.push_back(Polyline{{{-1e30f, 5}, {1e30f, 50}, {NAN, 3}, {20, 20}}, rgb(0xFF0000), 3});
  s.items.push_back(Polyline{{{5, 5}}, rgb(0xFF0000), 3});
  s.items.push_back(Polyline{{{5, 5}, {1e30f, 5}, {NAN, 2}, {8, 8}, {9, 9}}, rgb(0xFF0000), 2, true});
  s.items.push_back(Polygon{{{{-1e9f, -1e9f}, {1e9f, -1e9f}, {0, 1e9f}}, {{1, 1}}, {}}, rgb(0x00FF00, 128)});
  s.items.push_back(Circle{{NAN, 4}, 3, rgb(0x0000FF)});
  s.items.push_back(Circle{{10, 10}, 1e20f, rgb(0x0000FF, 10)});
  s.items.push_back(Box{{{1e20f, 0}, {-1e20f, 5}}, rgb(0x000000), rgb(0x000000), 2});
  s.items.push_back(Text{{NAN, 1e30f}, "lost", 12, rgb(0x000000)});
  s.items.push_back(Text{{5, 5}, "", 0, rgb(0x000000)});
  Image im;
  CHECK_NOTHROW(im = render(s, {64, 48}, font()));
  CHECK(im.width == 64);
  CHECK(render(s, {0, 0}, font()).rgba.empty());
}
