// Writing a result file so that readers never see half of it: the writer fills a temporary file
// next to the target, which is renamed over the target only once the writer has finished. A run
// that fails (or is killed) leaves the previous file as it was.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace adoptsim {

// Calls `writer` with the path of a fresh temporary file in the target's directory (created if
// missing), flushes it to disk and renames it to `target`. If the writer throws, the temporary is
// removed and the exception propagates; the target is then untouched. Throws
// std::filesystem::filesystem_error / std::runtime_error when the file cannot be put in place.
void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& tmp)>& writer);

// Puts a file that was written completely elsewhere in the same directory (e.g. a streamed
// result) in place of `target` the same way: flushed to disk, then renamed.
void install_file(const std::filesystem::path& finished, const std::filesystem::path& target);
// A command's set of outputs (calibrate's .h5, .csv and .png), replaced together or not at all.
// While an OutputSet lives, write_atomically on its thread writes and syncs each temporary but
// defers the rename; commit() renames them all, one after the other, only once every file is
// complete. Destroyed without commit() (an error, an exception) it removes its temporaries: the
// previous set stays as it was. The guarantee: never a new file beside old ones because a
// later file failed; a kill during the renames themselves (microseconds, no writing) is the
// only window in which a mix can appear.
class OutputSet {
 public:
  OutputSet();
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;
  void commit();

  struct Pending {
    std::filesystem::path tmp, target;
  };

 private:
  std::vector<Pending> pending_;
  OutputSet* outer_;
  friend void write_atomically(const std::filesystem::path&, const std::function<void(const std::filesystem::path&)>&);
};

// Removes temporaries (`name.tmp-PID-N`) in `dir` left by processes that no longer run (killed
// during a write). Returns how many. write_atomically calls it once per folder and process.
int remove_stale_temporaries(const std::filesystem::path& dir);
// The same, once per folder and process: for writers that do not go through write_atomically
// (the streamed results file of run, io/results_h5.hpp).
void remove_stale_temporaries_once(const std::filesystem::path& dir);

// Writes `size` bytes to the file `path` (created or truncated), checking every write and the
// close: a full disk or a quota is an error naming the file and the reason (errno).
void write_bytes(const std::filesystem::path& path, const char* data, std::size_t size);

// Writes `text` to `target` the same way (for CSV and other text files).
void write_text_atomically(const std::filesystem::path& target, const std::string& text);

}  // namespace adoptsim
