// A small fixed pool of worker threads that runs a function over the blocks 0..n-1.
// Which thread runs which block does not matter: blocks own their streams and their output.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace adoptsim {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);  // threads <= 1: everything runs on the caller
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }
  // Runs body(b) for b in [0, n), on the pool and the calling thread; returns when all are done.
  void parallel_for(int n, const std::function<void(int)>& body);

 private:
  void work();
  void run_block(const std::function<void(int)>& body, int b);  // keeps the first exception
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(int)>* body_ = nullptr;
  int n_ = 0, next_ = 0, busy_ = 0;
  unsigned generation_ = 0;
  bool stop_ = false;
  std::exception_ptr failure_;  // the first exception of the current parallel_for
};

// A batch of pure evaluations, shared out by the caller's choice (the command line: over MPI
// ranks and journaled, cli/scale_out.hpp JournaledMap). block(first, count, out) fills `width` values for each
// index of [first, first + count) on this process; a BatchMap returns the n * width values of
// [0, n) in index order on every process that calls it. Empty map: one call block(0, n).
using BatchBlock = std::function<void(std::int64_t first, std::int64_t count, double* out)>;
using BatchMap = std::function<std::vector<double>(std::int64_t n, int width, const BatchBlock& block)>;

inline std::vector<double> run_batch(const BatchMap& map, std::int64_t n, int width, const BatchBlock& block) {
  if (map) return map(n, width, block);
  std::vector<double> v(static_cast<std::size_t>(n * width));
  if (n > 0) block(0, n, v.data());
  return v;
}

// Runs body over [0, n) on the pool if there is one, else inline.
inline void for_blocks(ThreadPool* pool, int n, const std::function<void(int)>& body) {
  if (pool && pool->threads() > 1 && n > 1) {
    pool->parallel_for(n, body);
  } else {
    for (int b = 0; b < n; ++b) body(b);
  }
}

}  // namespace adoptsim
