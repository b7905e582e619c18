// adoptsim sweep SCENARIO --vary NAME=V1,V2,... [--design design.csv]: every design point on the
// same replicates (common random numbers), one tidy table (CSV) and its HDF5 equivalent;
// progress on stderr, checkpoints per finished point and --resume. docs/sweeps.md.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "adoptsim_version.hpp"
#include "atomic_file.hpp"
#include "commands.hpp"
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
  meta.threads = o.threads > 0 ? o.threads : hardware_threads();
  meta.currency = first.currency;

  const fs::path out = o.out.empty() ? fs::path("outputs") / (file_stem(first.name) + "-sweep.h5") : fs::path(o.out);
  const fs::path csv = o.csv.empty() ? fs::path(out).replace_extension(".csv") : fs::path(o.csv);
  check_writable(out);
  check_writable(csv, "--csv");
  const std::size_t point_size = static_cast<std::size_t>(meta.replicates) * (static_cast<std::size_t>(meta.weeks) + 1) * sweep_outputs(meta.currency).size();
  SweepCheckpoint checkpoint(fs::path(out).concat(".partial"), meta.identity(), point_size);
  std::vector<std::vector<double>> values = checkpoint.open(o.resume, design.points());
  int already = 0;
  for (const auto& v : values) already += v.empty() ? 0 : 1;

  const int P = design.points();
  const std::int64_t units = static_cast<std::int64_t>(P - already) * meta.replicates;
  std::string factors;
  for (const auto& n : design.names) factors += (factors.empty() ? "" : ", ") + n;
  std::fprintf(stderr, "adoptsim %s sweep | %s | %d design points (%s) x %d replicates x %d weeks | seed %llu | %d threads\n", ADOPTSIM_VERSION,
               first.name.c_str(), P, factors.c_str(), meta.replicates, meta.weeks, static_cast<unsigned long long>(meta.seed), meta.threads);
  if (o.resume)
    std::fprintf(stderr, "resume: %d of %d design points already finished in %s; %lld runs to go\n", already, P, checkpoint.dir().string().c_str(),
                 static_cast<long long>(units));

  // Progress: a bar on a terminal; otherwise (a log file) one line per finished design point.
  const bool bar = !o.quiet && stderr_is_terminal();
  SweepProgress progress;
  const auto start = std::chrono::steady_clock::now();
  auto finished = [&](int p, std::vector<double>&& v) {
    checkpoint.save(p, v);  // a killed sweep keeps every point finished so far
    values[static_cast<std::size_t>(p)] = std::move(v);
    if (!o.quiet && !bar) {
      const int done = progress.points_done.load();
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::string at;
      for (std::size_t f = 0; f < design.names.size(); ++f) at += (f ? ", " : "") + design.names[f] + "=" + design.values[static_cast<std::size_t>(p)][f];
      std::fprintf(stderr, "sweep: point %d (%s) done, %d of %d to run (%.0f%%), %s, about %s left\n", p, at.c_str(), done, P - already,
                   100.0 * done / std::max(1, P - already), seconds(elapsed).c_str(), seconds(elapsed / done * (P - already - done)).c_str());
      std::fflush(stderr);
    }
  };
  with_progress(bar, fmt::format("sweep: {} points x {} replicates", P - already, meta.replicates), units, [&] { return progress.units_done.load(); },
                [&] {
                  run_sweep(points, meta.seed, meta.replicates, meta.threads, [&](int p) { return !values[static_cast<std::size_t>(p)].empty(); },
                            finished, &progress);
                });
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  meta.created = utc_now();
  {
    OutputSet outputs;  // the table and the HDF5 file replaced together
    write_text_atomically(csv, sweep_csv(meta, values));
    write_sweep_h5(out, meta, values);
    outputs.commit();
  }
  checkpoint.remove();
  if (!o.quiet) {
    std::printf("%d design points x %d replicates = %lld runs in %s (%lld run now, %d points from the checkpoint)\n", P, meta.replicates,
                static_cast<long long>(P) * meta.replicates, seconds(elapsed).c_str(), static_cast<long long>(units), already);
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
  sub->add_flag("--resume", o->resume, "Skip the design points an interrupted run of the same sweep finished (kept in <out>.partial/)");
  sub->add_flag("--quiet,-q", o->quiet, "No progress and no summary");
  return [o] { return sweep(*o); };
}

}  // namespace adoptsim::cli
