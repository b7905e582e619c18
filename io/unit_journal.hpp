// A checkpoint for commands whose units of work end up in memory (compare, ...): each finished
// unit's result bytes are appended to a journal file beside the output, in unit order, and flushed.
// A stopped command reads the journal back and continues after its last complete record; a record
// cut short by a crash is dropped. The first line holds a key naming the command and its inputs, so
// a journal is only continued by the command that wrote it.
#pragma once
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace adoptsim {

class UnitJournal {
 public:
  // A new journal at `path` (replacing one there).
  UnitJournal(const std::filesystem::path& path, const std::string& key);
  // An existing journal: its complete records, in order (units 0, 1, ...). Throws
  // std::invalid_argument when there is none or its key differs, naming the file.
  static UnitJournal resume(const std::filesystem::path& path, const std::string& key, std::vector<std::string>& records);
  UnitJournal(UnitJournal&& other) noexcept;
  UnitJournal& operator=(UnitJournal&&) = delete;
  ~UnitJournal();

  void append(const std::string& record);  // the next unit's result, flushed to the file
  void remove();                           // the command finished: the journal is no longer needed

 private:
  UnitJournal() = default;
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
};

}  // namespace adoptsim
