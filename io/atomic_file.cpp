#include "atomic_file.hpp"
#include "temporaries.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <mutex>
#include <set>
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

thread_local OutputSet* current_set = nullptr;

// Once per folder and process: the first write there clears what killed runs left.
void clean_once(const fs::path& dir) {
  static std::mutex mutex;
  static std::set<fs::path> cleaned;
  std::lock_guard lock(mutex);
  std::error_code ec;
  const fs::path key = fs::weakly_canonical(dir.empty() ? fs::path(".") : dir, ec);
  if (!cleaned.insert(ec ? dir : key).second) return;
  remove_stale_temporaries(dir.empty() ? fs::path(".") : dir);
}

}  // namespace

void remove_stale_temporaries_once(const fs::path& dir) { clean_once(dir); }

int remove_stale_temporaries(const fs::path& dir) {
  int removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const auto at = name.rfind(".tmp-");
    if (at == std::string::npos) continue;
    // name.tmp-PID-N with PID and N all digits
    const std::string rest = name.substr(at + 5);
    const auto dash = rest.find('-');
    if (dash == std::string::npos || dash == 0 || dash + 1 == rest.size()) continue;
    const std::string pid_text = rest.substr(0, dash), n_text = rest.substr(dash + 1);
    if (pid_text.find_first_not_of("0123456789") != std::string::npos || n_text.find_first_not_of("0123456789") != std::string::npos) continue;
    if (pid_text.size() > 9) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    // A running process (another run writing there now) keeps its temporaries; so do we.
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code rm;
    if (fs::is_regular_file(it->path(), rm) && fs::remove(it->path(), rm)) ++removed;
  }
  return removed;
}

OutputSet::OutputSet() : outer_(current_set) { current_set = this; }

OutputSet::~OutputSet() {
  current_set = outer_;
  std::error_code ignored;
  for (const auto& p : pending_) fs::remove(p.tmp, ignored);
}

void OutputSet::commit() {
  for (const auto& p : pending_) fs::rename(p.tmp, p.target);
  for (const auto& p : pending_) sync_directory(p.target.parent_path());
  pending_.clear();
}

void write_atomically(const fs::path& target, const std::function<void(const fs::path& tmp)>& writer) {
  const fs::path dir = target.parent_path();
  if (!dir.empty()) fs::create_directories(dir);
  clean_once(dir);
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
    if (current_set) {
      current_set->pending_.push_back({tmp, target});  // renamed with the rest of the set
      return;
    }
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

void write_bytes(const fs::path& path, const char* data, std::size_t size) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot create " + path.string());
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : ENOSPC;
      ::close(fd);
      throw std::system_error(err, std::generic_category(), "cannot write " + path.string());
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw std::system_error(errno, std::generic_category(), "cannot write " + path.string());
}

void write_text_atomically(const fs::path& target, const std::string& text) {
  write_atomically(target, [&](const fs::path& tmp) { write_bytes(tmp, text.data(), text.size()); });
}

}  // namespace adoptsim
