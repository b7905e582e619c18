#include "app.hpp"

#include <algorithm>

#include <imgui.h>

#include "scenario_loader.hpp"

namespace adoptsim::viz {

Scenario Settings::current() const {
  Scenario s = knobs == read_knobs(base) ? base : apply_knobs(base, knobs);
  s.parameters = params;
  s.seed = seed;
  s.replicates = replicates;
  return s;
}

namespace {

std::vector<std::string> list_scenarios(const std::string& current) {
  std::vector<std::string> out;
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::path(current).parent_path();
  if (dir.empty()) dir = "scenarios";
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

App::App(Settings s) : settings(std::move(s)) {
  scenario_files = list_scenarios(settings.path);
  band_threads = std::max(1, hardware_threads() - 1);
}

void App::restart() {
  const Scenario s = settings.current();
  live.restart(s, settings.seed);
  band.restart(s, settings.seed, settings.replicates, band_threads);
}

void App::load(const std::string& path) {
  try {
    LoadedScenario l = load_scenario(path);
    settings.base = l.scenario;
    settings.path = path;
    settings.knobs = read_knobs(l.scenario);
    settings.params = l.scenario.parameters;
    settings.seed = l.scenario.seed;
    settings.replicates = l.scenario.replicates;
    message = "loaded " + path;
    restart();
  } catch (const ScenarioError& e) {
    message.clear();
    for (const auto& d : e.diagnostics()) message += d.str() + "\n";
  } catch (const std::exception& e) {
    message = e.what();
  }
}

void App::frame() {
  snap = live.snapshot();
  band_snap = band.snapshot();
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  // A fixed grid: controls on the left; curves and the organisation map on top, the other
  // four charts below. The screenshot test relies on where the curves panel is.
  const float left = 330.f, cw = (d.x - left) / 2, top = d.y * 0.42f, rh = (d.y - top) / 2;
  auto place = [](float x, float y, float w, float h) {
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
  };
  place(0, 0, left, d.y);
  panel_controls(*this);
  if (!snap) return;
  place(left, 0, cw, top);
  panel_curves(*this);
  place(left + cw, 0, cw, top);
  panel_map(*this);
  place(left, top, cw, rh);
  panel_stages(*this);
  place(left + cw, top, cw, rh);
  panel_people(*this);
  place(left, top + rh, cw, rh);
  panel_budget(*this);
  place(left + cw, top + rh, cw, rh);
  panel_kirkpatrick(*this);
}

}  // namespace adoptsim::viz
