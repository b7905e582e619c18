#include "screenshot.hpp"

#include <GL/gl.h>

#include <cstring>

#include "image.hpp"
#include "png.hpp"

namespace adoptsim::viz {

void save_back_buffer(int width, int height, const std::filesystem::path& path) {
  plot::Image img(width, height);
  std::vector<std::uint8_t> rows(static_cast<std::size_t>(width) * height * 4);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rows.data());
  const auto stride = static_cast<std::size_t>(width) * 4;
  for (int y = 0; y < height; ++y)  // GL rows go bottom to top
    std::memcpy(img.rgba.data() + static_cast<std::size_t>(y) * stride, rows.data() + static_cast<std::size_t>(height - 1 - y) * stride, stride);
  for (std::size_t i = 3; i < img.rgba.size(); i += 4) img.rgba[i] = 255;
  plot::save_png(img, path);
}

}  // namespace adoptsim::viz
