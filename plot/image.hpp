// An RGBA picture in memory, the target of the raster backend and the input of the PNG writer.
#pragma once
#include <cstdint>
#include <vector>

#include "chart.hpp"

namespace adoptsim::plot {

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // rows top to bottom, 4 bytes per pixel, straight alpha

  Image() = default;
  Image(int w, int h, Color fill = rgb(0xFFFFFF));

  Color at(int x, int y) const;  // x, y inside the image
  // Source-over compositing of `c` covering `coverage` (0..1) of the pixel; outside: ignored.
  void blend(int x, int y, Color c, float coverage);
};

}  // namespace adoptsim::plot
