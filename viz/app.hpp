// The live lab's state and frame: settings (scenario, knobs, parameters, seed), the live run,
// the background band, a pinned baseline, and the panels that draw them each frame.
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "band_run.hpp"
#include "chart.hpp"
#include "groups_work.hpp"
#include "knobs.hpp"
#include "live_run.hpp"
#include "scenario.hpp"

namespace adoptsim::viz {

struct Options {
  std::string scenario_path;
  std::string screenshot;  // non-empty: screenshot mode
  int week = -1;           // screenshot: run to this week (-1: the horizon)
  int bench_frames = 0;    // > 0: bench mode
  int width = 1600, height = 1000;
  // Screenshot mode with the Groups panel: the activity, moves "name=group" (1-based), and an
  // evaluation on this many replicates run before the picture (0: none).
  std::string groups_activity;
  std::vector<std::string> moves;
  int evaluate_replicates = 0;
  // ... and Propose with the constraints "keep apart" / "keep together" (names, comma-separated).
  bool propose = false;
  std::string keep_apart, keep_together;
};

// What the user steers. The scenario run is base with the knobs and parameters applied.
struct Settings {
  Scenario base;
  std::string path;
  ProgrammeKnobs knobs;
  Parameters params;
  std::uint64_t seed = 1;
  int replicates = 100;  // of the background band
  Scenario current() const;
};

struct Baseline {
  std::shared_ptr<const Snapshot> run;
  std::shared_ptr<const BandSnapshot> band;
  std::string label;
};

struct App {
  explicit App(Settings s);
  void restart();        // settings changed: restart the live run and the band, same seed
  void load(const std::string& path);  // another scenario file; on error keeps the current one
  void frame();          // all panels, once

  Settings settings;
  LiveRun live;
  BandRun band;
  std::optional<Baseline> baseline;
  std::shared_ptr<const Snapshot> snap;          // this frame's
  std::shared_ptr<const BandSnapshot> band_snap; // this frame's
  std::vector<std::string> scenario_files;
  std::string message;   // last status line (errors of loading, saving, exporting)
  float speed = 8;       // weeks per second, 0: as fast as possible
  int band_threads = 1;
  bool screenshot_mode = false;
  bool show_groups = false;  // the Groups panel in place of the four lower charts
  GroupsWork groups;
  // Screenshot mode: opens the Groups panel as the options say, waits for the evaluation and
  // prints it. Returns false (with a message on stderr) when the options name no such thing.
  bool prepare_groups(const Options& opt);
};

// Panels (panels_*.cpp). Each is one ImGui window placed by the layout in app.cpp.
void panel_controls(App& app);
void panel_curves(App& app);
void panel_stages(App& app);
void panel_people(App& app);
void panel_map(App& app);
void panel_budget(App& app);
void panel_kirkpatrick(App& app);
void panel_groups(App& app);

// Charts of the panels as data, for the window and for PNG export.
plot::Chart curves_chart(const App& app);
plot::Chart stages_chart(const Snapshot& s);
plot::Chart people_chart(const Snapshot& s);
plot::Chart budget_chart(const Snapshot& s);
plot::Chart kirkpatrick_chart(const Snapshot& s);

// Colours shared by the panels (and the screenshot test): the overall curve and the categories.
inline constexpr plot::Color kOverallColour = plot::rgb(0xF0E442);
inline constexpr plot::Color kRuleColour = plot::rgb(0xD62728);  // programme rule firings (markers, lines)
inline constexpr std::array<plot::Color, 5> kCategoryColours{plot::rgb(0xCC79A7), plot::rgb(0x009E73), plot::rgb(0x56B4E9),
                                                            plot::rgb(0xE69F00), plot::rgb(0xD55E00)};
inline constexpr std::array<plot::Color, 5> kStageColours{plot::rgb(0x5A5A6E), plot::rgb(0x0072B2), plot::rgb(0x56B4E9),
                                                          plot::rgb(0xE69F00), plot::rgb(0x009E73)};

// Runs the window (interactive, screenshot or bench mode). Returns the process exit code.
int run_window(App& app, const Options& opt);

}  // namespace adoptsim::viz
