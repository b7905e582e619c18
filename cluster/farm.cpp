#include "farm.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "cluster.hpp"

#ifdef ADOPTSIM_WITH_MPI
#include <mpi.h>
#endif

namespace adoptsim::cluster {

namespace {

// Tests of stopping and continuing: ADOPTSIM_TEST_SIGINT_AFTER=N makes rank 0 send itself SIGINT
// once it has delivered N units, through the real handler, at a point that does not depend on timing.
void maybe_signal_self(std::int64_t delivered_here) {
  static const std::int64_t after = [] {
    const char* v = std::getenv("ADOPTSIM_TEST_SIGINT_AFTER");
    return v ? std::atoll(v) : -1;
  }();
  if (after >= 0 && delivered_here == after) std::raise(SIGINT);
}

std::int64_t farm_alone(std::int64_t first, std::int64_t end, const Compute& compute, const Deliver& deliver, const FarmOptions& o) {
  std::int64_t u = first;
  for (; u < end && !stop_requested(); ++u) {
    std::optional<Bytes> r = compute(u);
    if (!r) break;
    deliver(u, std::move(*r));
    if (o.delivered) o.delivered->fetch_add(1);
    maybe_signal_self(u - first + 1);
  }
  return u;
}

#ifdef ADOPTSIM_WITH_MPI

enum Tag : int { kWork = 1, kResult = 2, kCancelled = 3, kFailed = 4, kDone = 5 };

// A result message: the unit number, then the bytes (the result, or the error text).
Bytes message(std::int64_t unit, const Bytes& body) {
  Bytes m(sizeof unit, '\0');
  std::memcpy(m.data(), &unit, sizeof unit);
  return m + body;
}

// Rank 0's own share of the work, on a second thread so the first keeps answering the others.
class LocalWorker {
 public:
  explicit LocalWorker(const Compute& compute) : compute_(compute), thread_([this] { loop(); }) {}
  ~LocalWorker() {
    {
      std::lock_guard l(m_);
      quit_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  void give(std::int64_t unit) {
    {
      std::lock_guard l(m_);
      task_ = unit;
    }
    cv_.notify_all();
  }
  struct Outcome {
    std::int64_t unit;
    std::optional<Bytes> result;
    std::string error;
    bool failed = false;
  };
  std::optional<Outcome> take() {
    std::lock_guard l(m_);
    std::optional<Outcome> o = std::move(outcome_);
    outcome_.reset();
    return o;
  }

 private:
  void loop() {
    for (;;) {
      std::int64_t unit;
      {
        std::unique_lock l(m_);
        cv_.wait(l, [&] { return quit_ || task_; });
        if (quit_) return;
        unit = *task_;
        task_.reset();
      }
      Outcome o{unit, std::nullopt, {}, false};
      try {
        o.result = compute_(unit);
      } catch (const std::exception& e) {
        o.failed = true, o.error = e.what();
      } catch (...) {
        o.failed = true, o.error = "unknown error";
      }
      std::lock_guard l(m_);
      outcome_ = std::move(o);
    }
  }
  const Compute& compute_;
  std::mutex m_;
  std::condition_variable cv_;
  std::optional<std::int64_t> task_;
  std::optional<Outcome> outcome_;
  bool quit_ = false;
  std::thread thread_;
};

std::int64_t farm_root(std::int64_t first, std::int64_t end, const Compute& compute, const Deliver& deliver, const FarmOptions& o) {
  const int n = ranks();
  const std::int64_t window = o.window > 0 ? o.window : 4 * static_cast<std::int64_t>(n);
  std::int64_t next = first, next_deliver = first, cut = end;
  std::map<std::int64_t, Bytes> ready;
  std::vector<int> idle;
  for (int r = n - 1; r >= 0; --r) idle.push_back(r);
  int in_flight = 0;
  bool stopping = false;
  std::string failure;
  std::exception_ptr delivery_failure;
  LocalWorker local(compute);
  Bytes buffer;
  std::int64_t bytes_received = 0, messages = 0;
  double deliver_seconds = 0;
  const auto started = std::chrono::steady_clock::now();

  auto received = [&](int source, int tag, std::int64_t unit, Bytes&& body) {
    --in_flight;
    idle.push_back(source);
    if (tag == kResult) {
      ready.emplace(unit, std::move(body));
    } else if (tag == kCancelled) {
      cut = std::min(cut, unit), stopping = true;
    } else if (failure.empty()) {
      failure = "rank " + std::to_string(source) + " failed on unit " + std::to_string(unit) + ": " + body;
      stopping = true;
    }
  };

  for (;;) {
    if (stop_requested()) stopping = true;
    while (!stopping && next < end && next < next_deliver + window && !idle.empty()) {
      const int r = idle.back();
      idle.pop_back();
      if (r == 0) {
        local.give(next);
      } else {
        MPI_Send(&next, 1, MPI_INT64_T, r, kWork, MPI_COMM_WORLD);
      }
      ++next, ++in_flight;
    }
    while (failure.empty() && !delivery_failure && next_deliver < cut && !ready.empty() && ready.begin()->first == next_deliver) {
      auto node = ready.extract(ready.begin());
      try {
        const auto t0 = std::chrono::steady_clock::now();
        deliver(next_deliver, std::move(node.mapped()));
        deliver_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      } catch (...) {
        delivery_failure = std::current_exception();
        stopping = true;
        break;
      }
      ++next_deliver;
      if (o.delivered) o.delivered->fetch_add(1);
      maybe_signal_self(next_deliver - first);
    }
    if (in_flight == 0 && (stopping || next >= end)) break;

    bool progressed = false;
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
    if (flag) {
      int count = 0;
      MPI_Get_count(&st, MPI_BYTE, &count);
      buffer.resize(static_cast<std::size_t>(count));
      MPI_Recv(buffer.data(), count, MPI_BYTE, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      std::int64_t unit = 0;
      std::memcpy(&unit, buffer.data(), sizeof unit);
      received(st.MPI_SOURCE, st.MPI_TAG, unit, buffer.substr(sizeof unit));
      bytes_received += count, ++messages;
      progressed = true;
    }
    if (auto out = local.take()) {
      received(0, out->failed ? kFailed : (out->result ? kResult : kCancelled), out->unit,
               out->failed ? std::move(out->error) : (out->result ? std::move(*out->result) : Bytes()));
      progressed = true;
    }
    if (!progressed) std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  if (std::getenv("ADOPTSIM_FARM_STATS"))
    std::fprintf(stderr,
                 "adoptsim: farm: %d ranks, %lld units delivered, %lld bytes received from other ranks in %lld messages, "
                 "%.3f s of %.3f s writing results on rank 0\n",
                 n, static_cast<long long>(next_deliver - first), static_cast<long long>(bytes_received), static_cast<long long>(messages),
                 deliver_seconds, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  // Every other rank is waiting for work: tell each where the farm ended (-1: it failed).
  const std::int64_t result = (failure.empty() && !delivery_failure) ? next_deliver : -1;
  for (int r = 1; r < n; ++r) MPI_Send(&result, 1, MPI_INT64_T, r, kDone, MPI_COMM_WORLD);
  if (delivery_failure) std::rethrow_exception(delivery_failure);
  if (!failure.empty()) throw std::runtime_error(failure);
  return next_deliver;
}

std::int64_t farm_worker(const Compute& compute) {
  for (;;) {
    std::int64_t unit = 0;
    MPI_Status st;
    MPI_Recv(&unit, 1, MPI_INT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    if (st.MPI_TAG == kDone) {
      if (unit < 0) throw Quiet(1);  // rank 0 reports the failure
      return unit;
    }
    int tag = kResult;
    Bytes body;
    try {
      std::optional<Bytes> r = compute(unit);
      if (r) body = std::move(*r);
      else tag = kCancelled;
    } catch (const std::exception& e) {
      tag = kFailed, body = e.what();
    } catch (...) {
      tag = kFailed, body = "unknown error";
    }
    const Bytes m = message(unit, body);
    MPI_Send(m.data(), static_cast<int>(m.size()), MPI_BYTE, 0, tag, MPI_COMM_WORLD);
  }
}

#endif

}  // namespace

std::int64_t farm(std::int64_t first, std::int64_t end, const Compute& compute, const Deliver& deliver, const FarmOptions& options) {
#ifdef ADOPTSIM_WITH_MPI
  if (ranks() > 1) return is_root() ? farm_root(first, end, compute, deliver, options) : farm_worker(compute);
#endif
  return farm_alone(first, end, compute, deliver, options);
}

}  // namespace adoptsim::cluster
