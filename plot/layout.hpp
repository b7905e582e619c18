// Chart → Scene: ranges, ticks, margins from measured text, legend placement, clipping. The same
// Scene is drawn by the raster backend (plot/raster.hpp) and by the live window's ImGui backend.
#pragma once
#include "chart.hpp"
#include "geometry.hpp"
#include "scale.hpp"
#include "scene.hpp"
#include "ticks.hpp"

namespace adoptsim::plot {

// Colours and text sizes of everything that is not data. Sizes are line heights in pixels
// (ImGui's and stb_truetype's "pixel height"; the em is about 0.86 of it for DejaVu Sans).
struct Style {
  Color text = rgb(0x222222), muted = rgb(0x595959);
  Color grid = rgb(0xE3E3E3), axis = rgb(0x8C8C8C), rule = rgb(0x444444);
  Color legend_fill = rgb(0xFFFFFF, 235), legend_border = rgb(0xCFCFCF);
  float title_size = 18, figure_title_size = 21, label_size = 15, tick_size = 14, legend_size = 14, note_size = 13;
};
// For a dark window background (the ImGui backend's default theme).
Style dark_style();

// The chart drawn inside `area` (its title and labels included).
Scene layout(const Chart& chart, Rect area, const TextMeasure& measure, const Style& style = {});
// The figure's charts in a grid under its title, within (0, 0)–size.
Scene layout(const Figure& figure, Size size, const TextMeasure& measure, const Style& style = {});

// The chart with every automatic colour replaced by the one the layout draws it with.
Chart resolve_colours(Chart chart, const Style& style = {});

}  // namespace adoptsim::plot
