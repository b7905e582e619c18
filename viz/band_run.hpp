// The background ensemble: replicates of the current settings in worker threads, in chunks, so
// the 90 % band behind the live run fills in as they finish. A restart cancels the running one.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "ensemble.hpp"
#include "headline.hpp"
#include "scenario.hpp"
#include "summary.hpp"

namespace adoptsim::viz {

struct BandSnapshot {
  int done = 0, total = 0;
  std::uint64_t seed = 0;
  std::shared_ptr<const Scenario> scenario;  // what was run
  Band applying;    // share of the method's users applying, per week
  Band goal_share;  // share of the goal group applying, per week
  EnsembleFigures figures;                     // at the deadline (viz/headline.hpp)
  std::shared_ptr<const std::vector<RunResult>> runs;  // replicates 0..done-1, slim (for paired differences)
};

class BandRun {
 public:
  BandRun() = default;
  ~BandRun();
  BandRun(const BandRun&) = delete;
  BandRun& operator=(const BandRun&) = delete;

  // Cancels what runs and starts `count` replicates of `s` (0: none) on `threads` threads.
  void restart(const Scenario& s, std::uint64_t seed, int count, int threads);
  void stop();
  // Blocks until the current ensemble has finished (screenshot and bench modes).
  void wait();
  std::shared_ptr<const BandSnapshot> snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const BandSnapshot> snapshot_;
  std::unique_ptr<EnsembleProgress> progress_;
  std::thread thread_;
};

}  // namespace adoptsim::viz
