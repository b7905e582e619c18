#include "temporaries.hpp"

#include <unistd.h>

#include <atomic>
#include <cstring>

namespace adoptsim {

namespace {

constexpr int kSlots = 64;
constexpr std::size_t kPathMax = 4096;
char g_paths[kSlots][kPathMax];
std::atomic<bool> g_used[kSlots];

}  // namespace

int register_temporary(const std::filesystem::path& tmp) {
  const std::string s = tmp.string();
  if (s.size() >= kPathMax) return -1;
  for (int i = 0; i < kSlots; ++i) {
    bool expected = false;
    if (g_used[i].load() || !g_used[i].compare_exchange_strong(expected, true)) continue;
    std::memcpy(g_paths[i], s.c_str(), s.size() + 1);
    return i;
  }
  return -1;
}

void unregister_temporary(int slot) {
  if (slot >= 0 && slot < kSlots) g_used[slot].store(false);
}

void remove_temporaries_now() noexcept {
  for (int i = 0; i < kSlots; ++i)
    if (g_used[i].load()) ::unlink(g_paths[i]);
}

}  // namespace adoptsim
