#include "png.hpp"

#include <stb/stb_image_write.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <stdexcept>
#include <string>

namespace adoptsim::plot {

namespace fs = std::filesystem;

std::vector<unsigned char> encode_png(const Image& im) {
  if (im.width <= 0 || im.height <= 0 || im.rgba.size() != std::size_t(im.width) * im.height * 4)
    throw std::runtime_error("plot: cannot encode an empty or inconsistent image as PNG");
  std::vector<unsigned char> out;
  auto append = [](void* ctx, void* data, int n) {
    auto* bytes = static_cast<unsigned char*>(data);
    static_cast<std::vector<unsigned char>*>(ctx)->insert(static_cast<std::vector<unsigned char>*>(ctx)->end(), bytes, bytes + n);
  };
  if (!stbi_write_png_to_func(append, &out, im.width, im.height, 4, im.rgba.data(), im.width * 4) || out.empty())
    throw std::runtime_error("plot: PNG encoding failed");
  return out;
}

void save_png(const Image& image, const fs::path& path) {
  const std::vector<unsigned char> bytes = encode_png(image);  // fails before touching the disk
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  // The pid keeps processes apart, the counter the threads of one process.
  static std::atomic<unsigned> counter{0};
  fs::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  try {
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
      out.close();
      if (!out) throw std::runtime_error("plot: cannot write " + tmp.string());
    }
    fs::rename(tmp, path);  // atomic on POSIX
  } catch (...) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw;
  }
}

}  // namespace adoptsim::plot
