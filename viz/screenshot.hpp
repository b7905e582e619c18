// The window's back buffer as a PNG (after rendering, before display()).
#pragma once
#include <filesystem>

namespace adoptsim::viz {
// Reads width × height pixels of the current GL context's back buffer and writes them as PNG
// (atomically). Throws std::runtime_error on failure.
void save_back_buffer(int width, int height, const std::filesystem::path& path);
}  // namespace adoptsim::viz
