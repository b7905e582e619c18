// Budget: cumulative cost by intervention type (stacked), and the cost per adopter so far.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app.hpp"
#include "scene_imgui.hpp"
#include "series.hpp"
#include "ticks.hpp"

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
  // At most eight layers, so the legend fits the panel: the dearest types, in catalogue order,
  // each in its own colour (kCostRowColours), and the rest together in grey.
  constexpr std::size_t kBudgetLayers = 8;
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
      a.colours.push_back(kCostRowColours[static_cast<std::size_t>(k)]);  // the type's own, whatever else is used
    } else {
      other.resize(layer.size(), 0.0);
      for (std::size_t w = 0; w < layer.size(); ++w) other[w] += layer[w];
    }
  }
  if (!other.empty()) {
    a.labels.emplace_back(std::to_string(used.size() - kept.size()) + " other types");
    a.layers.push_back(std::move(other));
    a.colours.push_back(kOtherTypesColour);
  }
  if (!a.layers.empty()) c.areas.push_back(std::move(a));
  if (s.scenario->budget > 0) c.rules.push_back({plot::Rule::Axis::y, s.scenario->budget, "budget", plot::automatic, true});
  return c;
}

std::vector<std::string> budget_lines(App& app) {
  std::vector<std::string> out;
  const Snapshot& s = *app.snap;
  const Scenario& sc = *s.scenario;
  const std::string cur = " " + sc.currency;
  const auto money = [](double v) { return std::isfinite(v) ? plot::format_number(v, 0) : std::string("n/a"); };
  const auto signed_money = [&](double v) {
    std::string out(1, v >= 0 ? '+' : '-');
    out += money(std::abs(v));
    return out;
  };
  const auto w = static_cast<std::size_t>(s.week);
  const double total = w < s.result.cost_cumulative.size() ? s.result.cost_cumulative[w] : 0.0;
  const double adopters = w < s.result.applying.size() ? static_cast<double>(s.result.applying[w]) * s.result.users : 0.0;
  // Three short lines, so the chart and its legend keep their room.
  std::string run = "this run: " + money(total) + cur + " by week " + std::to_string(s.week);
  run += adopters >= 0.5 ? " (" + money(total / adopters) + " per adopter, " + money(adopters) + " users applying)" : " (no users applying yet)";
  out.push_back(run);
  const BandSnapshot* b = app.band_snap.get();
  if (b && b->done > 0) {
    const auto& f = b->figures;
    std::string line = "ensemble of " + std::to_string(b->done) + ": " + money(f.cost.mean) + cur + " (90%: " + money(f.cost.p05) + " to " +
                       money(f.cost.p95) + ")";
    if (sc.budget > 0)
      line += sc.budget_covers == BudgetCovers::all ? "; budget " + money(sc.budget)
                                                    : "; budget " + money(sc.budget) + " for out of pocket: " + money(f.budget_cost.mean);
    out.push_back(line);
  }
  if (app.baseline) {
    std::string line = "baseline: ";
    const BandSnapshot* bb = app.baseline->band.get();
    if (bb && bb->done > 0)
      line += money(bb->figures.cost.mean) + cur;
    else
      line += money(app.baseline->run->result.total_cost) + cur + " (one run, to week " + std::to_string(app.baseline->run->week) + ")";
    const PairedFigures* p = app.paired();
    if (p && p->not_paired.empty())
      line += "; difference " + signed_money(p->cost.mean) + " (90%: " + signed_money(p->cost.p05) + " to " + signed_money(p->cost.p95) + ")";
    else if (p)
      line += "; no paired difference: " + p->not_paired;
    out.push_back(line);
  }
  return out;
}

void panel_budget(App& app) {
  ImGui::Begin("Budget", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  const Snapshot& s = *app.snap;
  for (const auto& l : budget_lines(app)) ImGui::TextWrapped("%s", l.c_str());
  chart_with_hover("##budget", budget_chart(s));
  ImGui::End();
}

}  // namespace adoptsim::viz
