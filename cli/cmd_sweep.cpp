// adoptsim sweep SCENARIO --vary NAME=V1,V2,... [--design design.csv]: every design point on the
// same replicates (common random numbers), one tidy table (CSV) and its HDF5 equivalent;
// progress on stderr, a checkpoint per finished point and --resume, design points farmed out over
// MPI ranks when run under mpirun (cluster/farm.hpp). docs/sweeps.md.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <filesystem>
#include <fmt/format.h>

#include "adoptsim_version.hpp"
#include "atomic_file.hpp"
#include "cluster.hpp"
#include "commands.hpp"
#include "farm.hpp"
#include "scale_out.hpp"
#include "unit_journal.hpp"
#include "ensemble.hpp"
#include "files.hpp"
#include "option_values.hpp"
#include "sweep.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

struct SweepOptions {
  std::string scenario, design, out, csv;
  std::vector<std::string> vary, set;
  int replicates = 0, threads = 0;
  std::int64_t seed = -1;
  bool resume = false, quiet = false;
};

int sweep(const SweepOptions& o) {
  namespace fs = std::filesystem;
  if (o.vary.empty() == o.design.empty())
    throw std::invalid_argument(o.vary.empty() ? "sweep needs a design: --vary NAME=V1,V2,... (repeatable, full factorial) or --design FILE.csv"
                                               : "give either --vary (a full factorial) or --design FILE.csv (a listed design), not both");
  const SweepDesign design = o.design.empty() ? full_factorial(o.vary) : read_design_csv(o.design);
  const std::vector<LoadedScenario> points = load_sweep_points(o.scenario, o.set, design);
  const Scenario& first = points.front().scenario;
  SweepMetadata meta;
  meta.program_version = ADOPTSIM_VERSION;
  meta.scenario_path = o.scenario;
  meta.set = o.set;
  meta.design = design;
  for (const auto& p : points) meta.point_texts.push_back(p.text);
  meta.seed = o.seed >= 0 ? static_cast<std::uint64_t>(o.seed) : first.seed;
  meta.replicates = o.replicates > 0 ? o.replicates : first.replicates;
  meta.weeks = first.weeks;
  meta.threads = o.threads > 0 ? o.threads : cluster::default_threads(hardware_threads());
  meta.currency = first.currency;
  const int P = design.points();

  const fs::path out = o.out.empty() ? fs::path("outputs") / (file_stem(first.name) + "-sweep.h5") : fs::path(o.out);
  const fs::path csv = o.csv.empty() ? fs::path(out).replace_extension(".csv") : fs::path(o.csv);
  // The checkpoint (io/unit_journal.hpp, as compare's): each design point's outputs appended in
  // point order as it is delivered; --resume continues after the last complete one.
  const std::string key = result_key(meta.identity());
  const fs::path journal_path = checkpoint_path(out, key, "");
  std::vector<std::vector<double>> values(static_cast<std::size_t>(P));
  std::optional<UnitJournal> journal;
  std::int64_t first_unit = 0;
  std::atomic<std::int64_t> delivered{0};
  const auto start = std::chrono::steady_clock::now();
  const bool bar = !o.quiet && stderr_is_terminal();
  bool replaying = false;
  auto deliver = [&](std::int64_t u, cluster::Bytes&& bytes) {
    if (journal && !replaying) journal->append(bytes);
    std::vector<double> v(bytes.size() / sizeof(double));
    std::memcpy(v.data(), bytes.data(), v.size() * sizeof(double));
    values[static_cast<std::size_t>(u)] = std::move(v);
    const std::int64_t done = delivered.fetch_add(1) + 1;
    if (!o.quiet && !bar && !replaying) {  // a log file: one line per design point
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const std::int64_t run = done - first_unit, to_run = P - first_unit;
      std::string at;
      for (std::size_t f = 0; f < design.names.size(); ++f) at += (f ? ", " : "") + design.names[f] + "=" + design.values[static_cast<std::size_t>(u)][f];
      std::fprintf(stderr, "sweep: point %lld (%s) done, %lld of %lld to run (%.0f%%), %s, about %s left\n", static_cast<long long>(u), at.c_str(),
                   static_cast<long long>(run), static_cast<long long>(to_run), 100.0 * static_cast<double>(run) / static_cast<double>(std::max<std::int64_t>(1, to_run)),
                   seconds(elapsed).c_str(), seconds(elapsed / static_cast<double>(run) * static_cast<double>(to_run - run)).c_str());
      std::fflush(stderr);
    }
  };
  cluster::on_root([&] {
    check_writable(out);
    check_writable(csv, "--csv");
    replaying = true;  // the records replayed are in the journal already
    journal.emplace(open_unit_journal(out, journal_path, key, o.resume, [&](std::string&& r) { deliver(first_unit++, std::move(r)); }));
    replaying = false;
  });
  first_unit = cluster::broadcast(first_unit);

  if (cluster::is_root()) {
    std::string factors;
    for (const auto& n : design.names) factors += (factors.empty() ? "" : ", ") + n;
    std::fprintf(stderr, "adoptsim %s sweep | %s | %d design points (%s) x %d replicates x %d weeks | seed %llu | %d threads%s\n", ADOPTSIM_VERSION,
                 first.name.c_str(), P, factors.c_str(), meta.replicates, meta.weeks, static_cast<unsigned long long>(meta.seed), meta.threads,
                 ranks_note().c_str());
    if (o.resume)
      std::fprintf(stderr, "resume: %lld of %d design points already finished in %s; %lld to run\n", static_cast<long long>(first_unit), P,
                   journal_path.string().c_str(), static_cast<long long>(P - first_unit));
  }

  // Units: design points, in design order; each runs its replicates on the rank's threads. The
  // same seed and replicate numbers at every point: common random numbers.
  EnsembleProgress progress;
  cluster::cancel_on_stop(&progress.cancel);
  auto compute = [&](std::int64_t u) -> std::optional<cluster::Bytes> {
    const std::vector<double> v = run_sweep_point(points[static_cast<std::size_t>(u)].scenario, meta.seed, meta.replicates, meta.threads, &progress);
    if (progress.cancel.load()) return std::nullopt;
    return cluster::Bytes(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
  };
  std::int64_t reached = first_unit;
  with_progress(bar && cluster::is_root(), fmt::format("sweep: {} points x {} replicates", P - first_unit, meta.replicates),
                static_cast<std::int64_t>(P - first_unit) * meta.replicates * meta.weeks, [&] { return progress.weeks_done.load(); },
                [&] { reached = cluster::farm(first_unit, P, compute, deliver); });
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (reached < P) throw cluster::Interrupted(fmt::format("after {} of {} design points", cluster::is_root() ? delivered.load() : 0, P));
  if (!cluster::is_root()) return kExitOk;

  meta.created = utc_now();
  {
    OutputSet outputs;  // the table and the HDF5 file replaced together
    write_text_atomically(csv, sweep_csv(meta, values));
    write_sweep_h5(out, meta, values);
    outputs.commit();
  }
  journal->remove();
  if (!o.quiet) {
    std::printf("%d design points x %d replicates = %lld runs in %s (%lld points run now, %lld from the checkpoint)\n", P, meta.replicates,
                static_cast<long long>(P) * meta.replicates, seconds(elapsed).c_str(), static_cast<long long>(P - first_unit), static_cast<long long>(first_unit));
    std::printf("Table: %s (%lld rows)   HDF5: %s\n", csv.string().c_str(), static_cast<long long>(P) * meta.replicates * (meta.weeks + 1), out.string().c_str());
  }
  return kExitOk;
}

}  // namespace

Command add_sweep(CLI::App& app) {
  auto o = std::make_shared<SweepOptions>();
  auto* sub = app.add_subcommand("sweep", "Sweep parameters or scenario keys over values (full factorial or a listed design) on common random numbers: "
                                          "one tidy table of design point x replicate x week, CSV and HDF5");
  sub->add_option("scenario", o->scenario, "Scenario file (TOML)")->required();
  sub->add_option("--vary", o->vary, "NAME=V1,V2,... a parameter or scenario key and its values (repeatable: the full factorial of all)");
  sub->add_option("--design", o->design, "A listed design instead: CSV with the names as header and one row per design point")->check(CLI::ExistingFile);
  sub->add_option("--replicates,-r", o->replicates, "Replicates per design point (default: the scenario's)")->check(CLI::Range(1, 1000000));
  sub->add_option("--seed,-s", o->seed, "Seed of every design point (default: the scenario's)")->check(CLI::NonNegativeNumber);
  sub->add_option("--threads,-t", o->threads, "Threads (default: all); results do not depend on it")->check(CLI::Range(1, 4096));
  sub->add_option("--out,--output,-o", o->out, "HDF5 file (default: outputs/<scenario name>-sweep.h5)");
  sub->add_option("--csv", o->csv, "The tidy table (default: the HDF5 file's name with .csv)");
  add_set_option(sub, o->set);
  sub->add_flag("--resume", o->resume, "Continue a sweep that was stopped: the design points finished before are read from its checkpoint <out>.checkpoint-<key>");
  sub->add_flag("--quiet,-q", o->quiet, "No progress and no summary");
  return [o] { return sweep(*o); };
}

}  // namespace adoptsim::cli
