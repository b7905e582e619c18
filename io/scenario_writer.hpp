// Writing a Scenario back as a TOML scenario file that `adoptsim run` accepts: for "save as
// scenario" in the live lab, the optimiser's winning programme and proposed group compositions.
#pragma once
#include <filesystem>
#include <string>

#include "scenario.hpp"

namespace adoptsim {

// The scenario as TOML text. Parameters are written only where they differ from the defaults;
// regular week lists are written as recurrences. `header` (optional) becomes comment lines at
// the top. parse_scenario(to_toml(s)) gives back the same scenario.
std::string to_toml(const Scenario& s, const std::string& header = "");

// The text of the file `path` for `s`: to_toml(s), or, when `s` builds on a base (s.base_file),
// `base = "..."` (relative to `path`'s folder) and only the keys that differ from the base, as
// long as that reads back to the same scenario (else the whole scenario, which needs no base).
std::string to_toml_file(const Scenario& s, const std::filesystem::path& path, const std::string& header = "");

// Writes to_toml_file(s, path, header) atomically (temporary file, then rename).
void save_scenario(const Scenario& s, const std::filesystem::path& path, const std::string& header = "");

}  // namespace adoptsim
