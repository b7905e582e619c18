// The ImGui backend of the plot library: draws a plot::Scene (pixel primitives) into an ImGui
// draw list, so the window's charts and the PNG exports come from the same chart code.
#pragma once
#include <imgui.h>

#include "layout.hpp"
#include "scene.hpp"

namespace adoptsim::viz {

// Text measurement with ImGui's current font (ImFont::CalcTextSizeA at the requested size).
plot::TextMeasure imgui_measure();

// Draws `scene` (coordinates relative to `origin`, in screen pixels) into `list`.
void draw_scene(ImDrawList* list, const plot::Scene& scene, ImVec2 origin);

// Lays a chart out in the next `size` pixels of the current ImGui window, draws it and reserves
// the space. Returns the scene (its frames serve hover tests).
plot::Scene chart_widget(const char* id, const plot::Chart& chart, ImVec2 size);

// The style of charts in the window: plot's dark style.
const plot::Style& window_style();

}  // namespace adoptsim::viz

namespace adoptsim::viz {
// chart_widget filling the rest of the current window, with a tooltip of the values at the
// mouse's x (percent when the chart's y is a share).
void chart_with_hover(const char* id, const plot::Chart& chart);
}  // namespace adoptsim::viz
