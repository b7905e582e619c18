#include "terminal.hpp"

#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <fmt/format.h>
#include <thread>
#include <unistd.h>

namespace adoptsim::cli {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

// Seconds between progress lines in a log: ADOPTSIM_PROGRESS_SECONDS, default 10.
int log_seconds() {
  const char* v = std::getenv("ADOPTSIM_PROGRESS_SECONDS");
  const int s = v ? std::atoi(v) : 10;
  return s > 0 ? s : 10;
}

void with_progress(bool show, const std::string& label, std::int64_t total, const std::function<std::int64_t()>& done,
                   const std::function<void()>& work) {
  if (total <= 0) show = false;
  with_progress(show, [&] { return label; }, [total] { return total; }, done, work);
}

void with_progress(bool show, const std::function<std::string()>& label_of, const std::function<std::int64_t()>& total_of,
                   const std::function<std::int64_t()>& done, const std::function<void()>& work) {
  if (!show) {
    work();
    return;
  }
  const bool terminal = stderr_is_terminal();
  std::atomic<bool> finished{false};
  std::exception_ptr failure;
  std::thread worker([&] {
    try {
      work();
    } catch (...) {
      failure = std::current_exception();
    }
    finished = true;
  });
  const auto start = std::chrono::steady_clock::now();
  std::size_t drawn = 0;  // width of the last line, to clear what a longer one left behind
  std::string step;       // the label of the step under way; a new label starts a new estimate
  auto step_start = start;
  auto draw = [&](bool last) {
    const std::int64_t total = std::max<std::int64_t>(1, total_of());
    const std::string label = label_of();
    const auto now = std::chrono::steady_clock::now();
    if (label != step) step = label, step_start = now;
    const std::int64_t d = last ? total : std::min(done(), total);
    const double frac = static_cast<double>(d) / static_cast<double>(total);
    const double elapsed = std::chrono::duration<double>(now - start).count();
    const double in_step = std::chrono::duration<double>(now - step_start).count();
    const int bar_width = 30, filled = static_cast<int>(frac * bar_width);
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < bar_width) bar += '>' + std::string(static_cast<std::size_t>(bar_width - filled - 1), ' ');
    std::string eta = frac > 0.02 && !last ? ", about " + seconds(in_step / frac - in_step) + " left" : "";
    std::string line = fmt::format("{} [{}] {:3.0f}%  {}{}", label, bar, frac * 100, seconds(elapsed), eta);
    const std::size_t width = line.size();
    if (width < drawn) line += std::string(drawn - width, ' ');
    drawn = width;
    std::fprintf(stderr, "\r%s", line.c_str());
    std::fflush(stderr);
  };
  // Not a terminal (a log file, CI, mpirun): a plain line every few seconds, and one at the end.
  auto log_line = [&](bool last) {
    const std::int64_t total = std::max<std::int64_t>(1, total_of());
    const std::int64_t d = std::min(done(), total);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rate = elapsed > 0 ? static_cast<double>(d) / elapsed : 0;
    const std::string left = !last && rate > 0 && d < total ? ", about " + seconds(static_cast<double>(total - d) / rate) + " left" : "";
    std::fprintf(stderr, "%s: %lld/%lld (%.0f%%), %s, %.3g per s%s\n", label_of().c_str(), static_cast<long long>(d),
                 static_cast<long long>(total), 100.0 * static_cast<double>(d) / static_cast<double>(total), seconds(elapsed).c_str(), rate,
                 left.c_str());
    std::fflush(stderr);
  };
  const auto every = std::chrono::seconds(log_seconds());
  auto next_line = start + every;
  while (!finished) {
    if (terminal) {
      draw(false);
    } else if (std::chrono::steady_clock::now() >= next_line) {
      log_line(false);
      next_line += every;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  worker.join();
  if (terminal) {
    if (!failure) draw(true);
    std::fprintf(stderr, "\n");
  } else if (!failure) {
    log_line(true);
  }
  if (failure) std::rethrow_exception(failure);
}

std::string money(double amount) {
  if (!std::isfinite(amount)) return amount > 0 ? "inf" : "n/a";
  const bool negative = amount < 0;
  auto whole = static_cast<long long>(std::llround(std::fabs(amount)));
  std::string digits = std::to_string(whole), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string percent(double share, int decimals) {
  if (!std::isfinite(share)) return "n/a";
  return fmt::format("{:.{}f}%", share * 100, decimals);
}

std::string fixed(double x, int decimals) {
  if (!std::isfinite(x)) return "n/a";
  return fmt::format("{:.{}f}", x, decimals);
}

std::string seconds(double s) {
  if (s < 60) return fmt::format("{:.1f} s", s);
  const int m = static_cast<int>(s / 60);
  return fmt::format("{} min {:02d} s", m, static_cast<int>(s - 60 * m));
}

std::string Table::str(const std::string& indent) const {
  std::vector<std::size_t> width(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& r) {
    for (std::size_t c = 0; c < r.size() && c < width.size(); ++c) width[c] = std::max(width[c], r[c].size());
  };
  measure(header_);
  for (const auto& r : rows_) measure(r);
  auto line = [&](const std::vector<std::string>& r) {
    std::string s = indent;
    for (std::size_t c = 0; c < width.size(); ++c) {
      const std::string cell = c < r.size() ? r[c] : "";
      const std::string pad(width[c] - cell.size(), ' ');
      s += c == 0 ? cell + pad : "  " + pad + cell;
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s + "\n";
  };
  std::string out = line(header_);
  for (const auto& r : rows_) out += line(r);
  return out;
}

}  // namespace adoptsim::cli
