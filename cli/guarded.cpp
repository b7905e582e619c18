#include <cstdio>
#include <exception>
#include <new>

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
  } catch (const std::bad_alloc&) {
    // Also from a worker thread: the ensemble and the pool rethrow a worker's failure here, after
    // every thread has stopped; files are written only after simulating, so none is half-written.
    std::fprintf(stderr, "adoptsim: error: out of memory while running; no file is left half-written. The estimate before starting "
                         "(adoptsim validate prints it) was within the limit: lower --memory-limit or ADOPTSIM_MEMORY_LIMIT, "
                         "or use fewer replicates or threads\n");
    return kExitFailure;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "adoptsim: error: %s\n", e.what());
    return kExitFailure;
  }
}

}  // namespace adoptsim::cli
