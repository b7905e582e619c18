// Shared by the fuzz targets: the input as a file for readers that take a path, and the one
// outcome that is allowed besides success, a ScenarioError (a reported bad input).
#pragma once
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <unistd.h>

namespace adoptsim::fuzz {

// A per-process file in /tmp (or $TMPDIR) holding `size` bytes of `data`.
inline std::string as_file(const char* tag, const std::uint8_t* data, std::size_t size) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/adoptsim-fuzz-" + std::to_string(::getpid()) + "-" + tag;
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace adoptsim::fuzz
