// adoptsim groups SCENARIO --activity intervision --size 8: a composition of the groups of a
// session that maximises predicted learning and adoption, explained per group, with its gain over
// a random composition, written in the scenario format.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "adoptsim_version.hpp"
#include "cluster.hpp"
#include "commands.hpp"
#include "farm.hpp"
#include "scale_out.hpp"
#include "ensemble.hpp"
#include "group_search.hpp"
#include "groups_csv.hpp"
#include "groups_report.hpp"
#include "organisation.hpp"
#include "atomic_file.hpp"
#include "files.hpp"
#include "memory_check.hpp"
#include "scenario_loader.hpp"
#include "scenario_writer.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

struct GroupsOptions {
  std::string scenario, activity, save, csv;
  int size = 0;  // 0: the intervention's group_size
  int evaluations = 200, search_replicates = 16, replicates = 64, threads = 0;
  std::int64_t seed = -1;
  bool quiet = false, resume = false;
  std::string memory_limit;  // --memory-limit SIZE
  // Trainers' constraints (decision/group_constraints.hpp); people by roster name or id.
  std::vector<std::string> apart, together;
  int max_per_team = 0, groups = 0, min_size = 0, max_size = 0;
  bool early_adopter_each = false, manager_each = false, no_own_manager = false;
};

GroupConstraints constraints_of(const GroupsOptions& o, const Structure& st) {
  GroupConstraints k;
  for (const auto& a : o.apart) k.apart.push_back(people_named(a, st, "--apart"));
  for (const auto& t : o.together) k.together.push_back(people_named(t, st, "--together"));
  k.max_per_team = o.max_per_team;
  k.early_adopter_each = o.early_adopter_each;
  k.manager_each = o.manager_each;
  k.no_own_manager = o.no_own_manager;
  k.groups = o.groups;
  k.min_size = o.min_size;
  k.max_size = o.max_size;
  return k;
}

// The intervention named by --activity: an intervention's name, or the first of a type.
int find_activity(const Scenario& s, const std::string& activity) {
  for (std::size_t k = 0; k < s.programme.size(); ++k)
    if (s.programme[k].name == activity) return static_cast<int>(k);
  if (const auto type = from_name<InterventionType>(kInterventionTypeNames, activity))
    for (std::size_t k = 0; k < s.programme.size(); ++k)
      if (s.programme[k].type == *type) return static_cast<int>(k);
  std::string known;
  for (const auto& iv : s.programme)
    if (works_in_groups(iv.type))
      known += fmt::format("{}'{}' ({})", known.empty() ? "" : ", ", iv.name, kInterventionTypeNames[static_cast<std::size_t>(idx(iv.type))]);
  throw std::invalid_argument("--activity " + activity + ": no intervention of that name or type; sessions that work in groups: " + known);
}

int groups_command(const GroupsOptions& o) {
  const LoadedScenario loaded = load_scenario(o.scenario);
  const Scenario& s = loaded.scenario;
  if (s.kind == ModelKind::bass) throw std::invalid_argument(o.scenario + ": the Bass reduction has no sessions to compose");
  const int k = find_activity(s, o.activity);
  const Intervention& iv = s.programme[static_cast<std::size_t>(k)];
  GroupSearchSettings set;
  set.size = o.size > 0 ? o.size : iv.group_size;
  set.evaluations = o.evaluations;
  set.search_replicates = o.search_replicates;
  set.report_replicates = o.replicates;
  set.threads = o.threads > 0 ? o.threads : cluster::default_threads(hardware_threads());
  set.seed = o.seed >= 0 ? static_cast<std::uint64_t>(o.seed) : s.seed;
  // One replicate per thread, each reduced to its group scores before the next.
  check_memory("groups", s, set.threads, set.threads, o.memory_limit);
  const Structure structure = build_structure(s);
  set.constraints = constraints_of(o, structure);
  namespace fs = std::filesystem;
  const fs::path save = o.save.empty() ? fs::path("outputs") / (file_stem(s.name) + "-groups.toml") : fs::path(o.save);
  // The trainer's planning list (group,name,team,role) beside the scenario file unless --csv names one.
  const fs::path csv = o.csv.empty() ? fs::path(save).replace_extension(".csv") : fs::path(o.csv);
  cluster::on_root([&] {
    check_writable(save, "--save");
    check_writable(csv, "--csv");
  });
  // Under MPI every rank runs the same search; each scoring's replicates are shared out over the
  // ranks and their scores sent to all. The scenario file and the report: rank 0.
  // The scorings, unit by unit, in a journal beside the scenario file: --resume continues them.
  JournaledMap journal(save, command_key({loaded.text}), o.resume, set.threads);
  set.map = journal.map();

  const auto start = std::chrono::steady_clock::now();
  Progress progress;
  GroupProposal proposal;
  with_progress(!o.quiet && cluster::is_root(), [&] { return fmt::format("groups: {}", iv.name); }, [&] { return progress.planned.load(); },
                [&] { return progress.done.load(); }, [&] { proposal = propose_groups(s, k, set, &progress); });
  if (!cluster::is_root()) return kExitOk;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  Scenario out = with_groups(s, k, proposal.groups);
  out.name = s.name + "-groups";
  const auto& gain = proposal.versus_random_learning;
  const auto& adoption = proposal.versus_random_adoption;
  const std::string header = fmt::format(
      "Written by adoptsim {} groups on {} from {}.\n"
      "The scenario with proposed groups for '{}': {} groups of at most {}, found by local search over swaps\n"
      "scored by simulation on common random numbers ({} evaluations on {} replicates, seed {}).\n"
      "Predicted gain over a random composition on {} fresh replicates: learning (skill gained per method user)\n"
      "{:+.4f} (90% of replicates in [{:+.4f}, {:+.4f}], better in {} of {}), adoption at week {} {:+.4f}.\n"
      "Person ids: scenarios/README.md.",
      ADOPTSIM_VERSION, utc_now(), o.scenario, iv.name, proposal.groups.size(), set.size, proposal.evaluations, set.search_replicates, set.seed,
      set.report_replicates, gain.difference.mean, gain.difference.p05, gain.difference.p95, gain.better, gain.replicates, s.goal.week,
      adoption.difference.mean);
  save_scenario(out, save, header);
  write_text_atomically(csv, groups_csv(proposal.groups, structure));
  journal.finish();

  if (!o.quiet) {
    const Structure st = build_structure(s);
    GroupsReport r{&s, k, &set, &proposal, &st, ADOPTSIM_VERSION, elapsed};
    std::printf("%s", groups_report(r).c_str());
    std::printf("\nIn the scenario format, on [[intervention]] '%s':\n%s", iv.name.c_str(), groups_toml(proposal.groups, s.organisation.roster.empty() ? nullptr : &st).c_str());
    std::printf("\nWritten: %s (the scenario with these groups; adoptsim run accepts it)\n", save.string().c_str());
    std::printf("Written: %s (the planning list: group,name,team,role)\n", csv.string().c_str());
  }
  std::printf("%s simulations in %s (%d threads%s)\n", money(static_cast<double>(proposal.simulations)).c_str(), seconds(elapsed).c_str(), set.threads,
              ranks_note().c_str());
  return kExitOk;
}

}  // namespace

Command add_groups(CLI::App& app) {
  auto o = std::make_shared<GroupsOptions>();
  auto* sub = app.add_subcommand("groups", "Propose the groups of a session (training, intervision, actor sessions) for learning and adoption");
  sub->add_option("scenario", o->scenario, "Scenario file (TOML)")->required();
  sub->add_option("--activity,-a", o->activity, "The intervention: its name, or a type (the first of it), e.g. intervision")->required();
  sub->add_option("--size", o->size, "People per group at most (default: the intervention's group_size)")->check(CLI::Range(1, 1000));
  sub->add_option("--evaluations", o->evaluations, "Swaps scored by simulation in the local search (default 200)")->check(CLI::Range(0, 100000));
  sub->add_option("--search-replicates", o->search_replicates, "Replicates that score each candidate (default 16)")->check(CLI::Range(1, 10000));
  sub->add_option("--replicates,-r", o->replicates, "Fresh replicates for the reported gain (default 64)")->check(CLI::Range(2, 100000));
  sub->add_option("--seed,-s", o->seed, "Seed (default: the scenario's)")->check(CLI::NonNegativeNumber);
  sub->add_option("--threads,-t", o->threads, "Threads (default: all)")->check(CLI::Range(1, 4096));
  sub->add_option("--save", o->save, "Scenario file with the proposed groups (default: outputs/<scenario name>-groups.toml)");
  sub->add_option("--csv", o->csv, "The planning list of the proposed groups: group,name,team,role (default: the --save file with .csv)");
  sub->add_option("--apart", o->apart, "Keep these people apart: names (roster) or ids, comma-separated; repeatable");
  sub->add_option("--together", o->together, "Keep these people in one group: names or ids, comma-separated; repeatable");
  sub->add_option("--max-per-team", o->max_per_team, "At most this many of one team in a group")->check(CLI::Range(1, 1000));
  sub->add_flag("--early-adopter-each", o->early_adopter_each, "Someone known as innovator or early adopter (roster, fixed composition) in every group");
  sub->add_flag("--manager-each", o->manager_each, "A manager in every group");
  sub->add_flag("--no-own-manager", o->no_own_manager, "No one in a group with the person they report to");
  sub->add_option("--groups", o->groups, "This many groups (default: as many as --size needs)")->check(CLI::Range(1, 100000));
  sub->add_option("--min-size", o->min_size, "Groups of at least this many (sizes may then vary)")->check(CLI::Range(1, 1000));
  sub->add_option("--max-size", o->max_size, "Groups of at most this many (sizes may then vary)")->check(CLI::Range(1, 1000));
  sub->add_flag("--quiet,-q", o->quiet, "No progress bar and no tables (the simulation count is still printed)");
  sub->add_flag("--resume", o->resume, "Continue a stopped search from its checkpoint <save>.checkpoint-<key>");
  add_memory_limit_option(sub, o->memory_limit);
  return [o] { return groups_command(*o); };
}

}  // namespace adoptsim::cli
