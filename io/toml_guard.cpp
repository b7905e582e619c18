#include "toml_guard.hpp"

#include <fmt/format.h>

namespace adoptsim {

namespace {

// Length of the valid UTF-8 sequence at text[i] (1 for ASCII), or 0 if it is not valid:
// overlong forms, surrogates and code points above U+10FFFF are refused (RFC 3629).
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n;
  unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else
    return 0;
  if (i + n > text.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  return n;
}

bool bare_key_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '"' || c == '\'';
}

}  // namespace

std::optional<Diagnostic> check_toml_bytes(std::string_view text, const std::string& path) {
  int line = 1;
  std::size_t line_start = 0;
  const auto at = [&](std::size_t i, std::string message) {
    return Diagnostic{path, line, static_cast<int>(i - line_start) + 1, "", std::move(message)};
  };
  // First the encoding, everywhere (comments and strings included).
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_length(text, i);
    if (n == 0) return at(i, fmt::format("not valid TOML: byte 0x{:02X} is not valid UTF-8 (save the file as UTF-8)", static_cast<unsigned char>(text[i])));
    if (text[i] == '\n') line += 1, line_start = i + 1;
    i += n;
  }
  line = 1;
  line_start = 0;
  // Then where non-ASCII may appear, and how table headers start.
  int depth = 0;             // brackets and braces open in values (arrays, inline tables)
  bool at_line_start = true; // only blanks so far on this line
  const std::size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // a byte-order mark is allowed (and skipped by toml++)
  for (std::size_t i = bom; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      at_line_start = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    if (c == '#') {  // a comment runs to the end of the line
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    }
    if (c == '"' || c == '\'') {  // a string: basic or literal, one line or multi-line
      at_line_start = false;
      const bool multi = text.substr(i, 3) == std::string_view(c == '"' ? "\"\"\"" : "'''");
      std::size_t j = i + (multi ? 3 : 1);
      for (; j < text.size(); ++j) {
        if (c == '"' && text[j] == '\\') {
          ++j;  // the escaped character (a newline after a backslash is counted below)
          if (j < text.size() && text[j] == '\n') ++line, line_start = j + 1;
          continue;
        }
        if (text[j] == '\n') {
          if (!multi) break;  // unterminated: toml++ reports it
          ++line;
          line_start = j + 1;
          continue;
        }
        if (text[j] == c && (!multi || text.substr(j, 3) == std::string_view(c == '"' ? "\"\"\"" : "'''"))) {
          if (multi)  // up to two more quotes may belong to the string: """a"""""
            while (j + 3 < text.size() && text[j + 3] == c) ++j;
          j += multi ? 2 : 0;
          break;
        }
      }
      i = j < text.size() && text[j] == '\n' ? j - 1 : j;
      continue;
    }
    if (static_cast<unsigned char>(c) >= 0x80)
      return at(i, "not valid TOML: a non-ASCII character outside a string or comment (bare keys are A-Z a-z 0-9 _ -; "
                   "quote other names, e.g. \"ré\" = 1)");
    if (c == '[' && at_line_start && depth == 0) {  // a table header [name] or [[name]]
      std::size_t j = i + 1;
      if (j < text.size() && text[j] == '[') ++j;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      if (j < text.size() && text[j] != '\n' && text[j] != '\r' && !bare_key_start(text[j]))
        return at(j, fmt::format("not valid TOML: a table header starts with a key name, not '{}'", text[j]));
      i = j - 1;
      at_line_start = false;
      continue;
    }
    at_line_start = false;
    if (c == '[' || c == '{') ++depth;
    else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return std::nullopt;
}

}  // namespace adoptsim
