// Option values of the decision commands that are more than a number: a goal as SHARE@WEEK and a
// knob's grid as NAME=V1,V2,... Bad values throw std::invalid_argument (exit code 2).
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "scenario.hpp"

namespace adoptsim::cli {

// "0.65@52" or "65%@52": the share of the goal group applying by the week. The goal's roles stay.
void parse_goal(const std::string& text, Goal& goal, int horizon);

// "intervision_every=0,4,8": the knob's name and its values.
std::pair<std::string, std::vector<int>> parse_knob_values(const std::string& text);

// `--set NAME=VALUE` (repeatable) on `sub`, collected into `set`: one option, one help text, for
// run, compare, sensitivity, optimise and sweep. The values go to load_scenario(path, set)
// (io/scenario_loader.hpp), which validates them like the file and names the option in messages.
CLI::Option* add_set_option(CLI::App* sub, std::vector<std::string>& set);

// Every repeatable option of `app` and its subcommands (--param, --knob, --set, ...) takes one
// value per occurrence: `--knob a=1,2 scenario.toml` leaves the scenario to the positional
// argument instead of swallowing it. Repeat the option for more values. Call after all options
// are registered.
void one_value_per_occurrence(CLI::App& app);

}  // namespace adoptsim::cli
