// Kirkpatrick's four levels over time: L1 reaction, L2 learning, L3 behaviour, L4 results.
#include <imgui.h>

#include "app.hpp"
#include "scene_imgui.hpp"
#include "series.hpp"

namespace adoptsim::viz {

plot::Chart kirkpatrick_chart(const Snapshot& s) {
  plot::Chart c;
  c.title = "Kirkpatrick levels";
  c.x_label = "week";
  c.x_range = plot::Range{0, static_cast<double>(s.scenario->weeks)};
  c.y_range = plot::Range{0, 1};
  const auto x = weeks_axis(s.week);
  for (int k = 0; k < 4; ++k) {
    plot::Line l;
    l.label = std::string(kKirkpatrickNames[static_cast<std::size_t>(k)]);
    l.x = x;
    l.y = column_of(s.result.kirkpatrick, s.week, 4, k);
    c.lines.push_back(std::move(l));
  }
  return c;
}

void panel_kirkpatrick(App& app) {
  ImGui::Begin("Kirkpatrick L1-L4", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  chart_with_hover("##kirkpatrick", kirkpatrick_chart(*app.snap));
  ImGui::End();
}

}  // namespace adoptsim::viz
