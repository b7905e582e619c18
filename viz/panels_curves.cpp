// Adoption curves, live: overall and per Rogers category, the band of the background ensemble,
// the pinned baseline, goal line, deadline and intervention markers (hover: which, who).
#include <cmath>
#include <map>
#include <string>

#include <imgui.h>

#include "app.hpp"
#include "comparison.hpp"
#include "hover.hpp"
#include "scene_imgui.hpp"
#include "series.hpp"

namespace adoptsim::viz {
namespace {

std::string pct(double v) {
  if (!std::isfinite(v)) return "n/a";
  char b[32];
  std::snprintf(b, sizeof b, "%.1f%%", 100 * v);
  return b;
}

// Whole percent, for probabilities estimated from replicates.
std::string pct0(double v) {
  if (!std::isfinite(v)) return "n/a";
  char b[32];
  std::snprintf(b, sizeof b, "%.0f%%", 100 * v);
  return b;
}

// A difference of shares in percentage points, signed.
std::string points(double v) {
  if (!std::isfinite(v)) return "n/a";
  char b[32];
  std::snprintf(b, sizeof b, "%+.1f pp", 100 * v);
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
  const bool users_are_goal = goal_group_is_users(sc, *s.structure);
  plot::Chart c;
  // The thick line, its band, the baseline's line and the goal line are the goal group's: the
  // goal is about it (docs/ODD.md §7); the category curves are the method's users.
  c.title = users_are_goal ? "Share applying: the goal group (" + goal_roles_text(sc) + ")"
                           : "Share applying: the goal group (" + goal_roles_text(sc) + "); users by adopter category";
  c.x_label = "week";
  c.y_percent = true;
  c.x_range = plot::Range{0, static_cast<double>(sc.weeks)};
  c.y_range = plot::Range{0, 1};
  c.legend_position = plot::LegendPosition::top_left;
  if (app.baseline && app.baseline->band) add_band(c, app.baseline->band->goal_share, "", plot::rgb(0x999999, 50));
  if (app.band_snap) add_band(c, app.band_snap->goal_share, "", plot::with_alpha(kOverallColour, 0.22f));
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
  if (!users_are_goal) {
    plot::Line users;
    users.label = "all users";
    users.x = x;
    users.y = column_of(s.result.applying, s.week);
    users.colour = kUsersColour;
    users.width = 2.0f;
    c.lines.push_back(std::move(users));
  }
  if (app.baseline) {
    const auto& b = *app.baseline->run;
    plot::Line l;
    l.label = "baseline";
    l.x = weeks_axis(b.week);
    l.y = column_of(b.result.goal_share, b.week);
    l.colour = plot::rgb(0xBBBBBB);
    l.width = 2.5f;
    l.dashed = true;
    c.lines.push_back(std::move(l));
  }
  plot::Line overall;
  overall.label = users_are_goal ? "goal group = users" : "goal group";
  overall.x = x;
  overall.y = column_of(s.result.goal_share, s.week);
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

std::vector<std::string> headline_lines(App& app) {
  std::vector<std::string> out;
  const Snapshot& s = *app.snap;
  const Scenario& sc = *s.scenario;
  const int deadline = sc.goal.week;
  out.push_back("week " + std::to_string(s.week) + " of " + std::to_string(sc.weeks) + "   goal: " + goal_text(sc.goal));
  if (deadline > sc.weeks) {
    out.push_back("the deadline (week " + std::to_string(deadline) + ") lies beyond the horizon (" + std::to_string(sc.weeks) +
                  " weeks): not simulated");
    return out;
  }
  // The ensemble's figures: what to take to a decision.
  const BandSnapshot* b = app.band_snap.get();
  const std::string at = "At the deadline (week " + std::to_string(deadline) + "), ";
  if (b && b->done > 0) {
    const auto& f = b->figures;
    out.push_back(at + "ensemble of " + std::to_string(b->done) + (b->done < b->total ? " of " + std::to_string(b->total) + " runs so far" : " runs") +
                  ": goal group " + pct(f.goal_group.mean) + " (90% of runs " + pct(f.goal_group.p05) + " to " + pct(f.goal_group.p95) + ")");
    out.push_back("P(goal by week " + std::to_string(deadline) + ") " + pct0(f.probability.mean) + " (90% CI " + pct0(f.probability.p05) + " to " +
                  pct0(f.probability.p95) + ")");
  } else if (app.settings.replicates > 0) {
    out.push_back(at + "ensemble running (" + std::to_string(b ? b->done : 0) + " of " + std::to_string(app.settings.replicates) + " runs)");
  } else {
    out.push_back(at + "no ensemble (band runs = 0): only the one run below, no interval");
  }
  const auto share_at = [](const RunResult& r, int w) { return static_cast<double>(r.goal_share[static_cast<std::size_t>(w)]); };
  if (s.week >= deadline)
    out.push_back("This run, one possible world (thick line): " + pct(share_at(s.result, deadline)) +
                  (s.result.goal_week >= 0 && s.result.goal_week <= deadline ? ", goal reached in week " + std::to_string(s.result.goal_week)
                                                                             : ", goal not reached"));
  else
    out.push_back("This run, one possible world (thick line): " + pct(share_at(s.result, s.week)) + " in week " + std::to_string(s.week));
  if (app.baseline) {
    std::string line = "vs baseline (" + app.baseline->label + ")";
    const PairedFigures* p = app.paired();
    if (!p) {
      line += ": the paired difference follows once both ensembles have runs";
    } else if (!p->not_paired.empty()) {
      line += ": no paired difference, " + p->not_paired;
    } else {
      line += ", paired over " + std::to_string(p->replicates) + " runs: goal group " + points(p->goal_group.mean) + " (90% " +
              points(p->goal_group.p05) + " to " + points(p->goal_group.p95) + "), P(goal) " + points(p->probability.mean) + " (90% CI " +
              points(p->probability.p05) + " to " + points(p->probability.p95) + ")";
    }
    out.push_back(line);
  }
  return out;
}

void panel_curves(App& app) {
  ImGui::Begin("Adoption curves", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  const Snapshot& s = *app.snap;
  const auto lines = headline_lines(app);
  ImGui::PushTextWrapPos(0.0f);  // wrap at the panel's edge: a figure is never cut
  for (std::size_t k = 0; k < lines.size(); ++k) {
    // The ensemble's figures stand out; the one run is marked as one possible world.
    const bool ensemble = app.band_snap && app.band_snap->done > 0 && (k == 1 || k == 2);
    if (ensemble) ImGui::TextColored(ImVec4(0.94f, 0.89f, 0.26f, 1), "%s", lines[k].c_str());
    else ImGui::TextUnformatted(lines[k].c_str());
  }
  ImGui::PopTextWrapPos();
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
