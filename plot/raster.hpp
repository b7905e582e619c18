// The software backend: draws a Scene into an RGBA image, headless (no display, no GL).
#pragma once
#include "chart.hpp"
#include "font.hpp"
#include "image.hpp"
#include "layout.hpp"
#include "scene.hpp"

namespace adoptsim::plot {

// The scene's primitives in order over `background`, anti-aliased.
Image render(const Scene& scene, Size size, const Font& font, Color background = rgb(0xFFFFFF));

// Layout and drawing in one, with default_font() (which throws if DejaVu Sans is missing).
Image render(const Figure& figure, Size size);
Image render(const Figure& figure);  // at figure.size
Image render(const Chart& chart, Size size);

}  // namespace adoptsim::plot
