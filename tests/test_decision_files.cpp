// The HDF5 files of compare and optimise, read back through the HDF5 API: every number as the
// algorithms computed it, with the names of its axes.
#include <doctest/doctest.h>

#include <H5Cpp.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>

#include "comparison_files.hpp"
#include "ensemble.hpp"
#include "fixtures.hpp"
#include "knob_space.hpp"
#include "optimisation_files.hpp"

namespace fs = std::filesystem;
using namespace adoptsim;

namespace {

struct TempFile {
  fs::path path;
  explicit TempFile(const std::string& name) : path(fs::temp_directory_path() / ("adoptsim-decision-" + std::to_string(::getpid()) + "-" + name)) {}
  ~TempFile() {
    std::error_code ignored;
    fs::remove(path, ignored);
  }
};

template <class T> const H5::PredType& mem();
template <> const H5::PredType& mem<double>() { return H5::PredType::NATIVE_DOUBLE; }
template <> const H5::PredType& mem<float>() { return H5::PredType::NATIVE_FLOAT; }
template <> const H5::PredType& mem<std::int32_t>() { return H5::PredType::NATIVE_INT32; }

template <class T>
std::vector<T> read(const H5::H5File& f, const std::string& path, std::vector<hsize_t> dims) {
  const H5::DataSet ds = f.openDataSet(path);
  const H5::DataSpace space = ds.getSpace();
  std::vector<hsize_t> got(static_cast<std::size_t>(space.getSimpleExtentNdims()));
  space.getSimpleExtentDims(got.data());
  CHECK_MESSAGE(got == dims, path);
  std::size_t n = 1;
  for (hsize_t d : dims) n *= d;
  std::vector<T> v(n);
  if (n > 0) ds.read(v.data(), mem<T>());
  return v;
}

std::vector<std::string> names(const H5::DataSet& ds, const char* attribute) {
  const H5::Attribute a = ds.openAttribute(attribute);
  hsize_t n = 0;
  a.getSpace().getSimpleExtentDims(&n);
  std::vector<char*> ptrs(n);
  a.read(a.getStrType(), ptrs.data());
  std::vector<std::string> out(ptrs.begin(), ptrs.end());
  H5Dvlen_reclaim(a.getStrType().getId(), a.getSpace().getId(), H5P_DEFAULT, ptrs.data());
  return out;
}

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

TEST_CASE("the comparison's HDF5 file holds every replicate's metrics, the summaries, the curves and the costs") {
  const Scenario s = test::shipped("reference.toml");
  std::vector<std::vector<RunResult>> runs{run_ensemble(s, 6, 5, 2), run_ensemble(test::shipped("managers-last.toml"), 6, 5, 2)};
  const Comparison c = compare_programmes(s, runs);
  std::vector<ComparedProgramme> programmes{{"reference", "a.toml", "text a", &runs[0], cost_breakdown(runs[0])},
                                            {"managers-last", "b.toml", "text b", &runs[1], cost_breakdown(runs[1])}};
  TempFile file("compare.h5");
  ComparisonMetadata meta;
  meta.seed = 6;
  meta.replicates = 5;
  meta.weeks = s.weeks;
  write_comparison_h5(file.path, meta, programmes, c);

  H5::H5File f(file.path.string(), H5F_ACC_RDONLY);
  const hsize_t P = 2, R = 5, M = c.metrics.size(), T = static_cast<hsize_t>(s.weeks) + 1;
  const auto values = read<double>(f, "/metrics/values", {P, M, R});
  const auto summary = read<double>(f, "/metrics/summary", {P, M, 6});
  for (std::size_t p = 0; p < P; ++p)
    for (std::size_t k = 0; k < M; ++k) {
      for (std::size_t r = 0; r < R; ++r) CHECK(same(values[(p * M + k) * R + r], c.values[p][k][r]));
      const MetricSummary& m = c.summary[p][k];
      CHECK(same(summary[(p * M + k) * 6 + 0], m.value.mean));
      CHECK(same(summary[(p * M + k) * 6 + 2], m.value.p95));
      CHECK(same(summary[(p * M + k) * 6 + 3], m.has_difference ? m.difference.mean : std::nan("")));
    }
  std::vector<std::string> metric_names;
  for (const auto& m : c.metrics) metric_names.push_back(m.name);
  CHECK(names(f.openDataSet("/metrics/values"), "metrics") == metric_names);
  const auto applying = read<float>(f, "/timeseries/applying", {P, R, T});
  CHECK(std::memcmp(&applying[(1 * R + 3) * T], runs[1][3].applying.data(), T * sizeof(float)) == 0);
  const auto matrix = read<double>(f, "/costs/cost_matrix", {P, R, kCostRows, kCostKinds});
  CHECK(std::memcmp(&matrix[(1 * R + 4) * kCostRows * kCostKinds], runs[1][4].cost_matrix.data(), sizeof(runs[1][4].cost_matrix)) == 0);
  CHECK(names(f.openDataSet("/costs/cost_matrix"), "cost_kinds")[4] == "staff_time");
}

TEST_CASE("the optimiser's HDF5 file holds every programme of the race, the stages and the frontier") {
  Scenario s = test::small_organisation(3, 6, 2, 30);
  s.goal.share = 0.2;
  s.goal.week = 25;
  Intervention training = test::session(InterventionType::basic_training, {3}, "training");
  training.target.roles = {Role::supervisor, Role::foreman};
  s.programme = {training};
  KnobGrid grid = default_grid();
  set_grid_values(grid, "training_sessions", {2, 4});
  set_grid_values(grid, "training_spacing", {3});
  set_grid_values(grid, "intervision_every", {0});
  set_grid_values(grid, "actor_sessions", {0});
  set_grid_values(grid, "coaching_capacity", {0, 2});
  set_grid_values(grid, "refresher_every", {0});
  set_grid_values(grid, "masterclasses_first", {1});
  set_grid_values(grid, "mandatory", {1});
  OptimiseSettings set;
  set.replicates = 8;
  set.confidence = 0.5;
  const OptimiseResult r = optimise(s, distinct_programmes(grid, s), set);
  TempFile file("optimise.h5");
  write_optimisation_h5(file.path, OptimisationMetadata{}, set, grid, r);

  H5::H5File f(file.path.string(), H5F_ACC_RDONLY);
  const hsize_t N = r.candidates.size();
  REQUIRE(N == 4);
  const auto knobs = read<std::int32_t>(f, "/programmes/knobs", {N, kKnobTable.size()});
  const auto reps = read<std::int32_t>(f, "/programmes/replicates", {N});
  const auto cost = read<double>(f, "/programmes/cost_mean", {N});
  const auto p = read<double>(f, "/programmes/goal_probability", {N});
  for (std::size_t i = 0; i < N; ++i) {
    CHECK(knobs[i * kKnobTable.size()] == r.candidates[i].knobs.training_sessions);
    CHECK(knobs[i * kKnobTable.size() + 5] == r.candidates[i].knobs.coaching_capacity);
    CHECK(reps[i] == r.candidates[i].n());
    CHECK(cost[i] == r.candidates[i].mean_cost());
    CHECK(p[i] == r.candidates[i].probability().estimate);
  }
  const auto frontier = read<std::int32_t>(f, "/frontier/programme", {r.frontier.size()});
  CHECK(std::vector<int>(frontier.begin(), frontier.end()) == r.frontier);
  const auto coaching = read<std::int32_t>(f, "/space/coaching_capacity", {2});
  CHECK(coaching == std::vector<std::int32_t>{0, 2});
  CHECK(names(f.openDataSet("/programmes/left_race"), "reasons").size() == kEliminationNames.size());
}
