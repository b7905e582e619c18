// adoptsim: the command line.
#include <CLI/CLI.hpp>
#include <map>

#include "adoptsim_version.hpp"
#include "commands.hpp"
#include "option_values.hpp"

int main(int argc, char** argv) {
  using namespace adoptsim::cli;
  CLI::App app{"adoptsim " ADOPTSIM_VERSION ": agent-based simulation of adopting a working method during an implementation programme"};
  app.set_version_flag("--version", ADOPTSIM_VERSION);
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, Command>> commands;
  auto add = [&](Command (*adder)(CLI::App&)) {
    const auto before = app.get_subcommands({}).size();
    Command c = adder(app);
    commands.emplace_back(app.get_subcommands({})[before], std::move(c));
  };
  add(add_run);
  add(add_compare);
  add(add_optimise);
  add(add_groups);
  add(add_validate);
  add(add_params);
  add(add_bench);
  add(add_calibrate);
  add(add_sensitivity);
  add(add_observe);
  add(add_sweep);
  one_value_per_occurrence(app);  // a repeatable option before the scenario does not swallow it
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  for (auto& [sub, command] : commands)
    if (sub->parsed()) return guarded(command);
  return kExitBadInput;
}
