// Reading an input file (scenario, calibration set-up, CSV data) whole, with the reason when it
// cannot be: missing, a folder, a device or pipe (which could block for ever), a symbolic link
// loop, unreadable, or larger than the limit below.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace adoptsim {

inline constexpr std::uintmax_t kMaxInputBytes = std::uintmax_t{1} << 30;  // 1 GiB

// The file's bytes, or nothing with `why` set to a message such as "is a directory, not a file".
std::optional<std::string> read_input_file(const std::filesystem::path& path, std::string& why);

}  // namespace adoptsim
