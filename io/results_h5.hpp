// The full result of an ensemble as one HDF5 file: weekly series, per-person records, per-replicate
// totals and every intervention occurrence, with the scenario and the names of every axis, so the
// file can be read without this program. The layout is described at the top of results_h5.cpp.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "organisation.hpp"
#include "result.hpp"
#include "scenario.hpp"

namespace adoptsim {

// What the file says about how it was made (root attributes).
struct RunMetadata {
  std::string program_version;
  std::string scenario_name;
  std::string scenario_path;
  std::string scenario_text;                    // the scenario file as read, so a run can be redone
  std::uint64_t seed = 0;
  int replicates = 0;                           // must equal runs.size()
  int weeks = 0;                                // must equal the runs' weeks
  std::string created;                          // ISO 8601 UTC
  int threads = 0;
  std::vector<std::string> team_names;          // one per team of the runs
  std::vector<std::string> intervention_names;  // the programme, in order (occurrence indices)
  std::string currency = "EUR";                 // unit of the cost datasets
  std::vector<std::string> rule_names;          // the programme's rules (firing indices); none = no /rule_firings
  std::vector<std::string> phase_names;         // the programme's phases; none = no /phases
};

// The metadata of a run of `s` (organisation `st`) read from `path` with text `text`: one place for
// the command line and the Python module, so their files stay the same. `created`: ISO 8601 UTC.
RunMetadata run_metadata(const Scenario& s, const Structure& st, std::string path, std::string text, int threads, std::string created);

// Writes `runs` to `path` atomically (see atomic_file.hpp). Throws std::runtime_error, before
// anything is written, when `runs` is empty, the replicates differ in shape, or `meta` does not
// describe them (replicates, weeks, team names, intervention indices); and when HDF5 fails.
void write_results_h5(const std::filesystem::path& path, const RunMetadata& meta, const std::vector<RunResult>& runs);

// The same file written one replicate at a time, for ensembles too big to hold in memory and for
// commands that can be stopped and continued. The stream writes straight into `path` (the caller
// names a temporary or checkpoint file and renames it once finish() has returned); the datasets
// grow by one row per append(), in the order of the calls. checkpoint(key) records how many rows
// are complete (with `key`, what the command was) and flushes the file to disk; resume() reopens
// such a file, dropping any rows written after its last checkpoint, and continues appending.
// finish() writes the root attributes (meta.replicates must equal the rows written) and closes.
// Errors are std::runtime_error naming the file.
struct StreamCheckpoint {
  std::string key;
  std::int64_t replicates = 0;
  std::array<std::int64_t, 5> rows{};  // of each growing axis: replicates, occurrences, firings, firing offsets, team entries
  int weeks = 0, people = 0, teams = 0;
};
// The checkpoint record of a stream file; nullopt when there is none or the file cannot be read.
std::optional<StreamCheckpoint> read_stream_checkpoint(const std::filesystem::path& path);

class ResultsStream {
 public:
  ResultsStream(const std::filesystem::path& path, RunMetadata meta);  // a new file (replaces `path`)
  static ResultsStream resume(const std::filesystem::path& path, RunMetadata meta, const std::string& key);
  ResultsStream(ResultsStream&&) noexcept;
  ResultsStream& operator=(ResultsStream&&) noexcept;
  ~ResultsStream();

  std::int64_t replicates() const;  // rows appended so far (checkpointed ones included)
  void append(const RunResult& r);
  void checkpoint(const std::string& key);
  void finish();

  struct State;

 private:
  template <class F>
  void guarded(const char* what, F f);
  explicit ResultsStream(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};
// The bytes of the file write_results_h5 would write, made in memory (for the Python module).
std::vector<unsigned char> results_h5_image(const RunMetadata& meta, const std::vector<RunResult>& runs);

}  // namespace adoptsim
