// Adoption curves, live: overall and per Rogers category, the band of the background ensemble,
// the pinned baseline, goal line, deadline and intervention markers (hover: which, who).
#include <cmath>
#include <map>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "hover.hpp"
#include "scene_imgui.hpp"
#include "series.hpp"

namespace adoptsim::viz {
namespace {

std::string pct(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f%%", 100 * v);
  return b;
}

void add_band(plot::Chart& c, const Band& b, const std::string& label, plot::Color fill) {
  if (b.p05.empty()) return;
  plot::Band band;
  band.label = label;
  band.x = weeks_axis(static_cast<int>(b.p05.size()) - 1);
  band.lo = b.p05;
  band.hi = b.p95;
  band.fill = fill;
  c.bands.push_back(std::move(band));
}

void occurrence_tooltip(const Snapshot& s, int week) {
  const auto& st = *s.structure;
  int shown = 0;
  ImGui::BeginTooltip();
  ImGui::Text("Week %d", week);
  for (const auto& f : s.result.firings) {
    if (f.week != week || f.rule < 0 || f.rule >= static_cast<int>(s.scenario->rules.size())) continue;
    std::string teams;
    for (int t : f.teams) teams += (teams.empty() ? "" : ", ") + st.team_names[static_cast<std::size_t>(t)];
    ImGui::TextColored(ImVec4(0.84f, 0.15f, 0.16f, 1), "rule fired: %s (observed %.2f) for %s", s.scenario->rules[static_cast<std::size_t>(f.rule)].name.c_str(),
                       f.value, teams.empty() ? "the whole organisation" : teams.c_str());
  }
  for (const auto& o : s.result.occurrences) {
    if (o.week != week) continue;
    if (++shown > 6) {
      ImGui::TextDisabled("... more sessions this week");
      break;
    }
    ImGui::Separator();
    ImGui::Text("%s: %d of %d targeted attended, %d group(s), cost %.0f", std::string(kInterventionTypeNames[idx(o.type)]).c_str(),
                o.attendees, o.targeted, o.groups, o.cost);
    int listed = 0;
    for (auto id : o.attendee_ids) {
      if (listed == 8) {
        ImGui::TextDisabled("  and %d more", static_cast<int>(o.attendee_ids.size()) - listed);
        break;
      }
      ImGui::TextDisabled("  #%u  %s, %s, %s", id, st.team_names[st.team_of[id]].c_str(), std::string(kRoleNames[idx(st.role[id])]).c_str(),
                          std::string(kCategoryNames[static_cast<std::size_t>(s.category[id])]).c_str());
      ++listed;
    }
  }
  ImGui::EndTooltip();
}

}  // namespace

plot::Chart curves_chart(const App& app) {
  const Snapshot& s = *app.snap;
  const Scenario& sc = *s.scenario;
  plot::Chart c;
  c.title = "Share of the method's users applying";
  c.x_label = "week";
  c.y_percent = true;
  c.x_range = plot::Range{0, static_cast<double>(sc.weeks)};
  c.y_range = plot::Range{0, 1};
  c.legend_position = plot::LegendPosition::top_left;
  if (app.baseline && app.baseline->band) add_band(c, app.baseline->band->applying, "", plot::rgb(0x999999, 50));
  if (app.band_snap) add_band(c, app.band_snap->applying, "", plot::with_alpha(kOverallColour, 0.22f));
  c.rules.push_back({plot::Rule::Axis::y, sc.goal.share, "goal " + pct(sc.goal.share), plot::automatic, true});
  c.rules.push_back({plot::Rule::Axis::x, static_cast<double>(sc.goal.week), "deadline", plot::automatic, true});
  const auto x = weeks_axis(s.week);
  for (int k = 0; k < kCategories; ++k) {
    plot::Line l;
    l.label = std::string(kCategoryNames[static_cast<std::size_t>(k)]);
    l.x = x;
    l.y = column_of(s.result.applying_by_category, s.week, kCategories, k);
    l.colour = kCategoryColours[static_cast<std::size_t>(k)];
    l.width = 1.5f;
    c.lines.push_back(std::move(l));
  }
  if (app.baseline) {
    const auto& b = *app.baseline->run;
    plot::Line l;
    l.label = "baseline";
    l.x = weeks_axis(b.week);
    l.y = column_of(b.result.applying, b.week);
    l.colour = plot::rgb(0xBBBBBB);
    l.width = 2.5f;
    l.dashed = true;
    c.lines.push_back(std::move(l));
  }
  plot::Line overall;
  overall.label = "all users";
  overall.x = x;
  overall.y = column_of(s.result.applying, s.week);
  overall.colour = kOverallColour;
  overall.width = 3.5f;
  c.lines.push_back(std::move(overall));
  int last = -1;
  for (const auto& o : s.result.occurrences)
    if (o.week != last) {
      c.markers.push_back({static_cast<double>(o.week), "", plot::automatic});
      last = o.week;
    }
  // Rule firings (docs/ODD.md §3.3.13): a labelled line at a rule's first firing, an orange
  // marker at every firing week; the tooltip on the axis lists them.
  std::vector<bool> labelled(sc.rules.size(), false);
  last = -1;
  for (const auto& f : s.result.firings) {
    if (f.rule < 0 || f.rule >= static_cast<int>(sc.rules.size())) continue;
    if (!labelled[static_cast<std::size_t>(f.rule)]) {
      labelled[static_cast<std::size_t>(f.rule)] = true;
      c.rules.push_back({plot::Rule::Axis::x, static_cast<double>(f.week), sc.rules[static_cast<std::size_t>(f.rule)].name, kRuleColour, true});
    }
    if (f.week != last) c.markers.push_back({static_cast<double>(f.week), "", kRuleColour});
    last = f.week;
  }
  return c;
}

void panel_curves(App& app) {
  ImGui::Begin("Adoption curves", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  const Snapshot& s = *app.snap;
  const int deadline = s.scenario->goal.week;
  // The numbers at the deadline: live run, band, baseline and the difference.
  std::string line = "week " + std::to_string(s.week) + " of " + std::to_string(s.scenario->weeks);
  const auto at = [](const RunResult& r, int w) { return static_cast<double>(r.applying[static_cast<std::size_t>(w)]); };
  if (s.week >= deadline) line += "   at the deadline (week " + std::to_string(deadline) + "): " + pct(at(s.result, deadline));
  if (app.band_snap && deadline < static_cast<int>(app.band_snap->applying.p05.size()))
    line += "   band " + pct(app.band_snap->applying.p05[deadline]) + " to " + pct(app.band_snap->applying.p95[deadline]) + " (" +
            std::to_string(app.band_snap->done) + "/" + std::to_string(app.band_snap->total) + " runs)";
  ImGui::TextUnformatted(line.c_str());
  if (app.baseline) {
    const auto& b = *app.baseline->run;
    if (b.week >= deadline && s.week >= deadline) {
      const double diff = at(s.result, deadline) - at(b.result, deadline);
      ImGui::Text("vs baseline (%s): %+.1f percentage points at the deadline", app.baseline->label.c_str(), 100 * diff);
    } else {
      ImGui::Text("vs baseline (%s): difference shown once both runs reach week %d", app.baseline->label.c_str(), deadline);
    }
  }
  const plot::Chart chart = curves_chart(app);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const plot::Scene scene = chart_widget("##curves", chart, avail);
  if (ImGui::IsItemHovered() && !scene.frames.empty()) {
    const auto& f = scene.frames.front();
    const ImVec2 m = ImGui::GetIO().MousePos;
    const plot::Point p{m.x - origin.x, m.y - origin.y};
    const int week = static_cast<int>(std::lround(f.x.inverse(p.x)));
    const bool near_axis = p.y > f.area.max.y - 12 && p.y < f.area.max.y + 14;
    bool any = false;
    for (const auto& o : s.result.occurrences) any = any || o.week == week;
    for (const auto& f : s.result.firings) any = any || f.week == week;
    if (near_axis && any) {
      occurrence_tooltip(s, week);
    } else if (auto h = plot::hover(chart, f, p)) {
      ImGui::BeginTooltip();
      ImGui::Text("week %.0f", h->x);
      for (const auto& v : h->values)
        ImGui::TextColored(ImVec4(v.colour.r / 255.f, v.colour.g / 255.f, v.colour.b / 255.f, 1), "%s: %s", v.label.c_str(), pct(v.y).c_str());
      ImGui::EndTooltip();
    }
  }
  ImGui::End();
}

}  // namespace adoptsim::viz
