// Budget: cumulative cost by intervention type (stacked), and the cost per adopter so far.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app.hpp"
#include "scene_imgui.hpp"
#include "series.hpp"

namespace adoptsim::viz {

plot::Chart budget_chart(const Snapshot& s) {
  plot::Chart c;
  c.title = "Cumulative cost by intervention type (" + s.scenario->currency + ")";
  c.x_label = "week";
  c.x_range = plot::Range{0, static_cast<double>(s.scenario->weeks)};
  c.legend_position = plot::LegendPosition::right;
  plot::StackedArea a;
  a.x = weeks_axis(s.week);
  const auto& cost = s.result.cost_by_type_cumulative;
  std::vector<int> used;  // types the programme uses so far
  std::vector<std::vector<double>> layers(static_cast<std::size_t>(kCostRows));
  for (int k = 0; k < kCostRows; ++k) {
    auto& layer = layers[static_cast<std::size_t>(k)];
    layer = column_of(cost, s.week, kCostRows, k);
    if (!layer.empty() && layer.back() > 0) used.push_back(k);
  }
  // At most as many layers as the palette has colours (plot/chart.hpp), so the legend fits and
  // no two layers share a colour: the dearest types, in catalogue order, and the rest together.
  constexpr std::size_t kBudgetLayers = plot::palette.size();
  std::vector<int> kept = used;
  if (used.size() > kBudgetLayers) {
    std::stable_sort(kept.begin(), kept.end(), [&](int x, int y) {
      return layers[static_cast<std::size_t>(x)].back() > layers[static_cast<std::size_t>(y)].back();
    });
    kept.resize(kBudgetLayers - 1);
    std::sort(kept.begin(), kept.end());
  }
  std::vector<double> other;
  for (int k : used) {
    auto& layer = layers[static_cast<std::size_t>(k)];
    if (std::find(kept.begin(), kept.end(), k) != kept.end()) {
      a.labels.emplace_back(k == kProgrammeCostRow ? std::string_view("programme") : kInterventionTypeNames[static_cast<std::size_t>(k)]);
      a.layers.push_back(std::move(layer));
    } else {
      other.resize(layer.size(), 0.0);
      for (std::size_t w = 0; w < layer.size(); ++w) other[w] += layer[w];
    }
  }
  if (!other.empty()) {
    a.labels.emplace_back(std::to_string(used.size() - kept.size()) + " other types");
    a.layers.push_back(std::move(other));
  }
  if (!a.layers.empty()) c.areas.push_back(std::move(a));
  if (s.scenario->budget > 0) c.rules.push_back({plot::Rule::Axis::y, s.scenario->budget, "budget", plot::automatic, true});
  return c;
}

void panel_budget(App& app) {
  ImGui::Begin("Budget", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  const Snapshot& s = *app.snap;
  const auto w = static_cast<std::size_t>(s.week);
  const double total = w < s.result.cost_cumulative.size() ? s.result.cost_cumulative[w] : 0.0;
  const double adopters = w < s.result.applying.size() ? static_cast<double>(s.result.applying[w]) * s.result.users : 0.0;
  if (adopters >= 0.5)
    ImGui::Text("spent %.0f %s; %.0f users applying; cost per adopter %.0f %s", total, s.scenario->currency.c_str(), adopters,
                total / adopters, s.scenario->currency.c_str());
  else
    ImGui::Text("spent %.0f %s; no users applying yet", total, s.scenario->currency.c_str());
  chart_with_hover("##budget", budget_chart(s));
  ImGui::End();
}

}  // namespace adoptsim::viz
