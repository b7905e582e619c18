#include "groups_work.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <cctype>

#include "atomic_file.hpp"
#include "groups_csv.hpp"
#include "model.hpp"
#include "parallel.hpp"
#include "scenario_writer.hpp"
#include "statistics.hpp"

namespace adoptsim::viz {

Composition scenario_composition(const Scenario& s, const Structure& st, int k, std::string& from) {
  const Intervention& iv = s.programme[static_cast<std::size_t>(k)];
  const std::vector<int> people = placeable_people(s, k, st);
  if (!iv.groups.empty()) {
    from = "listed in the scenario";
    Composition c = iv.groups;
    std::vector<int> listed;
    for (const auto& g : c) listed.insert(listed.end(), g.begin(), g.end());
    std::vector<int> rest;
    for (int p : people)
      if (std::find(listed.begin(), listed.end(), p) == listed.end()) rest.push_back(p);
    if (!rest.empty()) c.push_back(rest);  // not listed: the rule groups them in each session
    return c;
  }
  const int size = std::max(1, iv.group_size);
  from = "rule " + std::string(kGroupRuleNames[static_cast<std::size_t>(idx(iv.grouping))]) + " (each session forms them anew)";
  switch (iv.grouping) {
    case GroupRule::by_team: return teams_together(people, size, st);
    case GroupRule::across_teams: return teams_mixed(people, size, st);
    case GroupRule::mixed_roles: return roles_mixed(people, size, st);
    default: return random_composition(people, size, s.seed);
  }
}

void GroupsWork::choose(const Scenario& s, const Structure& st, int k) {
  activity = k;
  occurrence = -1;
  selected = -1;
  current = scenario_composition(s, st, k, current_from);
  edited = current;
  size = std::max(1, s.programme[static_cast<std::size_t>(k)].group_size);
}

void GroupsWork::move(int i, int g) {
  if (g < 0 || g >= static_cast<int>(edited.size())) return;
  for (auto& grp : edited) std::erase(grp, i);
  edited[static_cast<std::size_t>(g)].push_back(i);
  std::erase_if(edited, [](const std::vector<int>& grp) { return grp.empty(); });
}

namespace {

PairedResult paired(const std::vector<double>& d) {
  PairedResult r;
  const MeanError m = mean_error(d);
  r.mean = m.mean;
  r.low = m.mean - kZ90 * m.se;
  r.high = m.mean + kZ90 * m.se;
  for (double x : d) r.better += x > 0, r.worse += x < 0;
  r.replicates = static_cast<int>(d.size());
  return r;
}

}  // namespace

void GroupsWork::start_evaluate(const Scenario& s, std::uint64_t seed, int replicates, int threads) {
  if (evaluate.running) return;
  if (evaluate.thread.joinable()) evaluate.thread.join();
  evaluate.running = true;
  evaluate.progress.done = 0;
  evaluate.progress.planned = 2LL * replicates;
  const int k = activity;
  const Scenario base = s;
  const Scenario edited_s = with_groups(s, k, edited);
  evaluate.thread = std::thread([this, base, edited_s, k, seed, replicates, threads] {
    try {
      std::vector<GroupScore> a(static_cast<std::size_t>(replicates)), b(static_cast<std::size_t>(replicates));
      ThreadPool pool(std::max(1, threads));
      // Common random numbers: replicate r of both compositions draws the same streams.
      pool.parallel_for(2 * replicates, [&](int j) {
        const int r = j / 2;
        const Scenario& sc = j % 2 == 0 ? edited_s : base;
        (j % 2 == 0 ? a : b)[static_cast<std::size_t>(r)] = group_score(run_replicate(sc, seed, r), sc, k);
        evaluate.progress.done.fetch_add(1);
      });
      std::vector<double> dl, da;
      for (int r = 0; r < replicates; ++r) {
        dl.push_back(a[static_cast<std::size_t>(r)].learning - b[static_cast<std::size_t>(r)].learning);
        da.push_back(a[static_cast<std::size_t>(r)].adoption - b[static_cast<std::size_t>(r)].adoption);
      }
      auto e = std::make_shared<Evaluation>();
      e->learning = paired(dl);
      e->adoption = paired(da);
      e->replicates = replicates;
      e->seed = seed;
      std::lock_guard lock(evaluate.mutex);
      evaluate.result = std::move(e);
      evaluate.error.clear();
    } catch (const std::exception& ex) {
      std::lock_guard lock(evaluate.mutex);
      evaluate.error = ex.what();
    }
    evaluate.running = false;
  });
}

void GroupsWork::start_propose(const Scenario& s, const Structure& st, std::uint64_t seed, int threads) {
  if (propose.running) return;
  if (propose.thread.joinable()) propose.thread.join();
  GroupSearchSettings set;
  try {
    if (apart[0] != '\0') set.constraints.apart.push_back(people_named(apart, st, "keep apart"));
    if (together[0] != '\0') set.constraints.together.push_back(people_named(together, st, "keep together"));
  } catch (const std::exception& ex) {
    std::lock_guard lock(propose.mutex);
    propose.error = ex.what();
    return;
  }
  set.constraints.groups = std::max(0, groups);
  set.constraints.min_size = std::max(0, min_size);
  set.constraints.max_size = std::max(0, max_size);
  propose.running = true;
  set.size = std::max(1, size);
  set.evaluations = evaluations;
  set.search_replicates = search_replicates;
  set.report_replicates = replicates;
  set.threads = std::max(1, threads);
  set.seed = seed;
  set.constraints.max_per_team = max_per_team;
  set.constraints.no_own_manager = no_own_manager;
  set.constraints.early_adopter_each = early_adopter_each;
  set.constraints.manager_each = manager_each;
  const int k = activity;
  propose.thread = std::thread([this, s, set, k] {
    try {
      auto p = std::make_shared<GroupProposal>(propose_groups(s, k, set, &propose.progress));
      std::lock_guard lock(propose.mutex);
      propose.result = std::move(p);
      propose.error.clear();
    } catch (const std::exception& ex) {
      std::lock_guard lock(propose.mutex);
      propose.error = ex.what();
    }
    propose.running = false;
  });
}

void GroupsWork::wait() {
  if (evaluate.thread.joinable()) evaluate.thread.join();
  if (propose.thread.joinable()) propose.thread.join();
}

std::filesystem::path fresh_path(const std::filesystem::path& dir, const std::string& stem, const std::string& ext) {
  std::filesystem::path p = dir / (stem + ext);
  for (int n = 2; std::filesystem::exists(p); ++n) p = dir / fmt::format("{}-{}{}", stem, n, ext);
  return p;
}

std::pair<std::filesystem::path, std::filesystem::path> save_groups(const Scenario& s, int k, const Composition& c, const Structure& st,
                                                                   const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::string stem = s.name + "-groups";
  for (char& ch : stem)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') ch = '-';
  const auto toml = fresh_path(dir, stem, ".toml");
  const auto csv = fresh_path(dir, toml.stem().string(), ".csv");
  Scenario out = with_groups(s, k, c);
  out.name = toml.stem().string();
  save_scenario(out, toml, fmt::format("Groups of '{}' composed in the live lab (adoptsim-viz, Groups panel).\nPlanning list: {}",
                                       s.programme[static_cast<std::size_t>(k)].name, csv.filename().string()));
  write_text_atomically(csv, groups_csv(c, st));
  return {toml, csv};
}

}  // namespace adoptsim::viz
