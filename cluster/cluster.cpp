#include "cluster.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#ifdef ADOPTSIM_WITH_MPI
#include <mpi.h>
#endif

namespace adoptsim::cluster {

namespace {

int g_rank = 0, g_ranks = 1, g_node_ranks = 1;
volatile std::sig_atomic_t g_signal = 0;
std::atomic<bool> g_stop{false};
std::atomic<std::atomic<bool>*> g_cancel{nullptr};

#ifdef ADOPTSIM_WITH_MPI
bool g_mpi = false;

// Launchers set these in every rank's environment; a plain start has none of them.
bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(v)) return true;
  return false;
}
#endif

void (*g_abrupt)() noexcept = nullptr;

void write_stderr(const char* s) { (void)!::write(STDERR_FILENO, s, std::strlen(s)); }

extern "C" void on_abrupt_signal(int sig) {
  if (g_abrupt) g_abrupt();
  write_stderr(sig == SIGINT ? "\nadoptsim: stopped by SIGINT" : "\nadoptsim: stopped by SIGTERM");
  write_stderr("; this command keeps no checkpoint, so run it again to start over; earlier outputs are as they were\n");
  std::_Exit(128 + sig);
}

extern "C" void on_signal(int sig) {
  if (g_signal != 0) {  // the second signal: stop now
    on_abrupt_signal(sig);
    return;
  }
  g_signal = sig;
  g_stop.store(true);
  if (auto* f = g_cancel.load()) f->store(true);
}

}  // namespace

Session::Session(int& argc, char**& argv) {
#ifdef ADOPTSIM_WITH_MPI
  if (!launched_by_mpi()) return;
  int provided = 0;
  // The farm's MPI calls come from one thread at a time, not always the main one.
  MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
  if (provided < MPI_THREAD_SERIALIZED) {
    if (std::getenv("OMPI_COMM_WORLD_RANK") == nullptr || std::atoi(std::getenv("OMPI_COMM_WORLD_RANK")) == 0)
      std::fprintf(stderr, "adoptsim: the MPI library does not allow calls from more than one thread (MPI_THREAD_SERIALIZED)\n");
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  g_mpi = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_ranks);
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, g_rank, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &g_node_ranks);
  MPI_Comm_free(&node);
#else
  (void)argc, (void)argv;
#endif
}

Session::~Session() {
#ifdef ADOPTSIM_WITH_MPI
  if (g_mpi) MPI_Finalize();
#endif
}

bool mpi_built() {
#ifdef ADOPTSIM_WITH_MPI
  return true;
#else
  return false;
#endif
}

int rank() { return g_rank; }
int ranks() { return g_ranks; }
int ranks_on_node() { return g_node_ranks; }
int default_threads(int hardware) { return std::max(1, hardware / std::max(1, g_node_ranks)); }

void abort_job(int code) {
  std::fflush(stdout);
  std::fflush(stderr);
#ifdef ADOPTSIM_WITH_MPI
  if (g_mpi) MPI_Abort(MPI_COMM_WORLD, code);
#endif
  std::_Exit(code);
}

void on_root(const std::function<void()>& root_work, int code_on_failure) {
  if (g_ranks == 1) return root_work();
#ifdef ADOPTSIM_WITH_MPI
  int ok = 1;
  std::exception_ptr failure;
  if (g_rank == 0) {
    try {
      root_work();
    } catch (...) {
      failure = std::current_exception();
      ok = 0;
    }
  }
  MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (failure) std::rethrow_exception(failure);
  if (!ok) throw Quiet(code_on_failure);
#else
  (void)code_on_failure;
#endif
}

std::int64_t broadcast(std::int64_t v) {
#ifdef ADOPTSIM_WITH_MPI
  if (g_ranks > 1) MPI_Bcast(&v, 1, MPI_INT64_T, 0, MPI_COMM_WORLD);
#endif
  return v;
}

void install_stop_handlers(bool clean_stop, void (*on_abrupt_stop)() noexcept) {
  g_abrupt = on_abrupt_stop;
  struct sigaction sa {};
  sa.sa_handler = clean_stop ? on_signal : on_abrupt_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool stop_requested() { return g_stop.load(std::memory_order_relaxed); }
int stop_signal() { return static_cast<int>(g_signal); }

void request_stop(int signal) {
  if (g_signal == 0) g_signal = signal;
  g_stop.store(true);
  if (auto* f = g_cancel.load()) f->store(true);
}

void cancel_on_stop(std::atomic<bool>* flag) {
  g_cancel.store(flag);
  if (flag && g_stop.load()) flag->store(true);
}

}  // namespace adoptsim::cluster
