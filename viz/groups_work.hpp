// The trainer's workbench behind the Groups panel (issue 12): the groups of one activity as
// the scenario forms them, an edited copy, and the background jobs: Evaluate (the edited
// composition against the current one on common random numbers: the same seed and replicate
// for both, paired differences) and Propose (the group search with the trainer's constraints).
// Save writes the scenario with the edited groups (a new file) and a planning CSV.
#pragma once
#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "group_search.hpp"
#include "organisation.hpp"
#include "scenario.hpp"

namespace adoptsim::viz {

// A paired difference, edited minus current: mean, its 90 % interval, replicates better/worse.
struct PairedResult {
  double mean = 0, low = 0, high = 0;
  int better = 0, worse = 0, replicates = 0;
};

struct Evaluation {
  PairedResult learning, adoption;
  int replicates = 0;
  std::uint64_t seed = 0;
};

// A background job with progress; the result is read once done.
template <class Result>
struct Job {
  std::thread thread;
  Progress progress;
  std::atomic<bool> running{false};
  std::mutex mutex;
  std::shared_ptr<const Result> result;
  std::string error;
  ~Job() {
    if (thread.joinable()) thread.join();
  }
};

struct GroupsWork {
  int activity = -1;                    // intervention index; -1: none chosen yet
  int occurrence = -1;                  // index among the activity's occurrences so far
  Composition current, edited;          // everyone placeable, by person id
  std::string current_from;             // how the scenario forms them ("listed in the scenario", "rule by_team", ...)
  int selected = -1;                    // person picked for a move
  int move_to = 0;                      // group (0-based) to move to
  // Propose settings: size and constraints.
  int size = 0, max_per_team = 0, evaluations = 60, search_replicates = 8, replicates = 32;
  bool no_own_manager = false, early_adopter_each = false, manager_each = false;
  int groups = 0, min_size = 0, max_size = 0;  // a fixed group count, a size range (0: none)
  char apart[512] = "", together[512] = "";  // names (or ids), comma-separated: kept apart, kept in one group
  Job<Evaluation> evaluate;
  Job<GroupProposal> propose;
  std::string saved;                    // last Save's files

  // Chooses an activity of `s`: current and edited as the scenario forms its groups.
  void choose(const Scenario& s, const Structure& st, int k);
  // Moves person `i` into group `g` of the edited composition.
  void move(int i, int g);
  // Starts Evaluate on `replicates` replicates, seed `seed`, in the background.
  void start_evaluate(const Scenario& s, std::uint64_t seed, int replicates, int threads);
  // Starts Propose; a bad list of names sets propose.error instead.
  void start_propose(const Scenario& s, const Structure& st, std::uint64_t seed, int threads);
  void wait();  // both jobs (screenshot mode)
};

// The composition the scenario stands for: its listed groups, else the groups its rule would
// make of everyone placeable (teams together for by_team, dealt by team for across_teams, by
// role for mixed_roles, a random split otherwise). Sets `from` to say which.
Composition scenario_composition(const Scenario& s, const Structure& st, int k, std::string& from);

// A file name in `dir` that does not exist yet: stem.ext, stem-2.ext, ...
std::filesystem::path fresh_path(const std::filesystem::path& dir, const std::string& stem, const std::string& ext);

// Saves the scenario with the edited groups and the CSV; returns the two paths.
std::pair<std::filesystem::path, std::filesystem::path> save_groups(const Scenario& s, int k, const Composition& c, const Structure& st,
                                                                   const std::filesystem::path& dir);

}  // namespace adoptsim::viz
