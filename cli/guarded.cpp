#include <cstdio>
#include <exception>

#include "commands.hpp"
#include "scenario_loader.hpp"

namespace adoptsim::cli {

int guarded(const std::function<int()>& body) {
  try {
    return body();
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.str().c_str());
    const auto n = e.diagnostics().size();
    std::fprintf(stderr, "adoptsim: %zu problem%s in %s; nothing was run or written\n", n, n == 1 ? "" : "s",
                 e.diagnostics().empty() ? "the scenario" : e.diagnostics().front().file.c_str());
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "adoptsim: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "adoptsim: error: %s\n", e.what());
    return kExitFailure;
  }
}

}  // namespace adoptsim::cli
