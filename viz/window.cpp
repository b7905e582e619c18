// The window: SFML for the window, GL context and events, ImGui's OpenGL3 renderer, our input
// layer. Three modes: interactive, screenshot (run to a week, save the picture, exit) and bench
// (render N frames with the runs going, print frame-time statistics).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include <SFML/Graphics.hpp>
#include <SFML/OpenGL.hpp>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "app.hpp"
#include "export.hpp"
#include "imgui_sfml_input.hpp"
#include "screenshot.hpp"

namespace adoptsim::viz {
namespace {

void load_font(ImGuiIO& io) {
  const char* dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  if (std::filesystem::exists(dejavu)) {
    // The chart text sizes go up to 21 px: rasterise large enough to stay sharp when scaled.
    io.Fonts->AddFontFromFileTTF(dejavu, 16.f);
  } else {
    io.Fonts->AddFontDefault();
  }
}

}  // namespace

int run_window(App& app, const Options& opt) {
  sf::ContextSettings gl(24, 8, 0, 3, 0);
  sf::RenderWindow window(sf::VideoMode(static_cast<unsigned>(opt.width), static_cast<unsigned>(opt.height)),
                          "adoptsim live lab", sf::Style::Default, gl);
  const bool interactive = opt.screenshot.empty() && opt.bench_frames <= 0;
  window.setVerticalSyncEnabled(interactive);
  if (interactive) window.setFramerateLimit(60);
  window.setActive(true);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; nothing to remember
  SfmlInput::init(io);
  SfmlInput input;
  load_font(io);
  ImGui::StyleColorsDark();
  ImGui_ImplOpenGL3_Init("#version 130");

  app.live.set_speed(app.speed);  // bench: the default 8 weeks a second, as a user sees it
  app.restart();
  if (!opt.screenshot.empty()) {
    const int week = opt.week < 0 ? 1 << 30 : opt.week;
    if (!opt.baseline_path.empty()) {
      // Pin another scenario as the baseline (its run to the same week, its ensemble complete),
      // then come back to this one, as a user would with "Pin as baseline".
      const Settings mine = app.settings;
      app.load(opt.baseline_path);
      if (app.settings.path != opt.baseline_path) {
        std::fprintf(stderr, "adoptsim-viz: --baseline %s: %s\n", opt.baseline_path.c_str(), app.message.c_str());
        return 2;
      }
      app.settings.replicates = mine.replicates;
      app.restart();
      app.live.run_to(week);
      app.band.wait();
      app.snap = app.live.snapshot();
      app.band_snap = app.band.snapshot();
      app.pin_baseline();
      app.baseline->label = app.settings.base.name;
      app.settings = mine;
      app.message.clear();
      app.restart();
    }
    app.live.run_to(week);
    app.band.wait();
    app.snap = app.live.snapshot();
    app.band_snap = app.band.snapshot();
    if (!app.prepare_groups(opt)) return 2;
    for (const auto& f : opt.save_as) {
      const std::string written = app.save_as_scenario(f);
      std::printf("save as: %s\n", app.message.c_str());
      if (written.empty()) return 1;
    }
    if (!opt.export_dir.empty()) {
      const std::string m = export_charts(app, opt.export_dir);
      std::printf("export: %s\n", m.c_str());
      if (m.rfind("exported ", 0) != 0) return 1;
    }
    for (const auto& l : headline_lines(app)) std::printf("headline: %s\n", l.c_str());
    for (const auto& l : budget_lines(app)) std::printf("budget: %s\n", l.c_str());
  }
  if (opt.bench_frames > 0) app.live.play(true);

  std::vector<double> frame_ms;
  sf::Clock clock;
  int frames = 0;
  int exit_code = 0;
  while (window.isOpen()) {
    const auto t0 = std::chrono::steady_clock::now();
    sf::Event e;
    while (window.pollEvent(e)) {
      input.process(io, e);
      if (e.type == sf::Event::Closed) window.close();
      if (e.type == sf::Event::Resized) glViewport(0, 0, static_cast<GLsizei>(e.size.width), static_cast<GLsizei>(e.size.height));
    }
    if (!window.isOpen()) break;
    const sf::Vector2u size = window.getSize();
    input.new_frame(io, static_cast<float>(size.x), static_cast<float>(size.y), clock.restart().asSeconds());
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();
    glViewport(0, 0, static_cast<GLsizei>(size.x), static_cast<GLsizei>(size.y));
    glClearColor(0.08f, 0.08f, 0.09f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++frames;
    if (!opt.screenshot.empty() && frames == 3) {  // ImGui needs a frame or two to size windows
      glFinish();
      try {
        save_back_buffer(static_cast<int>(size.x), static_cast<int>(size.y), opt.screenshot);
        std::printf("wrote %s (%ux%u, week %d)\n", opt.screenshot.c_str(), size.x, size.y, app.snap ? app.snap->week : 0);
        if (!app.map_mode.empty()) std::printf("organisation map: %s\n", app.map_mode.c_str());
      } catch (const std::exception& ex) {
        std::fprintf(stderr, "adoptsim-viz: %s\n", ex.what());
        exit_code = 1;
      }
      window.close();
      break;
    }
    window.display();
    if (opt.bench_frames > 0) {
      glFinish();
      frame_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      if (frames == opt.bench_frames) window.close();
    }
  }
  if (opt.bench_frames > 0 && !frame_ms.empty()) {
    std::sort(frame_ms.begin(), frame_ms.end());
    const auto q = [&](double p) { return frame_ms[std::min(frame_ms.size() - 1, static_cast<std::size_t>(p * (frame_ms.size() - 1) + 0.5))]; };
    std::printf("frames=%zu median_ms=%.2f p95_ms=%.2f\n", frame_ms.size(), q(0.5), q(0.95));
  }
  app.band.stop();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
  return exit_code;
}

}  // namespace adoptsim::viz
