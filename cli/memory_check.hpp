// The memory check before a command simulates (issue 13, item 3; io/memory_estimate.hpp):
// the estimate against --memory-limit, ADOPTSIM_MEMORY_LIMIT or what the machine has.
#pragma once
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "memory_estimate.hpp"
#include "scenario.hpp"

namespace adoptsim::cli {

// Adds --memory-limit SIZE to a subcommand.
void add_memory_limit_option(CLI::App* sub, std::string& into);

// The need of `command`: `models` replicates of `s` simulated at once, the results of `results`
// replicates held. Throws std::invalid_argument (exit 2) with the estimate and the limit when it
// does not fit; returns the need otherwise.
MemoryNeed check_memory(const std::string& command, const Scenario& s, std::int64_t models, std::int64_t results,
                        const std::string& option);

}  // namespace adoptsim::cli
