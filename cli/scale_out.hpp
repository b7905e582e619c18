// What the long commands share to run over MPI ranks and to stop and continue: the checkpoint
// beside the output, the key that says which command a checkpoint belongs to, and replicate blocks
// as units of work (cluster/farm.hpp).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

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

// The command line as given, for "continue with: ..." messages (set by main()).
void set_command_line(int argc, char** argv);
std::string resume_command();  // the command line with --resume added (once)

}  // namespace adoptsim::cli
