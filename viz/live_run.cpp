#include "live_run.hpp"

#include <chrono>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace adoptsim::viz {

LiveRun::LiveRun() { thread_ = std::thread([this] { worker(); }); }

LiveRun::~LiveRun() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void LiveRun::restart(const Scenario& s, std::uint64_t seed) {
  {
    std::lock_guard lock(mutex_);
    pending_ = std::make_shared<const Scenario>(s);
    seed_ = seed;
    steps_requested_ = 0;
    target_week_ = -1;
    ++generation_;
  }
  wake_.notify_all();
}

void LiveRun::play(bool on) {
  playing_ = on;
  wake_.notify_all();
}

void LiveRun::step_once() {
  {
    std::lock_guard lock(mutex_);
    ++steps_requested_;
  }
  wake_.notify_all();
}

void LiveRun::set_speed(double weeks_per_second) {
  std::lock_guard lock(mutex_);
  weeks_per_second_ = weeks_per_second;
}

void LiveRun::run_to(int week) {
  std::unique_lock lock(mutex_);
  target_week_ = week;
  wake_.notify_all();
  // The snapshot of the latest restart: between taking a restart and publishing its first week
  // the worker still shows the previous run's snapshot, which must not count.
  published_.wait(lock, [&] {
    return !pending_ && snapshot_ && snapshot_->generation == generation_ && (snapshot_->week >= week || snapshot_->done);
  });
  target_week_ = -1;
}

std::shared_ptr<const Snapshot> LiveRun::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

void LiveRun::publish(const Model& m, const std::shared_ptr<const Scenario>& s, const std::shared_ptr<const Structure>& st, std::uint64_t generation) {
  auto snap = std::make_shared<Snapshot>();
  snap->generation = generation;
  snap->week = m.week();
  snap->done = m.done();
  snap->scenario = s;
  snap->structure = st;
  snap->result = m.result();
  const Agents& a = m.agents();
  const auto n = static_cast<std::size_t>(a.size());
  snap->category.resize(n);
  snap->stage.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    snap->category[i] = static_cast<std::int8_t>(a.category[i]);
    snap->stage[i] = static_cast<std::int8_t>(a.stage[i]);
  }
  snap->need = a.need;
  snap->skill = a.skill;
  snap->resistance = a.resistance;
  snap->sessions = a.sessions;
  std::lock_guard lock(mutex_);
  snapshot_ = std::move(snap);
  published_.notify_all();
}

void LiveRun::worker() {
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 5);  // the interface comes first
  using clock = std::chrono::steady_clock;
  std::unique_ptr<Model> model;
  std::shared_ptr<const Scenario> scenario;
  std::shared_ptr<const Structure> structure;
  auto next_step = clock::now();
  std::uint64_t generation = 0;  // of the run being stepped
  for (;;) {
    bool do_step = false;
    {
      std::unique_lock lock(mutex_);
      for (;;) {
        if (quit_) return;
        if (pending_) break;
        if (model && !model->done()) {
          if (target_week_ >= 0 && model->week() < target_week_) { do_step = true; break; }
          if (steps_requested_ > 0) { --steps_requested_; do_step = true; break; }
          if (playing_) {
            if (weeks_per_second_ <= 0 || clock::now() >= next_step) { do_step = true; break; }
            wake_.wait_until(lock, next_step);
            continue;
          }
        }
        steps_requested_ = 0;
        wake_.wait(lock);
      }
      if (!do_step) {  // a restart
        scenario = std::move(pending_);
        pending_.reset();
        generation = generation_;
        const std::uint64_t seed = seed_;
        lock.unlock();
        model = std::make_unique<Model>(*scenario, seed, 0);
        model->keep_attendee_ids(true);
        structure = std::make_shared<const Structure>(model->structure());
        publish(*model, scenario, structure, generation);
        next_step = clock::now();
        continue;
      }
      if (weeks_per_second_ > 0) next_step = std::max(next_step, clock::now() - std::chrono::milliseconds(100)) +
                                             std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(1.0 / weeks_per_second_));
    }
    model->step();
    publish(*model, scenario, structure, generation);
  }
}

}  // namespace adoptsim::viz
