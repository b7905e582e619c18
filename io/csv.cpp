#include "csv.hpp"

#include <cctype>
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

// Splits one line into fields at `sep`; returns false on an unterminated quote.
bool split(std::string_view line, std::vector<std::string>& out, char sep) {
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
    } else if (c == sep) {
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

// The separator of a file, from its header line: ';' when the header has semicolons and no commas
// outside quotes (what a spreadsheet writes where the decimal mark is a comma, e.g. in Dutch), else ','.
char separator_of(std::string_view header) {
  bool quoted = false;
  int commas = 0, semicolons = 0;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    else if (!quoted) commas += c == ',', semicolons += c == ';';
  }
  return semicolons > 0 && commas == 0 ? ';' : ',';
}

// "0,15" or "-1,5e-3" as written with a decimal comma: the same number with a point. Only a cell
// that is such a number (one comma, digits on both sides) changes, so text keeps its commas.
void decimal_point(std::string& cell) {
  const auto comma = cell.find(',');
  if (comma == std::string::npos || cell.find(',', comma + 1) != std::string::npos || comma == 0 || comma + 1 >= cell.size()) return;
  if (!std::isdigit(static_cast<unsigned char>(cell[comma - 1])) || !std::isdigit(static_cast<unsigned char>(cell[comma + 1]))) return;
  std::string with_point = cell;
  with_point[comma] = '.';
  if (parse_double(with_point)) cell = std::move(with_point);
}

}  // namespace

CsvTable parse_csv(std::string_view text, const std::string& path, std::vector<Diagnostic>& problems) {
  CsvTable t;
  t.path = path;
  std::size_t start = 0;
  int line = 0;
  bool have_header = false;
  char sep = ',';
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
    if (!have_header) sep = separator_of(l);
    if (!split(l, fields, sep)) {
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
      std::string hint;
      if (sep == ',' && fields.size() > t.header.size() && l.find(';') == std::string_view::npos)
        hint = " (a decimal comma, as in 0,15? Separate the columns with ';', as a spreadsheet does where the decimal mark is a comma, or write 0.15)";
      problems.push_back({path, line, 1, "", fmt::format("{} fields, but the header has {} columns{}", fields.size(), t.header.size(), hint)});
      continue;
    }
    if (sep == ';')
      for (auto& cell : fields) decimal_point(cell);
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
