// adoptsim validate FILE...: check scenario files without running them.
#include <cstdio>

#include "commands.hpp"
#include "ensemble.hpp"
#include "memory_check.hpp"
#include "model.hpp"
#include "organisation.hpp"
#include "plausibility.hpp"
#include "preconditions.hpp"
#include "scenario_loader.hpp"

namespace adoptsim::cli {

Command add_validate(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto memory_option = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("validate", "Check scenario files; report every problem with file, line, column and key");
  sub->add_option("files", *files, "Scenario files (TOML)")->required();
  add_memory_limit_option(sub, *memory_option);
  return [files, memory_option] {
    int worst = kExitOk;
    for (const auto& f : *files) {
      const int code = guarded([&] {
        const LoadedScenario l = load_scenario(f);
        // The memory `run` would need with the scenario's replicates on all threads (io/memory_estimate.hpp).
        const int threads = hardware_threads();
        const MemoryNeed one{"one replicate", replicate_footprint(l.scenario), 1, 1};
        // As cli/cmd_run.cpp counts it: a unit of replicates in flight (streamed into the file).
        const MemoryNeed run{"run", one.replicate, std::min(threads, l.scenario.replicates), 2 * std::int64_t{threads}};
        const MemoryLimit limit = memory_limit(*memory_option);
        const Structure st = build_structure(l.scenario);
        // Warnings (not errors: exit 0) for set-ups that are probably not meant, seen on one replicate.
        std::vector<PlausibilityWarning> warnings;
        const bool one_fits = limit.bytes <= 0 || one.bytes() <= limit.bytes;
        if (l.scenario.kind == ModelKind::full && !l.scenario.programme.empty() && one_fits)
          warnings = plausibility_warnings(l.scenario, run_replicate(l.scenario, l.scenario.seed, 0));
        std::printf("%s: ok (%s: %d people in %d teams, %zu interventions, %d weeks)%s\n", f.c_str(), l.scenario.name.c_str(), st.people,
                    st.teams(), l.scenario.programme.size(), l.scenario.weeks,
                    warnings.empty() ? "" : (", " + std::to_string(warnings.size()) + " warning(s)").c_str());
        for (const auto& w : warnings) std::printf("%s: warning: %s: %s\n", f.c_str(), w.key.c_str(), w.message.c_str());
        std::printf("  memory: run with %d replicates on %d threads needs %s; limit %s (%s)\n", l.scenario.replicates, threads,
                    run.explain().c_str(), limit.bytes > 0 ? memory_size(limit.bytes).c_str() : "none", limit.source.c_str());
        if (limit.bytes > 0 && run.bytes() > limit.bytes)
          std::printf("%s: warning: memory: run would refuse this with the scenario's replicates%s\n", f.c_str(),
                      one_fits ? " (fewer replicates or threads fit)" : "; not even one replicate fits, so the plausibility checks were skipped");
        const Scenario& sc = l.scenario;
        if (!sc.phases.empty() || !sc.rules.empty())
          std::printf("  %zu phases, %zu rules (docs/ODD.md \"Phases, pilots and responsive rules\")\n", sc.phases.size(), sc.rules.size());
        // Preconditions and barriers: the rows of the one mapping table that this file moves.
        std::vector<ConditionEffect> effects;
        apply_conditions(sc.parameters, sc.conditions, &effects);
        if (effects.empty()) {
          std::printf("  preconditions and barriers: all secured / none rated; no parameter changed\n");
        } else {
          std::printf("  preconditions and barriers mapped onto parameters (docs/ODD.md \"Preconditions and barriers\"):\n");
          for (const auto& e : effects)
            std::printf("    %-46s %-36s %g -> %g  (x%.3g; %s)\n", e.input.c_str(),
                        (std::string(info(e.param).name) + (e.row->rows > 1 ? " (+4 categories)" : "")).c_str(), e.before, e.after,
                        e.before != 0 ? e.after / e.before : 1.0, std::string(e.row->why).c_str());
        }
        return kExitOk;
      });
      worst = std::max(worst, code);
    }
    return worst;
  };
}

}  // namespace adoptsim::cli
