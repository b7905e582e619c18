// Organisation map: each team a block of cells, one per person, coloured by stage. Hover shows
// the person: role, category, the four needs, skill, resistance, stage and sessions attended.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include <imgui.h>
#include <SFML/OpenGL.hpp>

#include <vector>

#include "app.hpp"

namespace adoptsim::viz {
namespace {

// The cells are drawn into one texture (a quad for the GPU, however many people), rebuilt only
// when a new snapshot or a new size arrives: thousands of tiny rectangles are slow to rasterise
// in software GL.
struct MapTexture {
  GLuint id = 0;
  int w = 0, h = 0;
  std::shared_ptr<const Snapshot> source;  // held, so a new snapshot never reuses its address
  std::vector<std::uint32_t> pixels;
  void upload(int width, int height) {
    if (!id) glGenTextures(1, &id);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    w = width;
    h = height;
  }
};

// `text` as it fits in `width` pixels: whole, or cut and ended with a full stop (an abbreviation).
std::string fit_label(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  std::string cut = text;
  while (!cut.empty()) {
    cut.pop_back();
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();  // whole UTF-8 characters
    if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0x80)) cut.pop_back();
    while (!cut.empty() && cut.back() == ' ') cut.pop_back();
    if (ImGui::CalcTextSize((cut + ".").c_str()).x <= width) return cut + ".";
  }
  return "";
}

// Below this many pixels a side, cells per person give way to the team x stage heat map.
constexpr float kSmallestCell = 4;

}  // namespace

void panel_map(App& app) {
  ImGui::Begin("Organisation", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
  const Snapshot& s = *app.snap;
  const Structure& st = *s.structure;
  // Legend.
  for (int k = 0; k < kStages; ++k) {
    const auto c = kStageColours[static_cast<std::size_t>(k)];
    ImGui::ColorButton(std::string(kStageNames[static_cast<std::size_t>(k)]).c_str(), ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1),
                       ImGuiColorEditFlags_NoTooltip, ImVec2(12, 12));
    ImGui::SameLine();
    ImGui::TextUnformatted(std::string(kStageNames[static_cast<std::size_t>(k)]).c_str());
    if (k + 1 < kStages) ImGui::SameLine();
  }
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  const int teams = st.teams();
  if (teams == 0 || avail.x < 50 || avail.y < 50) {
    ImGui::End();
    return;
  }
  // Teams in a grid of blocks; a cell size that fits every team's people into its block.
  const int cols = std::max(1, static_cast<int>(std::ceil(std::sqrt(teams * avail.x / avail.y))));
  const int rows = (teams + cols - 1) / cols;
  const float bw = avail.x / cols, bh = avail.y / rows;
  int largest = 1;
  for (int t = 0; t < teams; ++t) largest = std::max(largest, st.team_size(t));
  const float label_h = ImGui::GetTextLineHeight();
  float cell = 2;
  for (float c = 40; c >= 2; c -= 1) {
    const int per_row = std::max(1, static_cast<int>((bw - 6) / c));
    const int lines = (largest + per_row - 1) / per_row;
    if (lines * c <= bh - label_h - 6) {
      cell = c;
      break;
    }
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  static MapTexture tex;
  if (cell < kSmallestCell) {
    // Thousands of people: a cell per person would be a pixel. A team x stage heat map instead:
    // a row per team, a column per stage, the shade the share of the team in that stage.
    app.map_mode = "heat map: " + std::to_string(teams) + " teams x " + std::to_string(kStages) + " stages";
    ImGui::TextDisabled("%d teams (rows) x stages (columns): brighter = larger share", teams);
    origin = ImGui::GetCursorScreenPos();
    avail = ImGui::GetContentRegionAvail();
    const int tw = static_cast<int>(avail.x), th = static_cast<int>(avail.y);
    const bool rebuild = tex.source != app.snap || tex.w != tw || tex.h != th;
    const float row_h = avail.y / static_cast<float>(teams), col_w = avail.x / kStages;
    if (rebuild) {
      tex.pixels.assign(static_cast<std::size_t>(tw) * th, 0u);
      for (int t = 0; t < teams; ++t) {
        std::array<int, kStages> count{};
        const int first = static_cast<int>(st.team_first[static_cast<std::size_t>(t)]), n = st.team_size(t);
        for (int j = 0; j < n; ++j) ++count[static_cast<std::size_t>(s.stage[static_cast<std::size_t>(first + j)])];
        const int y0 = static_cast<int>(t * row_h), y1 = std::max(y0 + 1, static_cast<int>((t + 1) * row_h));
        for (int k = 0; k < kStages; ++k) {
          const float share = n > 0 ? static_cast<float>(count[static_cast<std::size_t>(k)]) / static_cast<float>(n) : 0.f;
          const auto c = kStageColours[static_cast<std::size_t>(k)];
          const auto mix = [&](int v, int bg) { return static_cast<std::uint32_t>(bg + (v - bg) * share + 0.5f); };
          const std::uint32_t rgba = mix(c.r, 24) | (mix(c.g, 24) << 8) | (mix(c.b, 28) << 16) | (0xFFu << 24);
          const int x0 = static_cast<int>(k * col_w) + 1, x1 = static_cast<int>((k + 1) * col_w) - 1;
          for (int yy = y0; yy < std::min(th, y1); ++yy)
            for (int xx = x0; xx < std::min(tw, x1); ++xx) tex.pixels[static_cast<std::size_t>(yy) * tw + xx] = rgba;
        }
      }
      tex.upload(tw, th);
      tex.source = app.snap;
    }
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex.id)), origin, ImVec2(origin.x + tw, origin.y + th));
    ImGui::InvisibleButton("##map", avail);
    const float mx = mouse.x - origin.x, my = mouse.y - origin.y;
    if (ImGui::IsItemHovered() && mx >= 0 && my >= 0) {
      const int t = std::min(teams - 1, static_cast<int>(my / row_h));
      const int first = static_cast<int>(st.team_first[static_cast<std::size_t>(t)]), n = st.team_size(t);
      std::array<int, kStages> count{};
      for (int j = 0; j < n; ++j) ++count[static_cast<std::size_t>(s.stage[static_cast<std::size_t>(first + j)])];
      ImGui::BeginTooltip();
      ImGui::Text("%s: %d people", st.team_names[static_cast<std::size_t>(t)].c_str(), n);
      for (int k = 0; k < kStages; ++k)
        ImGui::Text("  %s %d (%.0f%%)", std::string(kStageNames[static_cast<std::size_t>(k)]).c_str(), count[static_cast<std::size_t>(k)],
                    n > 0 ? 100.0 * count[static_cast<std::size_t>(k)] / n : 0.0);
      ImGui::EndTooltip();
    }
    ImGui::End();
    return;
  }
  app.map_mode = "cells: one per person";
  const int tw = static_cast<int>(avail.x), th = static_cast<int>(avail.y);
  const bool rebuild = tex.source != app.snap || tex.w != tw || tex.h != th;
  const int per_row = std::max(1, static_cast<int>((bw - 6) / cell));
  int hovered = -1, hovered_label = -1;
  if (rebuild) tex.pixels.assign(static_cast<std::size_t>(tw) * th, 0u);
  const bool labels = bw >= 60;  // with hundreds of teams the names would only be noise
  for (int t = 0; t < teams; ++t) {
    const float x0 = (t % cols) * bw, y0 = (t / cols) * bh;
    if (labels) {  // a name wider than its block is abbreviated ("Green mainte.") and whole in a tooltip
      const std::string& name = st.team_names[static_cast<std::size_t>(t)];
      const std::string shown = fit_label(name, bw - 6);
      dl->AddText(ImVec2(origin.x + x0 + 2, origin.y + y0), IM_COL32(220, 220, 220, 255), shown.c_str());
      const float mx = mouse.x - origin.x, my = mouse.y - origin.y;
      if (shown != name && mx >= x0 && mx < x0 + bw && my >= y0 && my < y0 + label_h) hovered_label = t;
    }
    const float top = labels ? label_h + 2 : 1;
    const int first = static_cast<int>(st.team_first[static_cast<std::size_t>(t)]);
    for (int j = 0; j < st.team_size(t); ++j) {
      const int i = first + j;
      const float ax = x0 + 2 + (j % per_row) * cell, ay = y0 + top + (j / per_row) * cell;
      if (rebuild) {
        const auto c = kStageColours[static_cast<std::size_t>(s.stage[static_cast<std::size_t>(i)])];
        const std::uint32_t rgba = c.r | (c.g << 8) | (c.b << 16) | (0xFFu << 24);
        const int side = std::max(1, static_cast<int>(cell) - 1);
        for (int yy = static_cast<int>(ay); yy < std::min(th, static_cast<int>(ay) + side); ++yy)
          for (int xx = static_cast<int>(ax); xx < std::min(tw, static_cast<int>(ax) + side); ++xx)
            tex.pixels[static_cast<std::size_t>(yy) * tw + xx] = rgba;
      }
      const float mx = mouse.x - origin.x, my = mouse.y - origin.y;
      if (mx >= ax && mx < ax + cell && my >= ay && my < ay + cell) hovered = i;
    }
  }
  if (rebuild) {
    tex.upload(tw, th);
    tex.source = app.snap;
  }
  dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex.id)), origin, ImVec2(origin.x + tw, origin.y + th));
  ImGui::InvisibleButton("##map", avail);
  if (hovered_label >= 0 && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", st.team_names[static_cast<std::size_t>(hovered_label)].c_str());
  if (hovered >= 0 && ImGui::IsItemHovered()) {
    const auto i = static_cast<std::size_t>(hovered);
    ImGui::BeginTooltip();
    if (st.names.empty()) ImGui::Text("person #%d, %s", hovered, st.team_names[st.team_of[i]].c_str());
    else ImGui::Text("%s (#%d), %s", st.names[i].c_str(), hovered, st.team_names[st.team_of[i]].c_str());
    ImGui::Text("role %s, %s", std::string(kRoleNames[idx(st.role[i])]).c_str(), std::string(kCategoryNames[static_cast<std::size_t>(s.category[i])]).c_str());
    ImGui::Text("stage %s", std::string(kStageNames[static_cast<std::size_t>(s.stage[i])]).c_str());
    ImGui::Text("needs: autonomy %.2f  inclusion %.2f  affection %.2f  competence %.2f", s.need[0][i], s.need[1][i], s.need[2][i], s.need[3][i]);
    ImGui::Text("skill %.2f  resistance %.2f  sessions attended %d", s.skill[i], s.resistance[i], static_cast<int>(s.sessions[i]));
    ImGui::EndTooltip();
  }
  ImGui::End();
}

}  // namespace adoptsim::viz
