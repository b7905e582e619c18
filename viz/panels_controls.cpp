// Controls: scenario picker, play/pause/step/reset, speed, seed, band replicates; steering
// (programme knobs and model parameters: a change restarts both runs with the same seed);
// save as scenario, pin as baseline, chart export.
#include <cstdio>
#include <filesystem>
#include <imgui.h>

#include "app.hpp"
#include "export.hpp"
#include "scenario_writer.hpp"

namespace adoptsim::viz {
namespace {

bool knob_controls(ProgrammeKnobs& k, const Scenario& s) {
  bool changed = false;
  changed |= ImGui::Checkbox("mandatory training", &k.mandatory);
  changed |= ImGui::Checkbox("managers' masterclasses first", &k.masterclasses_first);
  for (const auto& info : kKnobTable) {
    if (info.name == "mandatory" || info.name == "masterclasses_first") continue;
    if ((info.name == "rule_threshold_1" && s.rules.empty()) || (info.name == "rule_threshold_2" && s.rules.size() < 2)) continue;
    int v = knob_value(k, info.name);
    const std::string label(info.name);
    if (ImGui::SliderInt(label.c_str(), &v, info.min, info.max)) {
      set_knob(k, info.name, v);
      changed = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", static_cast<int>(info.meaning.size()), info.meaning.data());
  }
  return changed;
}

bool parameter_controls(Parameters& p, ImGuiTextFilter& filter) {
  bool changed = false;
  filter.Draw("filter");
  for (const auto& info : kParamTable) {
    const std::string name(info.name);
    if (!filter.PassFilter(name.c_str())) continue;
    double& v = p[info.id];
    float f = static_cast<float>(v);
    if (ImGui::SliderFloat(name.c_str(), &f, static_cast<float>(info.min), static_cast<float>(info.max), "%.3f")) {
      v = f;
      changed = true;
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%.*s [%.*s]; default %g", static_cast<int>(info.meaning.size()), info.meaning.data(),
                        static_cast<int>(info.unit.size()), info.unit.data(), info.default_value);
  }
  return changed;
}

}  // namespace

void panel_controls(App& app) {
  ImGui::Begin("Controls", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  ImGui::PushItemWidth(-150);
  const std::string current = app.settings.path;
  if (ImGui::BeginCombo("scenario", current.c_str())) {
    for (const auto& f : app.scenario_files)
      if (ImGui::Selectable(f.c_str(), f == current)) app.load(f);
    ImGui::EndCombo();
  }
  ImGui::Checkbox("Groups panel (trainer's workbench)", &app.show_groups);
  const bool playing = app.live.playing();
  if (ImGui::Button(playing ? "Pause" : "Play", ImVec2(70, 0))) app.live.play(!playing);
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(60, 0))) app.live.step_once();
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(60, 0))) app.restart();
  if (ImGui::SliderFloat("weeks/second", &app.speed, 0, 60, app.speed <= 0 ? "max" : "%.0f")) app.live.set_speed(app.speed);
  int seed = static_cast<int>(app.settings.seed);
  bool restart = false;
  if (ImGui::InputInt("seed", &seed) && seed >= 0) {
    app.settings.seed = static_cast<std::uint64_t>(seed);
    restart = true;
  }
  if (ImGui::InputInt("band runs", &app.settings.replicates, 10, 50)) {
    app.settings.replicates = std::clamp(app.settings.replicates, 0, 1000);
    restart = true;
  }
  if (app.snap) ImGui::Text("week %d of %d%s", app.snap->week, app.snap->scenario->weeks, app.snap->done ? " (done)" : "");
  if (app.band_snap) ImGui::Text("band: %d of %d runs", app.band_snap->done, app.band_snap->total);

  ImGui::Separator(); ImGui::TextUnformatted("Programme");
  restart |= knob_controls(app.settings.knobs, app.settings.base);
  if (ImGui::CollapsingHeader("Model parameters")) {
    static ImGuiTextFilter filter;
    restart |= parameter_controls(app.settings.params, filter);
    if (ImGui::Button("Parameters to defaults")) {
      app.settings.params = Parameters{};
      restart = true;
    }
  }
  if (restart) app.restart();

  ImGui::Separator(); ImGui::TextUnformatted("Compare and keep");
  // The pinned ensemble is finished in the background if it was not; the live run stays as it
  // was pinned (pin after the deadline to see its curve to the deadline).
  if (ImGui::Button("Pin as baseline") && app.snap) app.pin_baseline();
  ImGui::SameLine();
  if (ImGui::Button("Unpin")) app.baseline.reset();
  // A new file of its own: proposed next to the base, never written over an existing file.
  static char save_path[256] = "";
  static std::string proposed_for;
  if (proposed_for != app.settings.path) {
    proposed_for = app.settings.path;
    std::snprintf(save_path, sizeof save_path, "%s", app.default_save_path().c_str());
  }
  ImGui::InputText("file", save_path, sizeof save_path);
  if (ImGui::Button("Save as scenario")) app.save_as_scenario(save_path);
  ImGui::SameLine();
  if (ImGui::Button("Export charts (PNG)") && app.snap) app.message = export_charts(app, "outputs/viz");
  ImGui::PopItemWidth();
  if (!app.message.empty()) ImGui::TextWrapped("%s", app.message.c_str());
  ImGui::End();
}

}  // namespace adoptsim::viz
