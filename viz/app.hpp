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
  std::string export_dir;  // screenshot mode: "Export charts (PNG)" into this folder too
  std::vector<std::string> save_as;  // screenshot mode: "Save as scenario" to these paths, in order
  // Screenshot mode: pin this scenario (run to the same week, its ensemble finished) as the
  // baseline before the picture, and print the headline's figures.
  std::string baseline_path;
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
  // Pinned before its ensemble finished: the ensemble is run to the end here (same seed, same
  // replicates), so the paired difference can use all of them.
  std::shared_ptr<BandRun> finishing;
};

// The paired difference with the baseline for the current pair of ensemble snapshots.
struct PairedCache {
  std::shared_ptr<const BandSnapshot> baseline, current;
  PairedFigures figures;
};

struct App {
  explicit App(Settings s);
  void restart();        // settings changed: restart the live run and the band, same seed
  void load(const std::string& path);  // another scenario file; on error keeps the current one
  void frame();          // all panels, once
  void pin_baseline();   // the current runs become the baseline
  // "Save as scenario": writes the current settings to a new file and returns its path (empty,
  // with `message` saying why, when nothing was written). Never overwrites a file: an existing
  // `path` (the base scenario's own file included) gets "-2", "-3", ... before the extension.
  // The saved scenario is named after its file, and never after the base, so that `adoptsim run`
  // on it writes its own results, not over the base's (outputs/<name>.h5).
  std::string save_as_scenario(const std::string& path);
  std::string default_save_path() const;  // <base's folder>/<base's stem>-variant.toml
  // This frame's paired difference (null without a baseline or either ensemble).
  const PairedFigures* paired();

  Settings settings;
  LiveRun live;
  BandRun band;
  std::optional<Baseline> baseline;
  std::shared_ptr<const Snapshot> snap;          // this frame's
  std::shared_ptr<const BandSnapshot> band_snap; // this frame's
  PairedCache paired_cache;
  std::string map_mode;  // how the Organisation panel draws the people (printed in screenshot mode)
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

// The curves panel's headline (the figures at the deadline) and the budget panel's lines, as the
// window shows them; the screenshot mode prints them.
std::vector<std::string> headline_lines(App& app);
std::vector<std::string> budget_lines(App& app);

// The goal group and the method's users (supervisors and foremen) are the same people.
bool goal_group_is_users(const Scenario& s, const Structure& st);
// "supervisors", "supervisors and foremen": the goal group's roles in words.
std::string goal_roles_text(const Scenario& s);

// Charts of the panels as data, for the window and for PNG export.
plot::Chart curves_chart(const App& app);
plot::Chart stages_chart(const Snapshot& s);
plot::Chart people_chart(const Snapshot& s);
plot::Chart budget_chart(const Snapshot& s);
plot::Chart kirkpatrick_chart(const Snapshot& s);

// Colours shared by the panels (and the screenshot test): the overall curve and the categories.
inline constexpr plot::Color kOverallColour = plot::rgb(0xF0E442);
inline constexpr plot::Color kUsersColour = plot::rgb(0xFFFFFF);    // all users, when not the goal group
inline constexpr plot::Color kRuleColour = plot::rgb(0xD62728);  // programme rule firings (markers, lines)
inline constexpr std::array<plot::Color, 5> kCategoryColours{plot::rgb(0xCC79A7), plot::rgb(0x009E73), plot::rgb(0x56B4E9),
                                                            plot::rgb(0xE69F00), plot::rgb(0xD55E00)};
inline constexpr std::array<plot::Color, 5> kStageColours{plot::rgb(0x5A5A6E), plot::rgb(0x0072B2), plot::rgb(0x56B4E9),
                                                          plot::rgb(0xE69F00), plot::rgb(0x009E73)};

// One colour per cost row (the intervention types in catalogue order, then the programme's fixed
// costs), the same in every chart and whatever types a programme uses, so a type is recognised
// by its colour across runs and files (issue 11, 6). Twenty distinct hues and shades (after
// Tableau 20) read on the dark window and on the white export; grey is kept for "other types".
inline constexpr std::array<plot::Color, kCostRows> kCostRowColours{
    plot::rgb(0x9EDAE5),  // communication
    plot::rgb(0xC5B0D5),  // think_tank
    plot::rgb(0x1F77B4),  // masterclass
    plot::rgb(0xFFBB78),  // kick_off
    plot::rgb(0xFF7F0E),  // basic_training
    plot::rgb(0x2CA02C),  // practice_exercise
    plot::rgb(0x98DF8A),  // coaching_on_the_job
    plot::rgb(0x8C564B),  // theme_meeting
    plot::rgb(0xE377C2),  // actor_session
    plot::rgb(0xAEC7E8),  // intervision
    plot::rgb(0xDBDB8D),  // evaluation
    plot::rgb(0xD62728),  // refresher
    plot::rgb(0xFF9896),  // onboarding
    plot::rgb(0x9467BD),  // ambassadors
    plot::rgb(0xBCBD22),  // success_sharing
    plot::rgb(0x17BECF),  // world_cafe
    plot::rgb(0xC49C94),  // standing_topic
    plot::rgb(0xF7B6D2),  // hr_conversation
    plot::rgb(0x6B6ECF),  // project_leader
    plot::rgb(0xE7BA52),  // programme (fixed project leader)
};
inline constexpr plot::Color kOtherTypesColour = plot::rgb(0x8C8C8C);
inline constexpr bool cost_row_colours_distinct() {
  for (std::size_t a = 0; a < kCostRowColours.size(); ++a) {
    if (kCostRowColours[a] == kOtherTypesColour || plot::is_automatic(kCostRowColours[a])) return false;
    for (std::size_t b = a + 1; b < kCostRowColours.size(); ++b)
      if (kCostRowColours[a] == kCostRowColours[b]) return false;
  }
  return true;
}
static_assert(cost_row_colours_distinct(), "kCostRowColours: one colour per cost row, none the 'other types' grey");

// Runs the window (interactive, screenshot or bench mode). Returns the process exit code.
int run_window(App& app, const Options& opt);

}  // namespace adoptsim::viz
