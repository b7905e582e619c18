// adoptsim validate FILE...: check scenario files without running them.
#include <cstdio>

#include "commands.hpp"
#include "organisation.hpp"
#include "scenario_loader.hpp"

namespace adoptsim::cli {

Command add_validate(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* sub = app.add_subcommand("validate", "Check scenario files; report every problem with file, line, column and key");
  sub->add_option("files", *files, "Scenario files (TOML)")->required();
  return [files] {
    int worst = kExitOk;
    for (const auto& f : *files) {
      const int code = guarded([&] {
        const LoadedScenario l = load_scenario(f);
        const Structure st = build_structure(l.scenario);
        std::printf("%s: ok (%s: %d people in %d teams, %zu interventions, %d weeks)\n", f.c_str(), l.scenario.name.c_str(),
                    st.people, st.teams(), l.scenario.programme.size(), l.scenario.weeks);
        return kExitOk;
      });
      worst = std::max(worst, code);
    }
    return worst;
  };
}

}  // namespace adoptsim::cli
