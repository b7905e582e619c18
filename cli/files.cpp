#include "files.hpp"

#include "file_names.hpp"

#include <cctype>
#include <ctime>
#include <fmt/format.h>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace adoptsim::cli {

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// Fails early, before hours of simulation, if the result cannot be written there.
void check_writable(const std::filesystem::path& file, const std::string& option) {
  namespace fs = std::filesystem;
  if (fs::is_directory(file)) throw std::invalid_argument(fmt::format("{} {} is a directory; give a file name", option, file.string()));
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir)) throw std::invalid_argument(fmt::format("cannot create the output directory {}", dir.string()));
  const fs::path probe = dir / fmt::format(".adoptsim-write-test-{}", ::getpid());
  if (!std::ofstream(probe)) throw std::invalid_argument(fmt::format("cannot write in the output directory {}", dir.string()));
  fs::remove(probe, ec);
}

std::string file_stem(const std::string& name) { return safe_file_name(name); }

}  // namespace adoptsim::cli
