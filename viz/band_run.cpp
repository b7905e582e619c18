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
  auto scenario = std::make_shared<const Scenario>(s);
  thread_ = std::thread([this, scenario, seed, count, threads, progress] {
    const Scenario& s = *scenario;
    // Background work: lower priority (inherited by the ensemble's threads), so the interface
    // thread keeps its frame rate on a machine with few cores.
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 19);
    std::vector<RunResult> slim;  // only what the band and the headline need (slim_run)
    const int chunk = std::max(threads, 4);
    for (int first = 0; first < count && !progress->cancel; first += chunk) {
      const int n = std::min(chunk, count - first);
      auto runs = run_ensemble(s, seed, n, threads, progress, first);
      if (progress->cancel) return;
      for (auto& r : runs) slim.push_back(slim_run(std::move(r)));
      auto snap = std::make_shared<BandSnapshot>();
      snap->done = static_cast<int>(slim.size());
      snap->total = count;
      snap->seed = seed;
      snap->scenario = scenario;
      snap->applying = band_of(slim, &RunResult::applying);
      snap->goal_share = band_of(slim, &RunResult::goal_share);
      snap->figures = ensemble_figures(s, slim);
      snap->runs = std::make_shared<const std::vector<RunResult>>(slim);
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
