#include "input_file.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace adoptsim {

namespace fs = std::filesystem;

std::optional<std::string> read_input_file(const fs::path& path, std::string& why) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);  // follows links
  if (ec) {
    why = ec == std::errc::too_many_symbolic_link_levels ? "is a symbolic link loop"
          : ec == std::errc::no_such_file_or_directory  ? "does not exist"
                                                         : "cannot be read: " + ec.message();
    return std::nullopt;
  }
  if (st.type() == fs::file_type::not_found) {
    why = "does not exist";
    return std::nullopt;
  }
  if (st.type() == fs::file_type::directory) {
    why = "is a directory, not a file";
    return std::nullopt;
  }
  if (st.type() != fs::file_type::regular) {
    why = "is not a regular file (a device, pipe or socket)";
    return std::nullopt;
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > kMaxInputBytes) {
    why = fmt::format("is {} bytes, more than the limit of {} for an input file", size, kMaxInputBytes);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = fmt::format("cannot be opened: {}", std::strerror(errno));
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    why = "cannot be read";
    return std::nullopt;
  }
  return std::move(buf).str();
}

}  // namespace adoptsim
