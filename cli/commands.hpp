// The subcommands of `adoptsim`. Each returns the process exit code:
// 0 success, 1 failure while running, 2 bad input (arguments or scenario file).
#pragma once
#include <CLI/CLI.hpp>
#include <functional>

namespace adoptsim::cli {

inline constexpr int kExitOk = 0, kExitFailure = 1, kExitBadInput = 2;

// Registers a subcommand; the returned function runs it (after parsing) and gives the exit code.
using Command = std::function<int()>;
Command add_run(CLI::App& app);
Command add_validate(CLI::App& app);
Command add_params(CLI::App& app);
Command add_bench(CLI::App& app);
Command add_compare(CLI::App& app);
Command add_optimise(CLI::App& app);
Command add_groups(CLI::App& app);
Command add_calibrate(CLI::App& app);
Command add_sensitivity(CLI::App& app);
Command add_observe(CLI::App& app);
Command add_sweep(CLI::App& app);

// Runs `body`, turning scenario errors and other exceptions into messages and exit codes.
int guarded(const std::function<int()>& body);

}  // namespace adoptsim::cli
