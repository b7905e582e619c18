// Stages: stacked area of the five implementation stages of the method's users over time.
#include <imgui.h>

#include "app.hpp"
#include "scene_imgui.hpp"
#include "series.hpp"

namespace adoptsim::viz {

plot::Chart stages_chart(const Snapshot& s) {
  plot::Chart c;
  c.title = "Implementation stages of the users";
  c.x_label = "week";
  c.y_percent = true;
  c.x_range = plot::Range{0, static_cast<double>(s.scenario->weeks)};
  c.y_range = plot::Range{0, 1};
  c.legend_position = plot::LegendPosition::right;
  plot::StackedArea a;
  a.x = weeks_axis(s.week);
  const double per_user = s.result.users > 0 ? 1.0 / s.result.users : 0.0;
  for (int k = 0; k < kStages; ++k) {
    a.labels.emplace_back(kStageNames[static_cast<std::size_t>(k)]);
    a.layers.push_back(column_of(s.result.stage_counts, s.week, kStages, k, per_user));
    a.colours.push_back(kStageColours[static_cast<std::size_t>(k)]);
  }
  c.areas.push_back(std::move(a));
  return c;
}

void panel_stages(App& app) {
  ImGui::Begin("Stages", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  chart_with_hover("##stages", stages_chart(*app.snap));
  ImGui::End();
}

}  // namespace adoptsim::viz
