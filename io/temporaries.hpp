// The temporary files a process is writing right now (io/atomic_file.cpp registers them), so that
// a signal that ends the process at once can remove them first. Fixed-size storage: removing them
// is async-signal-safe (unlink only).
#pragma once
#include <filesystem>

namespace adoptsim {

// Returns a slot number for unregister_temporary, or -1 when all slots are taken (then the file is
// simply not removed on a signal).
int register_temporary(const std::filesystem::path& tmp);
void unregister_temporary(int slot);
// From a signal handler: unlinks every registered temporary.
void remove_temporaries_now() noexcept;

}  // namespace adoptsim
