#include "html_brief.hpp"

#include "atomic_file.hpp"
#include "svg.hpp"

namespace adoptsim::cli {

using plot::xml_escape;

HtmlBrief::HtmlBrief(std::string title) : title_(std::move(title)) {}

void HtmlBrief::heading(const std::string& text) { body_ += "<h2>" + xml_escape(text) + "</h2>\n"; }

void HtmlBrief::paragraph(const std::string& text) { body_ += "<p>" + xml_escape(text) + "</p>\n"; }

void HtmlBrief::callout(const std::string& text, bool warning) {
  body_ += std::string("<p class=\"") + (warning ? "warning" : "headline") + "\">" + xml_escape(text) + "</p>\n";
}

void HtmlBrief::table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  body_ += "<table>\n<tr>";
  for (const auto& h : header) body_ += "<th>" + xml_escape(h) + "</th>";
  body_ += "</tr>\n";
  for (const auto& row : rows) {
    body_ += "<tr>";
    for (std::size_t k = 0; k < row.size(); ++k) body_ += (k == 0 ? "<td>" : "<td class=\"num\">") + xml_escape(row[k]) + "</td>";
    body_ += "</tr>\n";
  }
  body_ += "</table>\n";
}

void HtmlBrief::figure(const plot::Figure& figure, const std::string& caption) {
  try {
    body_ += "<figure>\n" + plot::svg(figure) + "<figcaption>" + xml_escape(caption) + "</figcaption>\n</figure>\n";
  } catch (const std::exception& e) {
    callout(std::string("chart not drawn: ") + e.what(), true);
  }
}

void HtmlBrief::preformatted(const std::string& summary, const std::string& text) {
  body_ += "<details><summary>" + xml_escape(summary) + "</summary>\n<pre>" + xml_escape(text) + "</pre></details>\n";
}

std::string HtmlBrief::html() const {
  // No external resource of any kind: styles inline, system fonts only, no scripts.
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" + xml_escape(title_) + "</title>\n"
         "<style>\n"
         "body{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;color:#222;max-width:1100px;margin:2em auto;padding:0 1em;line-height:1.45}\n"
         "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}\n"
         "table{border-collapse:collapse;margin:.6em 0}th,td{padding:.25em .7em;border-bottom:1px solid #e3e3e3;text-align:left}\n"
         "td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}\n"
         ".headline{font-size:1.15em;background:#eef5fb;border-left:4px solid #0072b2;padding:.5em .8em}\n"
         ".warning{background:#fdf0e6;border-left:4px solid #d55e00;padding:.5em .8em}\n"
         "figure{margin:1em 0}figcaption{color:#595959;font-size:.9em}pre{background:#f7f7f7;padding:.8em;overflow-x:auto;font-size:.85em}\n"
         "</style>\n</head>\n<body>\n<h1>" +
         xml_escape(title_) + "</h1>\n" + body_ + "</body>\n</html>\n";
}

void add_how_to_read(HtmlBrief& b) {
  b.heading("How to read this brief");
  b.paragraph("Every figure comes from many simulated replicates of the same organisation and programme: each replicate is one "
              "possible year, with its own chance events (who is ill, who resists, who talks to whom). A mean is the average over "
              "them; a 90% interval is the range in which 90% of the replicates fell, so a single real rollout can land anywhere in it.");
  b.paragraph("P(goal) is the share of replicates that reached the goal by its deadline, with a 90% confidence interval for that "
              "share. It answers: how likely is it that we make the goal on time with this programme?");
  b.paragraph("The goal is about its goal group (for example the supervisors); the method's users (supervisors and foremen) are "
              "shown separately and labelled as such.");
  b.paragraph("When programmes are compared, they run on the same replicates (same people, same chance events), so a paired "
              "difference is the programmes' own. Its interval can exclude zero even when the two programmes' own intervals overlap.");
  b.paragraph("Costs count out-of-pocket spending (trainers, actors, venues, materials, evaluation, the project leader) and the "
              "staff time of the attendees at their hourly wage; both totals are shown. The scenario says which of them the budget covers.");
  b.paragraph("The assumptions section holds the scenario text, the seed and the program version: with them anyone can "
              "reproduce every number here exactly.");
}

void write_brief(const HtmlBrief& brief, const std::filesystem::path& path) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  write_text_atomically(path, brief.html());
}

}  // namespace adoptsim::cli
