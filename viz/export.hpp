// Chart export from the window: the panels' charts rendered by the plot library's raster
// backend (the same Chart values the window draws) into one PNG.
#pragma once
#include <string>

namespace adoptsim::viz {
struct App;
// Writes <dir>/<scenario>-week<W>.png; returns a status line for the window.
std::string export_charts(const App& app, const std::string& dir);
}  // namespace adoptsim::viz
