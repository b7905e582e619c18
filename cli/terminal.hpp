// Terminal presentation: a progress bar on stderr, number formatting, simple aligned tables.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace adoptsim::cli {

bool stderr_is_terminal();
int log_seconds();  // between progress lines when stderr is not a terminal

// While `work` runs on another thread: on a terminal a progress bar on stderr; otherwise (a log
// file, CI, mpirun) a line every log_seconds() with done/total, rate and time left, and one at the
// end. Nothing when `show` is false (--quiet, ranks other than 0).
// `done()` and `total` are in the same unit (replicate-weeks, simulations…).
void with_progress(bool show, const std::string& label, std::int64_t total, const std::function<std::int64_t()>& done,
                   const std::function<void()>& work);
// The same for work done in steps of unknown size: the label and the total are asked for anew at
// every redraw (e.g. "stage 3: 412 programmes", the simulations of that stage).
void with_progress(bool show, const std::function<std::string()>& label, const std::function<std::int64_t()>& total,
                   const std::function<std::int64_t()>& done, const std::function<void()>& work);

std::string money(double amount);            // 512,300
std::string percent(double share, int decimals = 1);  // 71.3%
std::string fixed(double x, int decimals = 2);
std::string seconds(double s);               // 3.2 s, 2 min 05 s

// A table with a header row; columns right-aligned except the first.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  std::string str(const std::string& indent = "  ") const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace adoptsim::cli
