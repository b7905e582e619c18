// The live run: one replicate of the model stepped in a worker thread, which publishes an
// immutable snapshot after every week. The UI thread only reads snapshots; it never steps the
// model. Settings change → restart() with the new scenario (same seed).
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "model.hpp"
#include "scenario.hpp"

namespace adoptsim::viz {

// What the UI sees of the run after a week. Never changed once published.
struct Snapshot {
  int week = 0;
  bool done = false;
  std::uint64_t generation = 0;  // the restart it belongs to (LiveRun::generation())
  std::shared_ptr<const Scenario> scenario;
  std::shared_ptr<const Structure> structure;
  RunResult result;  // weekly rows valid for 0..week; occurrences so far, with attendee ids
  // Per person, now.
  std::vector<std::int8_t> category, stage;
  std::array<std::vector<float>, kNeeds> need;
  std::vector<float> skill, resistance;
  std::vector<std::uint16_t> sessions;
};

class LiveRun {
 public:
  LiveRun();
  ~LiveRun();
  LiveRun(const LiveRun&) = delete;
  LiveRun& operator=(const LiveRun&) = delete;

  // Starts over at week 0 with this scenario and seed (paused unless playing was on).
  void restart(const Scenario& s, std::uint64_t seed);

  void play(bool on);
  bool playing() const { return playing_; }
  void step_once();                        // one week, when paused
  void set_speed(double weeks_per_second); // <= 0: as fast as the model goes
  // Runs on (in the worker) until the snapshot reaches `week` or the horizon; blocks the caller.
  // For the screenshot and bench modes only, never from the interactive UI.
  void run_to(int week);

  std::shared_ptr<const Snapshot> snapshot() const;
  std::uint64_t generation() const { return generation_; }  // counts restarts

 private:
  void worker();
  void publish(const Model& m, const std::shared_ptr<const Scenario>& s, const std::shared_ptr<const Structure>& st, std::uint64_t generation);

  mutable std::mutex mutex_;
  std::condition_variable wake_, published_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::shared_ptr<const Scenario> pending_;  // a restart the worker has not taken up yet
  std::uint64_t seed_ = 1;
  std::atomic<bool> playing_{false};
  int steps_requested_ = 0;
  int target_week_ = -1;
  double weeks_per_second_ = 8;
  bool quit_ = false;
  std::atomic<std::uint64_t> generation_{0};
  std::thread thread_;
};

}  // namespace adoptsim::viz
