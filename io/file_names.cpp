#include "file_names.hpp"

#include <cctype>

namespace adoptsim {

std::string safe_file_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    if (out.empty() && c == '.') continue;  // "..", ".hidden"
    out += keep && static_cast<unsigned char>(c) < 0x80 ? c : '-';
    if (out.size() >= 100) break;
  }
  return out.empty() ? "scenario" : out;
}

}  // namespace adoptsim
