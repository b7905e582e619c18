#include "scene_imgui.hpp"

#include <cfloat>
#include <type_traits>

#include "geometry.hpp"

namespace adoptsim::viz {
namespace {

ImU32 col(plot::Color c) { return IM_COL32(c.r, c.g, c.b, c.a); }
ImVec2 at(plot::Point p, ImVec2 o) { return ImVec2(o.x + p.x, o.y + p.y); }

void polyline(ImDrawList* list, const std::vector<plot::Point>& pts, ImVec2 o, ImU32 c, float width, bool round) {
  if (pts.size() < 2) return;
  std::vector<ImVec2> v;
  v.reserve(pts.size());
  for (auto p : pts) v.push_back(at(p, o));
  list->AddPolyline(v.data(), static_cast<int>(v.size()), c, ImDrawFlags_None, width);
  if (round && width > 2.5f) {  // round caps, as the raster backend draws them
    list->AddCircleFilled(v.front(), width / 2, c);
    list->AddCircleFilled(v.back(), width / 2, c);
  }
}

}  // namespace

plot::TextMeasure imgui_measure() {
  return [](std::string_view text, float size, bool) {
    ImFont* font = ImGui::GetFont();
    const ImVec2 s = font->CalcTextSizeA(size, FLT_MAX, 0.f, text.data(), text.data() + text.size());
    return plot::Size{s.x, size};
  };
}

void draw_scene(ImDrawList* list, const plot::Scene& scene, ImVec2 o) {
  ImFont* font = ImGui::GetFont();
  for (const auto& item : scene.items) {
    std::visit(
        [&](const auto& p) {
          using T = std::decay_t<decltype(p)>;
          if constexpr (std::is_same_v<T, plot::Polyline>) {
            if (p.dashed)
              for (const auto& d : plot::dashes(p.points, p.width)) polyline(list, d, o, col(p.colour), p.width, false);
            else
              polyline(list, p.points, o, col(p.colour), p.width, p.cap == plot::Cap::round);
          } else if constexpr (std::is_same_v<T, plot::Polygon>) {
            // Convex pieces one by one, without anti-aliased fringes (they would show as seams).
            const ImDrawListFlags saved = list->Flags;
            list->Flags &= ~ImDrawListFlags_AntiAliasedFill;
            std::vector<ImVec2> v;
            for (const auto& piece : p.pieces) {
              if (piece.size() < 3) continue;
              v.clear();
              for (auto q : piece) v.push_back(at(q, o));
              list->AddConvexPolyFilled(v.data(), static_cast<int>(v.size()), col(p.fill));
            }
            list->Flags = saved;
          } else if constexpr (std::is_same_v<T, plot::Box>) {
            if (p.fill.a) list->AddRectFilled(at(p.rect.min, o), at(p.rect.max, o), col(p.fill));
            if (p.outline.a) {
              const float h = p.outline_width / 2;
              list->AddRect(ImVec2(o.x + p.rect.min.x + h, o.y + p.rect.min.y + h),
                            ImVec2(o.x + p.rect.max.x - h, o.y + p.rect.max.y - h), col(p.outline), 0.f, 0, p.outline_width);
            }
          } else if constexpr (std::is_same_v<T, plot::Circle>) {
            if (p.fill.a) list->AddCircleFilled(at(p.centre, o), p.radius, col(p.fill));
            if (p.outline.a) list->AddCircle(at(p.centre, o), p.radius, col(p.outline), 0, p.outline_width);
          } else if constexpr (std::is_same_v<T, plot::Text>) {
            const ImVec2 s = font->CalcTextSizeA(p.size, FLT_MAX, 0.f, p.text.data(), p.text.data() + p.text.size());
            const plot::Point tl = plot::text_origin(p, plot::Size{s.x, p.size});
            const ImVec2 pos = at(tl, o);
            list->AddText(font, p.size, pos, col(p.colour), p.text.data(), p.text.data() + p.text.size());
            if (p.bold) list->AddText(font, p.size, ImVec2(pos.x + 0.6f, pos.y), col(p.colour), p.text.data(), p.text.data() + p.text.size());
          }
        },
        item);
  }
}

const plot::Style& window_style() {
  static const plot::Style s = [] {
    plot::Style st = plot::dark_style();
    return st;
  }();
  return s;
}

plot::Scene chart_widget(const char* id, const plot::Chart& chart, ImVec2 size) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  size.x = std::max(size.x, 50.f);
  size.y = std::max(size.y, 50.f);
  plot::Scene scene = plot::layout(chart, plot::Rect{{0, 0}, {size.x, size.y}}, imgui_measure(), window_style());
  draw_scene(ImGui::GetWindowDrawList(), scene, origin);
  ImGui::InvisibleButton(id, size);
  return scene;
}

}  // namespace adoptsim::viz

#include "hover.hpp"

namespace adoptsim::viz {

void chart_with_hover(const char* id, const plot::Chart& chart) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const plot::Scene scene = chart_widget(id, chart, ImGui::GetContentRegionAvail());
  if (!ImGui::IsItemHovered() || scene.frames.empty()) return;
  const ImVec2 m = ImGui::GetIO().MousePos;
  const auto h = plot::hover(chart, scene.frames.front(), plot::Point{m.x - origin.x, m.y - origin.y});
  if (!h) return;
  ImGui::BeginTooltip();
  ImGui::Text("week %.0f", h->x);
  for (const auto& v : h->values) {
    const ImVec4 c(v.colour.r / 255.f, v.colour.g / 255.f, v.colour.b / 255.f, 1);
    if (chart.y_percent)
      ImGui::TextColored(c, "%s: %.1f%%", v.label.c_str(), 100 * v.y);
    else
      ImGui::TextColored(c, "%s: %.3g", v.label.c_str(), v.y);
  }
  ImGui::EndTooltip();
}

}  // namespace adoptsim::viz
