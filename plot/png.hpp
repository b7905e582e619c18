// PNG files of rendered charts.
#pragma once
#include <filesystem>
#include <vector>

#include "image.hpp"

namespace adoptsim::plot {

// The image as PNG bytes. Throws std::runtime_error for an empty or inconsistent image.
std::vector<unsigned char> encode_png(const Image& image);

// Writes the PNG so that `path` is either the previous file or the complete new one: the bytes
// go to a temporary file in the same directory (created if missing), which is then renamed
// into place. On failure the temporary is removed and the exception propagates.
void save_png(const Image& image, const std::filesystem::path& path);

}  // namespace adoptsim::plot
