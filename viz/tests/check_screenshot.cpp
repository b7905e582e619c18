// Checks a screenshot of the live lab: its size, and that the curves panel (top row, left of
// the middle) shows the overall curve and the category curves in their colours.
#include <cstdio>
#include <cstdlib>

#include <stb/stb_image.h>

namespace {

struct Rgb {
  int r, g, b;
};

bool near(const unsigned char* p, Rgb c, int tol) {
  return std::abs(p[0] - c.r) <= tol && std::abs(p[1] - c.g) <= tol && std::abs(p[2] - c.b) <= tol;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: viz_check_screenshot FILE.png\n");
    return 2;
  }
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
  if (!px) {
    std::fprintf(stderr, "FAIL: cannot read %s: %s\n", argv[1], stbi_failure_reason());
    return 1;
  }
  int failures = 0;
  if (w != 1600 || h != 1000) {
    std::fprintf(stderr, "FAIL: size %dx%d, expected 1600x1000\n", w, h);
    ++failures;
  }
  // The layout of app.cpp: controls 330 px wide, then two columns; the top row is 42 % high.
  const int x0 = 330, x1 = 330 + (w - 330) / 2, y0 = 0, y1 = static_cast<int>(h * 0.42);
  const Rgb overall{0xF0, 0xE4, 0x42};
  const Rgb categories[5] = {{0xCC, 0x79, 0xA7}, {0x00, 0x9E, 0x73}, {0x56, 0xB4, 0xE9}, {0xE6, 0x9F, 0x00}, {0xD5, 0x5E, 0x00}};
  int count_overall = 0, count_cat[5] = {}, overall_outside = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const unsigned char* p = px + (static_cast<std::size_t>(y) * w + x) * 3;
      const bool inside = x >= x0 && x < x1 && y >= y0 && y < y1;
      if (near(p, overall, 24)) (inside ? count_overall : overall_outside)++;
      if (inside)
        for (int k = 0; k < 5; ++k)
          if (near(p, categories[k], 24)) ++count_cat[k];
    }
  std::printf("overall curve pixels in the curves panel: %d (elsewhere %d); categories:", count_overall, overall_outside);
  int categories_seen = 0;
  for (int k = 0; k < 5; ++k) {
    std::printf(" %d", count_cat[k]);
    if (count_cat[k] >= 60) ++categories_seen;
  }
  std::printf("\n");
  if (count_overall < 500) {
    std::fprintf(stderr, "FAIL: the overall curve's colour covers only %d pixels of the curves panel\n", count_overall);
    ++failures;
  }
  if (categories_seen < 4) {
    std::fprintf(stderr, "FAIL: only %d of the 5 category curves are visible\n", categories_seen);
    ++failures;
  }
  // The budget panel (bottom left) draws each intervention type in its own colour
  // (viz/app.hpp kCostRowColours): basic training, the reference's dearest, in orange.
  const Rgb basic_training{0xFF, 0x7F, 0x0E};
  int count_basic = 0;
  for (int y = static_cast<int>(h * 0.71); y < h; ++y)
    for (int x = x0; x < x1; ++x)
      if (near(px + (static_cast<std::size_t>(y) * w + x) * 3, basic_training, 6)) ++count_basic;
  std::printf("basic training's colour in the budget panel: %d pixels\n", count_basic);
  if (count_basic < 300) {
    std::fprintf(stderr, "FAIL: the budget panel does not show basic training in its colour (%d pixels)\n", count_basic);
    ++failures;
  }
  stbi_image_free(px);
  return failures ? 1 : 0;
}
