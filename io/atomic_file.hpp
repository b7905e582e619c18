// Writing a result file so that readers never see half of it: the writer fills a temporary file
// next to the target, which is renamed over the target only once the writer has finished. A run
// that fails (or is killed) leaves the previous file as it was.
#pragma once
#include <filesystem>
#include <functional>
#include <string>

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

// Writes `text` to `target` the same way (for CSV and other text files).
void write_text_atomically(const std::filesystem::path& target, const std::string& text);

}  // namespace adoptsim
