// Organisation map: each team a block of cells, one per person, coloured by stage. Hover shows
// the person: role, category, the four needs, skill, resistance, stage and sessions attended.
#include <algorithm>
#include <cmath>

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
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
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
  const int per_row = std::max(1, static_cast<int>((bw - 6) / cell));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hovered = -1;
  static MapTexture tex;
  const int tw = static_cast<int>(avail.x), th = static_cast<int>(avail.y);
  const bool rebuild = tex.source != app.snap || tex.w != tw || tex.h != th;
  if (rebuild) tex.pixels.assign(static_cast<std::size_t>(tw) * th, 0u);
  const bool labels = bw >= 60;  // with hundreds of teams the names would only be noise
  for (int t = 0; t < teams; ++t) {
    const float x0 = (t % cols) * bw, y0 = (t / cols) * bh;
    if (labels) {  // clipped to its block, so long names do not run into the next team's
      dl->PushClipRect(ImVec2(origin.x + x0, origin.y + y0), ImVec2(origin.x + x0 + bw - 4, origin.y + y0 + bh), true);
      dl->AddText(ImVec2(origin.x + x0 + 2, origin.y + y0), IM_COL32(220, 220, 220, 255), st.team_names[static_cast<std::size_t>(t)].c_str());
      dl->PopClipRect();
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
