// adoptsim: the command line.
#include <H5public.h>
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "adoptsim_version.hpp"
#include "cluster.hpp"
#include "commands.hpp"
#include "option_values.hpp"
#include "scale_out.hpp"
#include "temporaries.hpp"

int main(int argc, char** argv) {
  // HDF5 must not close files itself at exit: one whose write failed (a full disk) would crash it
  // there (see ResultsStream in io/results_h5.cpp); every file that is fine is closed by its owner.
  H5dont_atexit();
  using namespace adoptsim::cli;
  namespace cluster = adoptsim::cluster;
  cluster::Session mpi(argc, argv);
  set_command_line(argc, argv);
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
  one_value_per_occurrence(app);  // a repeatable option before the scenario does not swallow it
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (!cluster::is_root()) return e.get_exit_code() == 0 ? kExitOk : kExitBadInput;
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  // The commands that share their work over MPI ranks; the others run on rank 0 alone.
  // They also keep checkpoints: a signal stops them cleanly. The others stop at once (their
  // outputs are written only at the end; a temporary file being written is removed).
  static const std::set<std::string> distributed{"run", "compare"};
  for (auto& [sub, command] : commands)
    if (sub->parsed()) {
      cluster::install_stop_handlers(distributed.count(sub->get_name()) > 0, adoptsim::remove_temporaries_now);
      if (cluster::ranks() > 1 && !distributed.count(sub->get_name())) {
        if (!cluster::is_root()) return kExitOk;
        std::fprintf(stderr, "adoptsim: note: %s does not share its work over MPI ranks; rank 0 runs it alone\n", sub->get_name().c_str());
      }
      return guarded(command);
    }
  return kExitBadInput;
}
