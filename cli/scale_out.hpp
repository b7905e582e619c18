// What the long commands share to run over MPI ranks and to stop and continue: the checkpoint
// beside the output, the key that says which command a checkpoint belongs to, and replicate blocks
// as units of work (cluster/farm.hpp).
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "parallel.hpp"
#include "unit_journal.hpp"

namespace adoptsim::cli {

// How often a running command brings its checkpoint up to date (it also does when stopped).
inline constexpr int kCheckpointSeconds = 5;

// The checkpoint kept beside `out` while a command runs: <out>.checkpoint-<8 hex digits of key><suffix>.
// Named by the key, so two different runs writing the same output at once keep apart checkpoints
// (the last to finish gives the file), and --resume finds the checkpoint of its own command.
std::filesystem::path checkpoint_path(const std::filesystem::path& out, const std::string& key, const std::string& suffix);

// A short fingerprint of what determines a command's results (version, inputs, seed, sizes): a
// checkpoint is continued only by the command that made it.
std::string result_key(const std::string& text);

// For --resume: throws std::invalid_argument when `checkpoint` (of this command's key) does not
// exist, saying whether other checkpoints of `out` do (made by other inputs, seed or sizes).
void require_checkpoint(const std::filesystem::path& out, const std::filesystem::path& checkpoint, const std::string& suffix);

// Replicates per unit of work: a rank runs a unit's replicates on its threads.
inline int replicates_per_unit(int threads) { return threads < 1 ? 1 : threads; }

// " x 3 MPI ranks" under mpirun with more than one rank, else "": for the header lines.
std::string ranks_note();

// The command line as given, for "continue with: ..." messages (set by main()).
void set_command_line(int argc, char** argv);
std::string resume_command();  // the command line with --resume added (once)

// The unit journal of compare and sweep, on rank 0: continued (`resume`: its records are handed to
// `replay` in unit order) or started anew. Throws std::invalid_argument when there is nothing to continue.
UnitJournal open_unit_journal(const std::filesystem::path& out, const std::filesystem::path& journal, const std::string& key, bool resume,
                              const std::function<void(std::string&&)>& replay);

// The key of a command from its arguments (without --resume, --threads/-t and --quiet/-q, which do
// not change results) and the text of its input files.
std::string command_key(const std::vector<std::string>& input_texts);

// The checkpoint of a command that is a fixed sequence of batch maps (calibrate's ABC-SMC batches,
// sensitivity's designs, optimise's race stages, groups' scorings): every unit of every batch, in
// order, in a journal beside the output (<out>.checkpoint-<key>). Resumed, the same sequence of
// calls takes its first units from the journal, so the command retraces its path and ends with
// the same results, on any number of ranks or threads. A stop request (SIGINT, SIGTERM) ends the
// batch under way and throws cluster::Interrupted with the journal kept. Units are shared out
// over MPI ranks (cluster::farm); results go to every rank.
class JournaledMap {
 public:
  JournaledMap(const std::filesystem::path& out, const std::string& key, bool resume, int threads);
  ~JournaledMap();
  JournaledMap(const JournaledMap&) = delete;
  JournaledMap& operator=(const JournaledMap&) = delete;

  std::vector<double> operator()(std::int64_t n, int width, const BatchBlock& block);
  BatchMap map() { return [this](std::int64_t n, int width, const BatchBlock& block) { return (*this)(n, width, block); }; }
  void finish();  // the outputs are written: the journal is removed
  std::int64_t replayed_units() const { return replayed_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::int64_t replayed_ = 0;
};

}  // namespace adoptsim::cli
