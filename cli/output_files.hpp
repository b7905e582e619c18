// Where commands write, checked before any simulation starts: a command that would fail to write
// its result fails at once (exit code 2), not after minutes of work.
#pragma once
#include <filesystem>
#include <string>

namespace adoptsim::cli {

// Throws std::invalid_argument when `file` is a directory or its directory cannot be created or
// written; `option` names the command-line option in the message.
void check_writable(const std::filesystem::path& file, const std::string& option = "--out");

// The current time, ISO 8601 UTC, for result metadata.
std::string utc_now();

// A scenario name made safe for a file name: letters, digits, '-', '_' and '.'; others become '-'.
std::string file_stem(const std::string& name);

}  // namespace adoptsim::cli
