#include "csv.hpp"

#include <charconv>
#include <fmt/format.h>

#include "input_file.hpp"
#include <fstream>
#include <sstream>

namespace adoptsim {

int CsvTable::column(std::string_view name) const {
  for (std::size_t k = 0; k < header.size(); ++k)
    if (header[k] == name) return static_cast<int>(k);
  return -1;
}


namespace {

// Splits one line into fields; returns false on an unterminated quote.
bool split(std::string_view line, std::vector<std::string>& out) {
  out.clear();
  std::string cell;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell += c;
      }
    } else if (c == '"' && cell.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      out.push_back(std::move(cell));
      cell.clear();
      was_quoted = false;
    } else {
      cell += c;
    }
  }
  if (quoted) return false;
  out.push_back(std::move(cell));
  // Unquoted cells lose surrounding blanks; quoted ones keep what was inside the quotes.
  for (auto& s : out) {
    const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  }
  return true;
}

}  // namespace

CsvTable parse_csv(std::string_view text, const std::string& path, std::vector<Diagnostic>& problems) {
  CsvTable t;
  t.path = path;
  std::size_t start = 0;
  int line = 0;
  bool have_header = false;
  std::vector<std::string> fields;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    start = end + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (line == 1 && l.substr(0, 3) == "\xEF\xBB\xBF") l.remove_prefix(3);  // a spreadsheet's byte-order mark
    if (l.find_first_not_of(" \t") == std::string_view::npos || l.front() == '#') continue;
    if (!split(l, fields)) {
      problems.push_back({path, line, 1, "", "unterminated quote (a quoted field must end on the same line)"});
      continue;
    }
    if (!have_header) {
      t.header = fields;
      have_header = true;
      for (std::size_t a = 0; a < t.header.size(); ++a)
        for (std::size_t b = 0; b < a; ++b)
          if (t.header[a] == t.header[b]) problems.push_back({path, line, 1, t.header[a], "column name appears twice in the header"});
      continue;
    }
    if (fields.size() != t.header.size()) {
      problems.push_back({path, line, 1, "", fmt::format("{} fields, but the header has {} columns", fields.size(), t.header.size())});
      continue;
    }
    t.rows.push_back({line, fields});
  }
  if (!have_header) problems.push_back({path, 1, 1, "", "empty file: expected a header row with column names"});
  return t;
}

CsvTable read_csv(const std::string& path, std::vector<Diagnostic>& problems) {
  std::string why;
  const auto text = read_input_file(path, why);
  if (!text) {
    problems.push_back({path, 0, 0, "", fmt::format("the file {} {}", path, why)});
    CsvTable t;
    t.path = path;
    return t;
  }
  return parse_csv(*text, path, problems);
}

std::optional<double> parse_double(std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  double v = 0;
  const auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || p != cell.data() + cell.size()) return std::nullopt;
  return v;
}

std::optional<long long> parse_integer(std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  long long v = 0;
  const auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || p != cell.data() + cell.size()) return std::nullopt;
  return v;
}

}  // namespace adoptsim
