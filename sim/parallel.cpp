#include "parallel.hpp"

#include <utility>

namespace adoptsim {

ThreadPool::ThreadPool(int threads) {
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadPool::parallel_for(int n, const std::function<void(int)>& body) {
  std::unique_lock lock(mutex_);
  body_ = &body;
  n_ = n;
  next_ = 0;
  ++generation_;
  wake_.notify_all();
  // The caller works too.
  while (next_ < n_) {
    int b = next_++;
    ++busy_;
    lock.unlock();
    run_block(body, b);
    lock.lock();
    --busy_;
  }
  done_.wait(lock, [this] { return busy_ == 0 && next_ >= n_; });
  body_ = nullptr;
  // A block that failed (e.g. out of memory) fails the whole call, on the caller's thread.
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void ThreadPool::run_block(const std::function<void(int)>& body, int b) {
  try {
    body(b);
  } catch (...) {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::current_exception();
    next_ = n_;  // hand out no more blocks
  }
}

void ThreadPool::work() {
  unsigned seen = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || (generation_ != seen && body_ && next_ < n_); });
    if (stop_) return;
    seen = generation_;
    while (body_ && next_ < n_) {
      int b = next_++;
      ++busy_;
      const auto* body = body_;
      lock.unlock();
      run_block(*body, b);
      lock.lock();
      --busy_;
    }
    if (busy_ == 0) done_.notify_all();
  }
}

}  // namespace adoptsim
