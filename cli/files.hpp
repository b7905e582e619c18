// Small file helpers shared by the commands.
#pragma once
#include <filesystem>
#include <string>

namespace adoptsim::cli {

std::string utc_now();  // ISO 8601, e.g. 2026-11-23T20:49:00Z

// Fails early (std::invalid_argument: bad input), before hours of simulation, if a result cannot
// be written at `file`: a directory, or a directory that cannot be created or written. `option`
// names the command-line option in the message.
void check_writable(const std::filesystem::path& file, const std::string& option = "--out");

// A scenario name made safe for a file name (io/file_names.hpp): no folder, no '..', no hidden file.
std::string file_stem(const std::string& name);

}  // namespace adoptsim::cli
