// Running one command on many processes (MPI ranks) and stopping it cleanly.
//
// Without MPI support, or when the program was not started by mpirun/srun, there is one rank and
// nothing here talks to MPI. With it, every rank runs the same command: rank 0 reads the input,
// hands out units of work (cluster/farm.hpp) and writes the outputs; the others only compute.
// SIGINT and SIGTERM do not kill the process: they set a flag that long loops check, so a command
// stops at a clean point, keeps its checkpoint and says how to continue (docs in README.md).
#pragma once
#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>

namespace adoptsim::cluster {

// MPI for the lifetime of main(). Initialises MPI only when started by an MPI launcher.
class Session {
 public:
  Session(int& argc, char**& argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
};

bool mpi_built();     // this binary has MPI support
int rank();           // 0 without MPI
int ranks();          // 1 without MPI
inline bool is_root() { return rank() == 0; }
int ranks_on_node();  // ranks sharing this machine (for the default thread count)
int default_threads(int hardware);  // hardware threads shared out over the ranks of this machine

// Ends every rank of the job at once (MPI_Abort); without MPI, std::exit.
[[noreturn]] void abort_job(int code);

// Thrown on ranks other than 0 to end a command without a message: rank 0 reports the problem.
struct Quiet : std::runtime_error {
  explicit Quiet(int code) : std::runtime_error("quiet"), exit_code(code) {}
  int exit_code;
};

// Runs `root_work` on rank 0 only and tells every rank whether it succeeded. Rank 0 rethrows its
// exception; the others then throw Quiet(code). Use it for checks only rank 0 makes (can the
// output be written?) before a collective step, so no rank waits for work that never comes.
void on_root(const std::function<void()>& root_work, int code_on_failure = 2);

// Rank 0's value of `v`, on every rank (a collective call).
std::int64_t broadcast(std::int64_t v);

// --- Stopping on a signal ---------------------------------------------------------------------
// Installs the SIGINT/SIGTERM handlers. For a command that checks the stop flag (clean_stop), the
// first signal sets it (and the registered cancel flag); a second one of either kind ends the
// process at once, as without handlers. For the others, the first signal ends the process at
// once: `on_abrupt_stop` (async-signal-safe: it removes the command's temporary files) runs, one
// line says the command was stopped and keeps no checkpoint, and the exit code is 128 + signal.
void install_stop_handlers(bool clean_stop, void (*on_abrupt_stop)() noexcept);
bool stop_requested();
int stop_signal();  // the signal that asked to stop, 0 if none
void request_stop(int signal);  // as if the signal had arrived (tests, a failing rank)
// The signal handler also sets this flag (e.g. EnsembleProgress::cancel, checked every week).
void cancel_on_stop(std::atomic<bool>* flag);

// Thrown when a command stopped on a signal after keeping its checkpoint; `what()` says how far it
// got ("412 of 1000 replicates"). main() turns it into a one-line message with the command to
// continue and exit code 128 + signal.
struct Interrupted : std::runtime_error {
  explicit Interrupted(const std::string& progress) : std::runtime_error(progress) {}
};

}  // namespace adoptsim::cluster
