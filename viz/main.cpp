// adoptsim-viz [SCENARIO] [--screenshot FILE.png [--week W]] [--bench-frames N]: the live lab.
#include <cstdio>
#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "scenario_loader.hpp"

int main(int argc, char** argv) {
  using namespace adoptsim;
  viz::Options opt;
  opt.scenario_path = "scenarios/reference.toml";
  CLI::App cli{"adoptsim live lab: watch and steer a rollout"};
  cli.add_option("scenario", opt.scenario_path, "scenario file (TOML)");
  cli.add_option("--screenshot", opt.screenshot, "run, render the panels into this PNG and exit");
  cli.add_option("--week", opt.week, "screenshot: the week to run to (default: the horizon)")->check(CLI::NonNegativeNumber);
  cli.add_option("--bench-frames", opt.bench_frames, "render N frames with the runs going, print frame times")->check(CLI::PositiveNumber);
  cli.add_option("--groups", opt.groups_activity, "screenshot: show the Groups panel of this activity (name or type)");
  cli.add_option("--move", opt.moves, "screenshot: move NAME=GROUP (1-based) in the Groups panel; repeatable");
  cli.add_option("--evaluate", opt.evaluate_replicates, "screenshot: evaluate the edited groups on N replicates first")->check(CLI::Range(2, 100000));
  cli.add_option("--baseline", opt.baseline_path, "screenshot: pin this scenario as the baseline first (A/B), print the headline");
  cli.add_option("--save-as", opt.save_as, "screenshot: 'Save as scenario' to FILE.toml (repeatable), as the button does");
  cli.add_option("--export", opt.export_dir, "screenshot: also 'Export charts (PNG)' into this folder, as the button does");
  cli.add_flag("--propose", opt.propose, "screenshot: run Propose in the Groups panel first and print the proposal");
  cli.add_option("--apart", opt.keep_apart, "screenshot: Propose's 'keep apart' field (names, comma-separated)");
  cli.add_option("--together", opt.keep_together, "screenshot: Propose's 'keep together' field (names, comma-separated)");
  int band = -1;
  cli.add_option("--band", band, "replicates of the background band (default: the scenario's replicates)")->check(CLI::Range(0, 10000));
  cli.add_option("--size", opt.width, "window width in pixels (height = 5/8 of it)")->check(CLI::Range(640, 4000));
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : 2;
  }
  if (opt.width != 1600) opt.height = opt.width * 5 / 8;
  viz::Settings s;
  try {
    LoadedScenario l = load_scenario(opt.scenario_path);
    s.base = l.scenario;
    s.path = opt.scenario_path;
    s.knobs = read_knobs(l.scenario);
    s.params = l.scenario.parameters;
    s.seed = l.scenario.seed;
    s.replicates = band >= 0 ? band : l.scenario.replicates;
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.str().c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "adoptsim-viz: %s\n", e.what());
    return 2;
  }
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) {
    std::fprintf(stderr, "adoptsim-viz: no display (DISPLAY is not set); for pictures without one use\n"
                         "  xvfb-run -a -s \"-screen 0 1600x1000x24\" adoptsim-viz SCENARIO --screenshot FILE.png\n");
    return 1;
  }
  viz::App app(std::move(s));
  return viz::run_window(app, opt);
}
