#include "atomic_file.hpp"
#include "temporaries.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>

namespace adoptsim {

namespace fs = std::filesystem;

namespace {

std::atomic<unsigned long> tmp_counter{0};

// The pid keeps processes apart, the counter the writes of one process (threads included).
fs::path temporary_for(const fs::path& target) {
  for (;;) {
    fs::path tmp = target;
    tmp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(tmp_counter.fetch_add(1));
    std::error_code ec;
    // An existing one is the leftover of a killed process that had our pid: leave it alone.
    if (!fs::exists(tmp, ec) && !ec) return tmp;
    if (ec) throw fs::filesystem_error("cannot create a temporary file", tmp, ec);
  }
}

// Without fsync a crash shortly after the rename can leave an empty target on some file systems.
void sync_file(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + p.string());
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw std::system_error(err, std::generic_category(), "fsync " + p.string());
}

// Makes the rename itself durable. Best effort: the file is already in place, and some file
// systems refuse fsync on directories.
void sync_directory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_atomically(const fs::path& target, const std::function<void(const fs::path& tmp)>& writer) {
  const fs::path dir = target.parent_path();
  if (!dir.empty()) fs::create_directories(dir);
  const fs::path tmp = temporary_for(target);
  // Removed by the signal handler if a signal ends the process while it is being written.
  struct Registered {
    int slot;
    ~Registered() { unregister_temporary(slot); }
  } registered{register_temporary(tmp)};
  try {
    writer(tmp);
    if (!fs::exists(tmp)) throw std::runtime_error("writing " + target.string() + ": the writer produced no file");
    sync_file(tmp);
    fs::rename(tmp, target);  // atomic on POSIX: readers see the old file or the new one
  } catch (...) {
    std::error_code ignored;  // the original error is the one worth reporting
    fs::remove(tmp, ignored);
    throw;
  }
  sync_directory(dir);
}

void install_file(const fs::path& finished, const fs::path& target) {
  sync_file(finished);
  fs::rename(finished, target);
  sync_directory(target.parent_path());
}

void write_text_atomically(const fs::path& target, const std::string& text) {
  write_atomically(target, [&](const fs::path& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + target.string());  // e.g. a full disk
  });
}

}  // namespace adoptsim
