// adoptsim bench: agent-steps per second of the full model and of the Bass reduction, for
// organisations of several sizes, on one thread and on all threads, with peak memory.
// Each configuration runs in a child process so that its peak resident memory is its own.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_calibration.hpp"
#include "commands.hpp"
#include "ensemble.hpp"
#include "model.hpp"
#include "parallel.hpp"
#include "scenario_loader.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

struct Record {
  std::string model;
  int agents = 0, threads = 1, weeks = 0, replicates = 0;
  std::string parallelism;  // "replicates" or "agent blocks"
  double seconds = 0, setup_seconds = 0;
  double agent_steps = 0, agent_steps_per_s = 0;
  double cpu_seconds = 0;  // CPU time spent stepping, all threads: robust to other load on the machine
  double peak_rss_mib = 0;
};

double peak_rss_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

// CPU time of the calling thread, or of the whole process.
double cpu_time(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

double load_average() {
  double one = 0;
  std::ifstream("/proc/loadavg") >> one;
  return one;
}

std::string cpu_name() {
  std::ifstream info("/proc/cpuinfo");
  std::string line;
  while (std::getline(info, line))
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown CPU";
}

// The reference programme on an organisation of about `agents` people in teams of 16.
Scenario full_scenario(const Scenario& reference, int agents) {
  Scenario s = reference;
  if (agents == 200) return s;
  // Teams of 16; an MT of 6 to 20 and an HR adviser per 1,000 staff, each serving an equal
  // share of the teams.
  TeamSpec team;
  team.name = "Team";
  team.managers = 1;
  team.supervisors = 11;
  team.foremen = 4;
  s.organisation.mt = std::clamp(agents / 1000, 6, 20);
  s.organisation.hr = std::max(4, agents / 1000);
  team.count = std::max(1, (agents - s.organisation.mt - s.organisation.hr) / 16);
  s.organisation.teams = {team};
  s.organisation.hr_teams_served = std::max(1, (team.count + s.organisation.hr - 1) / s.organisation.hr);
  for (auto& iv : s.programme) {
    iv.target.teams.clear();
    iv.groups.clear();
  }
  return s;
}

Scenario bass_scenario(int agents, int weeks) {
  Scenario s;
  s.name = "bass-small-world";
  s.kind = ModelKind::bass;
  s.weeks = weeks;
  s.bass_agents = agents;
  s.organisation.network.kind = NetworkKind::small_world;
  s.organisation.network.degree = 10;
  s.organisation.network.rewire = 0.1;
  // Slow enough that the curve is still rising at the horizon: most agents stay undecided.
  s.parameters[Param::bass_p] = 0.002;
  s.parameters[Param::bass_q] = 0.1;
  return s;
}

Record measure(const Scenario& s, const std::string& model, int agents, int threads, double target_steps) {
  Record r;
  r.model = model;
  r.threads = threads;
  r.weeks = s.weeks;
  const auto t0 = std::chrono::steady_clock::now();
  // Big organisations: one replicate, its agent blocks spread over the threads. Small ones:
  // enough replicates for a stable timing, spread over the threads.
  std::unique_ptr<ThreadPool> pool;
  const bool blocks = agents >= 200000;
  if (blocks) {
    pool = std::make_unique<ThreadPool>(threads);
    Model m(s, s.seed, 0, pool.get());
    const auto t1 = std::chrono::steady_clock::now();
    const double cpu0 = cpu_time(CLOCK_PROCESS_CPUTIME_ID);
    m.run();
    r.cpu_seconds = cpu_time(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
    const auto t2 = std::chrono::steady_clock::now();
    r.agents = m.structure().people;
    r.replicates = 1;
    r.parallelism = "agent blocks";
    r.setup_seconds = std::chrono::duration<double>(t1 - t0).count();
    r.seconds = std::chrono::duration<double>(t2 - t1).count();
  } else {
    const int people = Model(s, s.seed, 0).structure().people;
    r.replicates = std::max(threads, static_cast<int>(target_steps / (static_cast<double>(people) * s.weeks)));
    r.replicates = (r.replicates + threads - 1) / threads * threads;
    // Each thread builds its models (timed apart) and steps them; stepping time is the busiest
    // thread's, so only one model per thread is alive at a time.
    std::atomic<int> next{0};
    std::vector<double> setup(static_cast<std::size_t>(threads), 0.0), stepping(static_cast<std::size_t>(threads), 0.0),
        cpu(static_cast<std::size_t>(threads), 0.0);
    auto worker = [&](int t) {
      for (int k; (k = next.fetch_add(1)) < r.replicates;) {
        const auto a = std::chrono::steady_clock::now();
        Model m(s, s.seed, k);
        const auto b = std::chrono::steady_clock::now();
        const double cpu0 = cpu_time(CLOCK_THREAD_CPUTIME_ID);
        m.run();
        cpu[static_cast<std::size_t>(t)] += cpu_time(CLOCK_THREAD_CPUTIME_ID) - cpu0;
        const auto c = std::chrono::steady_clock::now();
        setup[static_cast<std::size_t>(t)] += std::chrono::duration<double>(b - a).count();
        stepping[static_cast<std::size_t>(t)] += std::chrono::duration<double>(c - b).count();
      }
    };
    std::vector<std::thread> workers;
    for (int t = 1; t < threads; ++t) workers.emplace_back(worker, t);
    worker(0);
    for (auto& w : workers) w.join();
    r.agents = people;
    r.parallelism = "replicates";
    r.setup_seconds = *std::max_element(setup.begin(), setup.end()) / std::max(1, r.replicates / threads);
    r.seconds = *std::max_element(stepping.begin(), stepping.end());
    for (double c : cpu) r.cpu_seconds += c;
  }
  r.agent_steps = static_cast<double>(r.agents) * s.weeks * r.replicates;
  r.agent_steps_per_s = r.agent_steps / r.seconds;
  r.peak_rss_mib = peak_rss_mib();
  return r;
}

std::string to_line(const Record& r) {
  return fmt::format("{} {} {} {} {} {} {:.9g} {:.9g} {:.9g} {:.9g} {:.9g}", r.model, r.agents, r.threads, r.weeks, r.replicates,
                     r.parallelism == "replicates" ? "replicates" : "blocks", r.seconds, r.setup_seconds, r.agent_steps, r.peak_rss_mib,
                     r.cpu_seconds);
}

Record from_line(const std::string& line) {
  std::istringstream in(line);
  Record r;
  in >> r.model >> r.agents >> r.threads >> r.weeks >> r.replicates >> r.parallelism >> r.seconds >> r.setup_seconds >> r.agent_steps >>
      r.peak_rss_mib >> r.cpu_seconds;
  if (r.parallelism == "blocks") r.parallelism = "agent blocks";
  r.agent_steps_per_s = r.seconds > 0 ? r.agent_steps / r.seconds : 0;
  return r;
}

// Runs one configuration in a child process (own peak memory); falls back to this process.
Record isolated(const std::function<Record()>& body) {
  int fd[2];
  if (::pipe(fd) != 0) return body();
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fd[0]);
    ::close(fd[1]);
    return body();
  }
  if (pid == 0) {
    ::close(fd[0]);
    const std::string line = to_line(body()) + "\n";
    const ssize_t written = ::write(fd[1], line.data(), line.size());
    ::close(fd[1]);
    ::_exit(written == static_cast<ssize_t>(line.size()) ? 0 : 1);
  }
  ::close(fd[1]);
  std::string text;
  char buf[512];
  for (ssize_t n; (n = ::read(fd[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  ::close(fd[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || text.empty()) throw std::runtime_error("a benchmark child process failed");
  return from_line(text);
}

}  // namespace

Command add_bench(CLI::App& app) {
  struct Options {
    bool json = false;
    std::string scenario = "scenarios/reference.toml";
    std::vector<int> sizes{200, 10000, 1000000};
    int threads = 0;
    int big_weeks = 26;
    double steps = 3e7;
    std::string calibration;
  };
  auto o = std::make_shared<Options>();
  auto* sub = app.add_subcommand("bench", "Agent-steps per second of the full model and the Bass reduction, and peak memory");
  sub->add_flag("--json", o->json, "One JSON record per model, size and thread count");
  sub->add_option("--calibration", o->calibration,
                  "Instead: simulations per second and the wall time of the ABC-SMC run of this calibration set-up (e.g. calibration/examples/synthetic.toml)");
  sub->add_option("--scenario", o->scenario, "Programme to benchmark the full model with")->capture_default_str();
  sub->add_option("--sizes", o->sizes, "Organisation sizes")->delimiter(',')->capture_default_str();
  sub->add_option("--threads", o->threads, "The 'all threads' count (default: all hardware threads)");
  sub->add_option("--big-weeks", o->big_weeks, "Weeks simulated for organisations of 200,000 agents or more")->capture_default_str();
  sub->add_option("--steps", o->steps, "Agent-steps per measurement of small organisations (more: steadier figures)")->capture_default_str();
  return [o] {
    if (!o->calibration.empty()) return bench_calibration(o->calibration, o->threads);
    const Scenario reference = load_scenario(o->scenario).scenario;
    const int all = o->threads > 0 ? o->threads : hardware_threads();
    std::vector<int> thread_counts{1};
    if (all > 1) thread_counts.push_back(all);
    std::vector<Record> records;
    if (!o->json) std::printf("adoptsim bench on %s, %d hardware threads\n\n", cpu_name().c_str(), hardware_threads());
    Table table({"model", "agents", "threads", "parallel over", "weeks x reps", "agent-steps/s", "per thread", "per CPU-second", "set-up",
                 "peak memory"});
    for (const std::string model : {"full", "bass"}) {
      for (int size : o->sizes) {
        const int weeks = size >= 200000 ? o->big_weeks : 104;
        Scenario s = model == "full" ? full_scenario(reference, size) : bass_scenario(size, weeks);
        s.weeks = weeks;
        for (int t : thread_counts) {
          if (!o->json) std::fprintf(stderr, "  measuring %s model, %d agents, %d thread%s...\n", model.c_str(), size, t, t == 1 ? "" : "s");
          Record r = isolated([&] { return measure(s, model, size, t, o->steps); });
          records.push_back(r);
          table.row({r.model, fmt::format("{}", r.agents), std::to_string(r.threads), r.parallelism, fmt::format("{} x {}", r.weeks, r.replicates),
                     fmt::format("{:.3g} M", r.agent_steps_per_s / 1e6), fmt::format("{:.3g} M", r.agent_steps_per_s / 1e6 / r.threads),
                     fmt::format("{:.3g} M", r.agent_steps / r.cpu_seconds / 1e6), seconds(r.setup_seconds), fmt::format("{:.0f} MiB", r.peak_rss_mib)});
        }
      }
    }
    if (o->json) {
      std::printf("[\n");
      for (std::size_t k = 0; k < records.size(); ++k) {
        const auto& r = records[k];
        std::printf(
            "  {\"model\": \"%s\", \"agents\": %d, \"threads\": %d, \"parallelism\": \"%s\", \"weeks\": %d, \"replicates\": %d, "
            "\"seconds\": %.6g, \"setup_seconds\": %.6g, \"agent_steps\": %.0f, \"agent_steps_per_s\": %.6g, "
            "\"cpu_seconds\": %.6g, \"agent_steps_per_cpu_s\": %.6g, \"peak_rss_mib\": %.1f, \"cpu\": \"%s\", \"load_average\": %.2f}%s\n",
            r.model.c_str(), r.agents, r.threads, r.parallelism.c_str(), r.weeks, r.replicates, r.seconds, r.setup_seconds, r.agent_steps,
            r.agent_steps_per_s, r.cpu_seconds, r.agent_steps / r.cpu_seconds, r.peak_rss_mib, cpu_name().c_str(), load_average(),
            k + 1 < records.size() ? "," : "");
      }
      std::printf("]\n");
    } else {
      std::printf("%s", table.str().c_str());
      std::printf("\nagent-steps = agents x weeks x replicates, stepping only (set-up timed apart). agent-steps/s is wall-clock;\n"
                  "per CPU-second divides by the CPU time the stepping used (all threads), which other load on the machine\n"
                  "does not inflate (load average now %.2f on %d hardware threads). Peak memory = the child process's peak\n"
                  "resident set (VmHWM). Targets per core at 10,000 agents: full >= 10 M/s, Bass >= 100 M/s.\n",
                  load_average(), hardware_threads());
    }
    return kExitOk;
  };
}

}  // namespace adoptsim::cli
