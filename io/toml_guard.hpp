// A check of a TOML file's bytes before toml++ sees them. toml++ 3.3.0 (Debian 12) asserts on a
// table header that does not start with a key (`[+`, `[.a]`) and reaches __builtin_unreachable
// on a non-ASCII byte outside a string (`ré = 1`). TOML 1.0 allows non-ASCII only inside strings
// and comments, and requires valid UTF-8; this check enforces exactly that (and that header),
// reporting file:line:column itself. The rest of the syntax is left to toml++.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "scenario_loader.hpp"

namespace adoptsim {

// The first problem found, or nothing. Columns count bytes from 1, lines from 1.
std::optional<Diagnostic> check_toml_bytes(std::string_view text, const std::string& path);

}  // namespace adoptsim
