#include "ensemble.hpp"

#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

#include "model.hpp"
#include "parallel.hpp"

namespace adoptsim {

int hardware_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

namespace {

RunResult run_one(const Scenario& s, std::uint64_t seed, int replicate, ThreadPool* pool, EnsembleProgress* progress) {
  Model m(s, seed, replicate, pool);
  while (!m.done()) {
    if (progress && progress->cancel.load(std::memory_order_relaxed)) break;
    m.step();
    if (progress) progress->weeks_done.fetch_add(1, std::memory_order_relaxed);
  }
  if (progress) progress->replicates_done.fetch_add(1, std::memory_order_relaxed);
  return m.take_result();
}

}  // namespace

std::vector<RunResult> run_ensemble(const Scenario& scenario, std::uint64_t seed, int count, int threads,
                                    EnsembleProgress* progress, int first) {
  std::vector<RunResult> results(static_cast<std::size_t>(count));
  if (threads < 1) threads = hardware_threads();
  if (count >= threads || threads == 1) {
    std::atomic<int> next{0};
    // A replicate that fails (e.g. out of memory) stops the others and becomes one exception on
    // the calling thread, after every worker has been joined.
    std::mutex failed;
    std::exception_ptr failure;
    auto worker = [&] {
      try {
        for (int k; (k = next.fetch_add(1)) < count;)
          results[static_cast<std::size_t>(k)] = run_one(scenario, seed, first + k, nullptr, progress);
      } catch (...) {
        std::lock_guard lock(failed);
        if (!failure) failure = std::current_exception();
        next.store(count);
      }
    };
    std::vector<std::thread> pool;
    try {
      for (int t = 1; t < std::min(threads, count); ++t) pool.emplace_back(worker);
    } catch (const std::system_error&) {
      // No more threads to be had: the ones that started (and this one) do the work.
    }
    worker();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
  } else {
    ThreadPool pool(threads);
    for (int k = 0; k < count; ++k) results[static_cast<std::size_t>(k)] = run_one(scenario, seed, first + k, &pool, progress);
  }
  return results;
}

}  // namespace adoptsim
