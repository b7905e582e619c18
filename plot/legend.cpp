#include "legend.hpp"

#include <algorithm>

namespace adoptsim::plot {

namespace {

constexpr float pad = 9, swatch = 24, gap = 7, row_gap = 5, column_gap = 20;

float entry_width(const LegendEntry& e, const TextMeasure& m, const Style& st) {
  return swatch + gap + m(e.label, st.legend_size, false).width;
}

}  // namespace

Legend::Legend(const Chart& c, bool as_row, float width) : row(as_row), max_width(width) {
  using K = LegendEntry::Kind;
  // Stacked layers top first, as they appear on the chart.
  for (const auto& a : c.areas) {
    for (std::size_t k = a.labels.size(); k-- > 0;) {
      if (!a.labels[k].empty() && k < a.colours.size()) entries.push_back({K::swatch, a.labels[k], a.colours[k], a.colours[k]});
    }
  }
  for (const auto& l : c.lines) {
    if (l.label.empty()) continue;
    LegendEntry e{K::line, l.label, l.colour, {}, l.width, l.dashed};
    for (const auto& b : c.bands) {
      if (b.label == l.label) {
        e.kind = K::line_with_band;
        e.fill = b.fill;
      }
    }
    entries.push_back(e);
  }
  for (const auto& b : c.bands) {
    const bool has_line = std::any_of(c.lines.begin(), c.lines.end(), [&](const Line& l) { return l.label == b.label; });
    if (!b.label.empty() && !has_line) entries.push_back({K::band, b.label, {}, b.fill});
  }
  for (const auto& p : c.points) {
    if (!p.label.empty()) entries.push_back({K::marker, p.label, p.colour, p.colour, p.marker_size});
  }
}

Size Legend::size(const TextMeasure& m, const Style& st) const {
  if (entries.empty()) return {};
  const float line = st.legend_size + row_gap;
  if (!row) {
    float w = 0;
    for (const auto& e : entries) w = std::max(w, entry_width(e, m, st));
    return {w + 2 * pad, entries.size() * line - row_gap + 2 * pad};
  }
  float x = 0, w = 0;
  int lines = 1;
  for (const auto& e : entries) {
    const float ew = entry_width(e, m, st);
    if (x > 0 && x + ew > max_width - 2 * pad) {
      ++lines;
      x = 0;
    }
    x += ew + column_gap;
    w = std::max(w, x - column_gap);
  }
  return {w + 2 * pad, lines * line - row_gap + 2 * pad};
}

void Legend::draw(Scene& scene, Point top_left, const TextMeasure& m, const Style& st) const {
  using K = LegendEntry::Kind;
  if (entries.empty()) return;
  const Size s = size(m, st);
  auto& items = scene.items;
  // A box inside the plot hides what runs behind it; a row below the chart needs no box.
  if (!row) items.push_back(Box{{top_left, {top_left.x + s.width, top_left.y + s.height}}, st.legend_fill, st.legend_border, 1});
  const float line = st.legend_size + row_gap;
  float x = top_left.x + pad, y = top_left.y + pad;
  for (const auto& e : entries) {
    const float ew = entry_width(e, m, st);
    if (row && x > top_left.x + pad && x + ew > top_left.x + max_width - pad) {
      x = top_left.x + pad;
      y += line;
    }
    const float mid = y + st.legend_size / 2;
    const Rect sw{{x, mid - 6}, {x + swatch, mid + 6}};
    if (e.kind == K::band || e.kind == K::line_with_band || e.kind == K::swatch)
      items.push_back(Box{e.kind == K::swatch ? Rect{{x + 4, mid - 6}, {x + swatch - 4, mid + 6}} : sw, e.fill, {}, 0});
    if (e.kind == K::line || e.kind == K::line_with_band)
      items.push_back(Polyline{{{x, mid}, {x + swatch, mid}}, e.colour, std::max(e.width, 2.0f), e.dashed, Cap::butt});
    if (e.kind == K::marker) items.push_back(Circle{{x + swatch / 2, mid}, e.width / 2, e.colour, rgb(0xFFFFFF), 1});
    items.push_back(Text{{x + swatch + gap, mid}, e.label, st.legend_size, st.text, HAlign::left, VAlign::middle, false});
    if (row) x += ew + column_gap;
    else y += line;
  }
}

}  // namespace adoptsim::plot
