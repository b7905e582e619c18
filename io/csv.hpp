// Reading CSV files of data (real networks, observed data): a header row, then one record per
// line. Every cell keeps its line number so problems can be reported as file:line: column.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario_loader.hpp"

namespace adoptsim {

struct CsvRow {
  int line = 0;                    // 1-based line number in the file
  std::vector<std::string> cells;  // one per header column
};

struct CsvTable {
  std::string path;                // as given, for messages
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  // Index of a column by name, or -1.
  int column(std::string_view name) const;
  // The first of `names` that is a column; -1 when none is.
  template <class Names>
  int column_of(const Names& names) const {
    for (std::string_view n : names)
      if (const int c = column(n); c >= 0) return c;
    return -1;
  }
};

// Parses CSV text: comma-separated, RFC 4180 quoting ("a, b" and "" for a quote inside quotes),
// LF or CRLF line ends. A file whose header has semicolons and no commas is semicolon-separated
// with decimal commas (a spreadsheet's CSV in Dutch and other locales): its number cells such as
// "0,15" are read as 0.15. A comma-separated record with more fields than the header says a
// decimal comma may be the reason. Lines that are empty or start with '#' are skipped (comments). A record
// with a different number of fields than the header, or an unterminated quote, is reported in
// `problems` (file:line) and left out of `rows`: the caller decides that the file is bad.
CsvTable parse_csv(std::string_view text, const std::string& path, std::vector<Diagnostic>& problems);

// Reads and parses a file; a file that cannot be opened is one problem (line 0).
CsvTable read_csv(const std::string& path, std::vector<Diagnostic>& problems);

// Strict numbers of a cell: the whole cell must be the number (no trailing text).
std::optional<double> parse_double(std::string_view cell);
std::optional<long long> parse_integer(std::string_view cell);

}  // namespace adoptsim
