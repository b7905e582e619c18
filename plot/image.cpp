#include "image.hpp"

#include <algorithm>
#include <stdexcept>

namespace adoptsim::plot {

Image::Image(int w, int h, Color fill) : width(w), height(h) {
  if (w < 0 || h < 0) throw std::invalid_argument("plot::Image: negative size");
  rgba.resize(std::size_t(w) * std::size_t(h) * 4);
  for (std::size_t i = 0; i < rgba.size(); i += 4) {
    rgba[i] = fill.r;
    rgba[i + 1] = fill.g;
    rgba[i + 2] = fill.b;
    rgba[i + 3] = fill.a;
  }
}

Color Image::at(int x, int y) const {
  const std::uint8_t* p = &rgba[(std::size_t(y) * width + x) * 4];
  return {p[0], p[1], p[2], p[3]};
}

void Image::blend(int x, int y, Color c, float coverage) {
  if (x < 0 || y < 0 || x >= width || y >= height) return;
  const float sa = c.a / 255.0f * std::clamp(coverage, 0.0f, 1.0f);
  if (sa <= 0) return;
  std::uint8_t* p = &rgba[(std::size_t(y) * width + x) * 4];
  const float da = p[3] / 255.0f;
  const float oa = sa + da * (1 - sa);
  auto mix = [&](std::uint8_t s, std::uint8_t d) {
    return std::uint8_t(std::clamp((s * sa + d * da * (1 - sa)) / oa + 0.5f, 0.0f, 255.0f));
  };
  p[0] = mix(c.r, p[0]);
  p[1] = mix(c.g, p[1]);
  p[2] = mix(c.b, p[2]);
  p[3] = std::uint8_t(oa * 255.0f + 0.5f);
}

}  // namespace adoptsim::plot
