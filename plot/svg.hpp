// The SVG backend: a Scene as an inline SVG element (for HTML5; no xmlns, so no URL in the file), self-contained (no fonts, images or styles from
// outside), for reports that open in any browser. Text is measured with the raster backend's
// font (DejaVu Sans) for the layout and drawn in DejaVu Sans, falling back to the browser's sans-serif.
#pragma once
#include <string>

#include "chart.hpp"
#include "layout.hpp"
#include "scene.hpp"

namespace adoptsim::plot {

// The scene's primitives in order over `background`, in a `size` viewBox (scales with its box).
std::string svg(const Scene& scene, Size size, Color background = rgb(0xFFFFFF));

// Layout with default_font()'s measure (throws if DejaVu Sans is missing) and drawing in one.
std::string svg(const Figure& figure);  // at figure.size

// Text for SVG/HTML character data and attribute values: & < > " ' escaped.
std::string xml_escape(std::string_view text);

}  // namespace adoptsim::plot
