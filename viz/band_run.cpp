#include "band_run.hpp"

#include <algorithm>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace adoptsim::viz {

BandRun::~BandRun() { stop(); }

void BandRun::stop() {
  if (progress_) progress_->cancel = true;
  if (thread_.joinable()) thread_.join();
}

void BandRun::wait() {
  if (thread_.joinable()) thread_.join();
}

void BandRun::restart(const Scenario& s, std::uint64_t seed, int count, int threads) {
  stop();
  {
    std::lock_guard lock(mutex_);
    snapshot_.reset();
  }
  if (count <= 0) return;
  progress_ = std::make_unique<EnsembleProgress>();
  EnsembleProgress* progress = progress_.get();
  threads = std::max(1, threads);
  thread_ = std::thread([this, s, seed, count, threads, progress] {
    // Background work: lower priority (inherited by the ensemble's threads), so the interface
    // thread keeps its frame rate on a machine with few cores.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 19);
    std::vector<RunResult> slim;  // only what the band needs: the weekly applying share
    const int chunk = std::max(threads, 4);
    for (int first = 0; first < count && !progress->cancel; first += chunk) {
      const int n = std::min(chunk, count - first);
      auto runs = run_ensemble(s, seed, n, threads, progress, first);
      if (progress->cancel) return;
      for (auto& r : runs) {
        RunResult k;
        k.weeks = r.weeks;
        k.applying = std::move(r.applying);
        slim.push_back(std::move(k));
      }
      auto snap = std::make_shared<BandSnapshot>();
      snap->done = static_cast<int>(slim.size());
      snap->total = count;
      snap->applying = band_of(slim, &RunResult::applying);
      std::lock_guard lock(mutex_);
      snapshot_ = std::move(snap);
    }
  });
}

std::shared_ptr<const BandSnapshot> BandRun::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

}  // namespace adoptsim::viz
