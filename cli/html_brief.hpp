// The brief to share (`--report FILE.html` of run, compare and optimise): one self-contained HTML
// file, charts as inline SVG, no scripts, fonts, images or styles from outside, so that it opens
// offline in any browser and can be mailed. Each command fills one with its question, headline
// figures, costs and assumptions; docs/decisions.md says how to read it.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "chart.hpp"

namespace adoptsim::cli {

class HtmlBrief {
 public:
  explicit HtmlBrief(std::string title);
  void heading(const std::string& text);                     // a section
  void paragraph(const std::string& text);                   // plain text, escaped
  void callout(const std::string& text, bool warning = false);  // a highlighted line (a headline, a warning)
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
  void figure(const plot::Figure& figure, const std::string& caption);  // inline SVG; a note if it cannot be drawn
  void preformatted(const std::string& summary, const std::string& text);  // folded, e.g. a scenario file
  std::string html() const;

 private:
  std::string title_, body_;
};

// The last section of every brief: how to read intervals, P(goal), paired differences and costs.
void add_how_to_read(HtmlBrief& brief);

// Written atomically: an earlier file survives a failure.
void write_brief(const HtmlBrief& brief, const std::filesystem::path& path);

}  // namespace adoptsim::cli
