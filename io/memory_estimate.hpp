// The memory a command needs, estimated from the scenario before anything is simulated, and the
// limit it is compared with (issue 13, item 3; scenarios/README.md "Memory"). The estimate counts
// what grows with the input: per person the agent state, the structure and the network, per
// replicate the weekly series and the final per-person records. It is an upper bound of the
// engine's own allocations within a factor of about 1.5 (tests/test_memory.cpp measures it).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "scenario.hpp"

namespace adoptsim {

// One replicate of a scenario.
struct ReplicateFootprint {
  std::int64_t people = 0, teams = 0, ties = 0;  // ties: expected undirected ties of the network
  std::int64_t model_bytes = 0;   // simulating it: agent state, structure, network (its peak while built)
  std::int64_t result_bytes = 0;  // its result: weekly series, occurrences, per-person records
  std::int64_t loaded_bytes = 0;  // once per command: the scenario as loaded and its structure
};

// Computed from the scenario's sizes alone: nothing of the size of the organisation is allocated.
ReplicateFootprint replicate_footprint(const Scenario& s);

// What a command holds at its peak: `models` replicates simulated at once (one per thread) and the
// results of `results` replicates kept until they are written or summarised.
struct MemoryNeed {
  std::string command;
  ReplicateFootprint replicate;
  std::int64_t models = 1, results = 1;
  std::int64_t bytes() const;
  // "about 3.1 GB: 1,000,000 people x 2 replicates at once x 1.2 kB (state and network) + 64 results x 21 MB"
  std::string explain() const;
};

// The memory a command may use, and where the figure comes from.
struct MemoryLimit {
  std::int64_t bytes = 0;  // 0: none (the check is off)
  std::string source;      // "--memory-limit", "ADOPTSIM_MEMORY_LIMIT", "cgroup memory.max", "MemAvailable in /proc/meminfo"
};

// The limit: the option when given (text as for parse_memory_size; "none" or "0" turns the check
// off), else the environment variable ADOPTSIM_MEMORY_LIMIT, else what the machine has: the
// available memory of /proc/meminfo, or less when the process's cgroup (v2 memory.max, v1
// memory.limit_in_bytes) leaves less. Throws std::invalid_argument for a size it cannot read.
MemoryLimit memory_limit(const std::string& option);

// "512M", "2G", "1.5GB", "64MiB", "1000000" (bytes): binary units (K = 1024). Throws
// std::invalid_argument naming the text; returns 0 for "none" and "0".
std::int64_t parse_memory_size(std::string_view text);

// "1.2 GB", "640 kB" (binary units, as parse_memory_size reads them).
std::string memory_size(std::int64_t bytes);

// Throws std::invalid_argument (exit 2 on the command line) with the estimate and the limit when
// the need does not fit.
void require_memory(const MemoryNeed& need, const MemoryLimit& limit);

}  // namespace adoptsim
