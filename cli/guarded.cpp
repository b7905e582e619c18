#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>

#include "cluster.hpp"
#include "commands.hpp"
#include "scale_out.hpp"
#include "scenario_loader.hpp"

namespace adoptsim::cli {

namespace {

std::string signal_name(int sig) {
  if (sig == SIGINT) return "SIGINT";
  if (sig == SIGTERM) return "SIGTERM";
  return "signal " + std::to_string(sig);
}

}  // namespace

// Messages come from rank 0 only: the other ranks see the same input errors, and report their own
// failures to rank 0 through the farm. A failure only another rank sees ends the whole job.
int guarded(const std::function<int()>& body) {
  const bool root = cluster::is_root();
  try {
    return body();
  } catch (const cluster::Quiet& e) {
    return e.exit_code;
  } catch (const cluster::Interrupted& e) {
    const int sig = cluster::stop_signal() ? cluster::stop_signal() : SIGINT;
    if (root) {
      const std::string mpi = cluster::ranks() > 1 ? "mpirun -np " + std::to_string(cluster::ranks()) + " " : "";
      std::fprintf(stderr, "adoptsim: stopped by %s %s; the checkpoint is kept; continue with: %s%s\n", signal_name(sig).c_str(), e.what(),
                   mpi.c_str(), resume_command().c_str());
    }
    return 128 + sig;
  } catch (const ScenarioError& e) {
    if (!root) return kExitBadInput;
    for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.str().c_str());
    const auto n = e.diagnostics().size();
    std::fprintf(stderr, "adoptsim: %zu problem%s in %s; nothing was run or written\n", n, n == 1 ? "" : "s",
                 e.diagnostics().empty() ? "the scenario" : e.diagnostics().front().file.c_str());
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    if (!root) return kExitBadInput;
    std::fprintf(stderr, "adoptsim: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    // Also from a worker thread: the ensemble and the pool rethrow a worker's failure here, after
    // every thread has stopped. Result files are put in place whole (io/atomic_file.hpp), so none
    // is half-written; what a run streamed so far stays in its checkpoint.
    if (!root) {
      std::fprintf(stderr, "adoptsim: rank %d: error: out of memory; stopping every rank\n", cluster::rank());
      cluster::abort_job(kExitFailure);
    }
    std::fprintf(stderr, "adoptsim: error: out of memory while running; no result file is left half-written (a run's checkpoint "
                         "continues with --resume). The estimate before starting (adoptsim validate prints it) was within the "
                         "limit: lower --memory-limit or ADOPTSIM_MEMORY_LIMIT, or use fewer replicates or threads\n");
    return kExitFailure;
  } catch (const std::exception& e) {
    if (!root) {
      std::fprintf(stderr, "adoptsim: rank %d: error: %s; stopping every rank\n", cluster::rank(), e.what());
      cluster::abort_job(kExitFailure);
    }
    std::fprintf(stderr, "adoptsim: error: %s\n", e.what());
    return kExitFailure;
  }
}

}  // namespace adoptsim::cli
