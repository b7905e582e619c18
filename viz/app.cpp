#include "app.hpp"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "scenario_loader.hpp"
#include "scenario_writer.hpp"

namespace adoptsim::viz {

Scenario Settings::current() const {
  Scenario s = knobs == read_knobs(base) ? base : apply_knobs(base, knobs);
  s.parameters = params;
  s.seed = seed;
  s.replicates = replicates;
  return s;
}

namespace {

std::vector<std::string> list_scenarios(const std::string& current) {
  std::vector<std::string> out;
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::path(current).parent_path();
  if (dir.empty()) dir = "scenarios";
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

App::App(Settings s) : settings(std::move(s)) {
  scenario_files = list_scenarios(settings.path);
  band_threads = std::max(1, hardware_threads() - 1);
}

void App::restart() {
  const Scenario s = settings.current();
  live.restart(s, settings.seed);
  band.restart(s, settings.seed, settings.replicates, band_threads);
}

void App::load(const std::string& path) {
  try {
    LoadedScenario l = load_scenario(path);
    settings.base = l.scenario;
    settings.path = path;
    settings.knobs = read_knobs(l.scenario);
    settings.params = l.scenario.parameters;
    settings.seed = l.scenario.seed;
    settings.replicates = l.scenario.replicates;
    message = "loaded " + path;
    restart();
  } catch (const ScenarioError& e) {
    message.clear();
    for (const auto& d : e.diagnostics()) message += d.str() + "\n";
  } catch (const std::exception& e) {
    message = e.what();
  }
}

bool goal_group_is_users(const Scenario& s, const Structure& st) {
  for (const Role r : st.role) {
    const bool in_goal = std::find(s.goal.roles.begin(), s.goal.roles.end(), r) != s.goal.roles.end();
    if (in_goal != is_method_user(r)) return false;
  }
  return true;
}

std::string goal_roles_text(const Scenario& s) {
  static const char* plural[] = {"supervisors", "foremen", "managers", "MT members", "HR advisers"};
  std::string out;
  for (std::size_t k = 0; k < s.goal.roles.size(); ++k) {
    if (k > 0) out += k + 1 == s.goal.roles.size() ? " and " : ", ";
    out += plural[idx(s.goal.roles[k])];
  }
  return out;
}

std::string App::default_save_path() const {
  const std::filesystem::path base(settings.path);
  const std::filesystem::path dir = base.has_parent_path() ? base.parent_path() : std::filesystem::path("scenarios");
  return (dir / (base.stem().string() + "-variant.toml")).string();
}

std::string App::save_as_scenario(const std::string& requested) {
  namespace fs = std::filesystem;
  if (requested.empty()) {
    message = "could not save: no file name";
    return {};
  }
  fs::path path(requested);
  if (path.extension() != ".toml") path += ".toml";
  const fs::path stem = path.parent_path() / path.stem();
  std::error_code ec;
  for (int k = 2; fs::exists(path, ec); ++k) path = stem.string() + "-" + std::to_string(k) + ".toml";
  try {
    Scenario saved = settings.current();
    const std::string base_name = saved.name;
    if (saved.replicates < 1) saved.replicates = settings.base.replicates;  // band runs 0 (no band) is not a scenario's replicates
    saved.name = path.stem().string();
    if (saved.name == base_name) saved.name += "-variant";  // same stem in another folder: still its own results
    save_scenario(saved, path, "Saved from adoptsim-viz (based on " + settings.path + ", named " + base_name + ")");
    message = "saved " + path.string() + " as scenario '" + saved.name + "'";
    if (path.string() != requested && path.string() != requested + ".toml") message += " (" + requested + " exists: not overwritten)";
    scenario_files.push_back(path.string());
    return path.string();
  } catch (const std::exception& e) {
    message = std::string("could not save: ") + e.what();
    return {};
  }
}

void App::pin_baseline() {
  if (!snap) return;
  Baseline b{snap, band_snap, "seed " + std::to_string(settings.seed) + ", pinned at week " + std::to_string(snap->week), nullptr};
  if (settings.replicates > 0 && (!band_snap || band_snap->done < band_snap->total)) {
    // Its ensemble is not complete yet: run it to the end beside the next one (a restart of the
    // band cancels the running ensemble). Same seed, same replicates, so the same results.
    b.finishing = std::make_shared<BandRun>();
    b.finishing->restart(*snap->scenario, settings.seed, settings.replicates, band_threads);
  }
  baseline = std::move(b);
}

const PairedFigures* App::paired() {
  if (!baseline || !baseline->band || !band_snap || !baseline->band->runs || !band_snap->runs) return nullptr;
  if (paired_cache.baseline != baseline->band || paired_cache.current != band_snap) {
    paired_cache.baseline = baseline->band;
    paired_cache.current = band_snap;
    paired_cache.figures = paired_figures(*band_snap->scenario, *baseline->band->scenario, *baseline->band->runs, *band_snap->runs);
    if (paired_cache.figures.not_paired.empty() && baseline->band->seed != band_snap->seed)
      paired_cache.figures = PairedFigures{0, "the baseline ran on another seed: no common random numbers", {}, {}, {}, {}};
  }
  return &paired_cache.figures;
}

void App::frame() {
  snap = live.snapshot();
  band_snap = band.snapshot();
  if (baseline && baseline->finishing) {
    if (auto b = baseline->finishing->snapshot(); b && (!baseline->band || b->done > baseline->band->done)) baseline->band = std::move(b);
  }
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  // A fixed grid: controls on the left; curves and the organisation map on top, the other
  // four charts below. The screenshot test relies on where the curves panel is.
  const float left = 330.f, cw = (d.x - left) / 2, top = d.y * 0.42f, rh = (d.y - top) / 2;
  auto place = [](float x, float y, float w, float h) {
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
  };
  place(0, 0, left, d.y);
  panel_controls(*this);
  if (!snap) return;
  place(left, 0, cw, top);
  panel_curves(*this);
  place(left + cw, 0, cw, top);
  panel_map(*this);
  if (show_groups) {
    place(left, top, 2 * cw, d.y - top);
    panel_groups(*this);
    return;
  }
  place(left, top, cw, rh);
  panel_stages(*this);
  place(left + cw, top, cw, rh);
  panel_people(*this);
  place(left, top + rh, cw, rh);
  panel_budget(*this);
  place(left + cw, top + rh, cw, rh);
  panel_kirkpatrick(*this);
}

bool App::prepare_groups(const Options& opt) {
  if (opt.groups_activity.empty()) return true;
  const Scenario& s = *snap->scenario;
  const Structure& st = *snap->structure;
  int k = -1;
  for (std::size_t j = 0; j < s.programme.size() && k < 0; ++j)
    if (s.programme[j].name == opt.groups_activity || kInterventionTypeNames[static_cast<std::size_t>(idx(s.programme[j].type))] == opt.groups_activity) k = static_cast<int>(j);
  if (k < 0 || !works_in_groups(s.programme[static_cast<std::size_t>(k)].type)) {
    std::fprintf(stderr, "adoptsim-viz: --groups %s: no activity of that name or type that works in groups\n", opt.groups_activity.c_str());
    return false;
  }
  show_groups = true;
  groups.choose(s, st, k);
  for (const auto& m : opt.moves) {
    const auto eq = m.rfind('=');
    int who = -1;
    for (int i = 0; i < st.people && eq != std::string::npos; ++i)
      if (st.name(i) == m.substr(0, eq)) who = i;
    if (who < 0) {
      std::fprintf(stderr, "adoptsim-viz: --move %s: expected NAME=GROUP with a name of the organisation (or #id)\n", m.c_str());
      return false;
    }
    groups.selected = who;
    groups.move(who, std::stoi(m.substr(eq + 1)) - 1);
  }
  if (opt.evaluate_replicates > 0) {
    groups.start_evaluate(s, settings.seed, opt.evaluate_replicates, band_threads);
    groups.wait();
    if (groups.evaluate.result) {
      const auto& e = *groups.evaluate.result;
      std::printf("groups evaluate: %d replicates, learning %+.5f [%+.5f, %+.5f], adoption %+.5f [%+.5f, %+.5f]\n", e.replicates, e.learning.mean,
                  e.learning.low, e.learning.high, e.adoption.mean, e.adoption.low, e.adoption.high);
    } else {
      std::fprintf(stderr, "adoptsim-viz: evaluate: %s\n", groups.evaluate.error.c_str());
      return false;
    }
  }
  if (opt.propose) {
    std::snprintf(groups.apart, sizeof groups.apart, "%s", opt.keep_apart.c_str());
    std::snprintf(groups.together, sizeof groups.together, "%s", opt.keep_together.c_str());
    groups.start_propose(s, st, settings.seed, band_threads);
    groups.wait();
    std::lock_guard lock(groups.propose.mutex);
    if (!groups.propose.result || !groups.propose.error.empty()) {
      std::fprintf(stderr, "adoptsim-viz: propose: %s\n", groups.propose.error.c_str());
      return false;
    }
    // One line per group, names separated by "; ".
    const GroupProposal& p = *groups.propose.result;
    std::printf("groups propose: %zu groups\n", p.groups.size());
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
      std::string line;
      for (int i : p.groups[g]) line += (line.empty() ? "" : "; ") + st.name(i);
      std::printf("group %zu: %s\n", g + 1, line.c_str());
    }
  }
  return true;
}

}  // namespace adoptsim::viz
