// People: mean satisfaction of the four needs (over time, and per category now), mean
// resistance and mean skill of the method's users.
#include <imgui.h>

#include "app.hpp"
#include "scene_imgui.hpp"
#include "series.hpp"

namespace adoptsim::viz {

plot::Chart people_chart(const Snapshot& s) {
  plot::Chart c;
  c.title = "Users' means over time";  // short: the chart shares its panel with the table
  c.x_label = "week";
  c.x_range = plot::Range{0, static_cast<double>(s.scenario->weeks)};
  c.y_range = plot::Range{0, 1};
  c.legend_position = plot::LegendPosition::right;
  const auto x = weeks_axis(s.week);
  for (int k = 0; k < kNeeds; ++k) {
    plot::Line l;
    l.label = std::string(kNeedNames[static_cast<std::size_t>(k)]);
    l.x = x;
    l.y = column_of(s.result.needs_mean, s.week, kNeeds, k);
    c.lines.push_back(std::move(l));
  }
  c.lines.push_back({"resistance", x, column_of(s.result.resistance_mean, s.week), plot::rgb(0xD55E00), 2.5f, true});
  c.lines.push_back({"skill", x, column_of(s.result.skill_mean, s.week), plot::rgb(0xF0F0F0), 2.5f, true});
  return c;
}

void panel_people(App& app) {
  ImGui::Begin("People", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  const Snapshot& s = *app.snap;
  // The table of needs per category on the left, the chart over time beside it: both need height.
  // Category names whole (a fixed first column), the needs abbreviated in the header with their
  // full names as tooltips, so nothing is cut.
  ImGui::BeginChild("##needs_now", ImVec2(ImGui::GetContentRegionAvail().x * 0.5f, 0));
  if (ImGui::BeginTable("needs", kNeeds + 1, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("now", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("early_majority").x);
    for (auto n : kNeedNames) ImGui::TableSetupColumn(std::string(n).c_str());
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    ImGui::TableSetColumnIndex(0);
    ImGui::TableHeader("now");
    for (int k = 0; k < kNeeds; ++k) {
      ImGui::TableSetColumnIndex(k + 1);
      const std::string full(kNeedNames[static_cast<std::size_t>(k)]);
      ImGui::TableHeader((full.substr(0, 4) + ".##" + full).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", full.c_str());
    }
    const std::size_t row = static_cast<std::size_t>(s.week) * kCategories * kNeeds;
    for (int c = 0; c < kCategories; ++c) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const auto col = kCategoryColours[static_cast<std::size_t>(c)];
      ImGui::TextColored(ImVec4(col.r / 255.f, col.g / 255.f, col.b / 255.f, 1), "%s", std::string(kCategoryNames[static_cast<std::size_t>(c)]).c_str());
      for (int k = 0; k < kNeeds; ++k) {
        ImGui::TableNextColumn();
        const std::size_t i = row + static_cast<std::size_t>(c * kNeeds + k);
        if (i < s.result.needs_by_category.size()) ImGui::Text("%.2f", s.result.needs_by_category[i]);
      }
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  chart_with_hover("##people", people_chart(s));
  ImGui::End();
}

}  // namespace adoptsim::viz
