// Checks Chromium's screenshot of a brief: its size, the headline's box (light blue, #eef5fb)
// and a chart's curve or band in the first palette colour (#0072b2, or its 20 % tint).
#include <cstdio>
#include <cstdlib>

#include <stb/stb_image.h>

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: check_brief_png FILE.png [MIN_CURVE_PIXELS]\n");
    return 2;
  }
  // A chart of points (optimise's frontier) has fewer pixels in the palette colour than curves.
  const long min_curve = argc == 3 ? std::atol(argv[2]) : 2000;
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
  if (!px) {
    std::fprintf(stderr, "FAIL: cannot read %s: %s\n", argv[1], stbi_failure_reason());
    return 1;
  }
  auto near = [](const unsigned char* p, int r, int g, int b, int tol) {
    return std::abs(p[0] - r) <= tol && std::abs(p[1] - g) <= tol && std::abs(p[2] - b) <= tol;
  };
  long headline = 0, curve = 0, white = 0, dark = 0;
  for (long i = 0; i < static_cast<long>(w) * h; ++i) {
    const unsigned char* p = px + 3 * i;
    headline += near(p, 0xEE, 0xF5, 0xFB, 2);
    curve += near(p, 0x00, 0x72, 0xB2, 40) || near(p, 0xCC, 0xE3, 0xF0, 6);
    white += near(p, 0xFF, 0xFF, 0xFF, 0);
    dark += p[0] < 80 && p[1] < 80 && p[2] < 80;  // text
  }
  stbi_image_free(px);
  int failures = 0;
  auto fail = [&](const char* what, long got) {
    std::fprintf(stderr, "FAIL: %s: %s (%ld pixels)\n", argv[1], what, got);
    ++failures;
  };
  if (w != 1200 || h != 3200) std::fprintf(stderr, "FAIL: size %dx%d, expected 1200x3200\n", w, h), ++failures;
  if (headline < 5000) fail("no headline box", headline);
  if (curve < min_curve) fail("no curve or band in the first palette colour", curve);
  if (dark < 5000) fail("hardly any text", dark);
  if (white > static_cast<long>(w) * h * 99 / 100) fail("almost blank", white);
  if (failures == 0) std::printf("ok: %s: headline %ld, curve %ld, text %ld pixels\n", argv[1], headline, curve, dark);
  return failures == 0 ? 0 : 1;
}
