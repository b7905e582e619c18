// The result writers: atomic replacement, the HDF5 file read back through the HDF5 API, and the
// CSV tables, all from replicates the engine really ran.
#include <H5Cpp.h>
#include <H5DSpublic.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "atomic_file.hpp"
#include "ensemble.hpp"
#include "organisation.hpp"
#include "results_csv.hpp"
#include "results_h5.hpp"
#include "summary.hpp"

namespace fs = std::filesystem;
using namespace adoptsim;

namespace {

// A fresh directory under the system's temp directory, removed with everything in it.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() /
           ("adoptsim-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// Two teams of supervisors and foremen, a kick-off and two rounds of basic training.
Scenario small_scenario(int weeks = 10) {
  Scenario s;
  s.name = "writer test";
  s.weeks = weeks;
  s.replicates = 3;
  s.organisation.teams = {TeamSpec{.name = "north", .supervisors = 6, .foremen = 3},
                          TeamSpec{.name = "south", .supervisors = 5, .foremen = 2}};
  Intervention kick_off;
  kick_off.name = "kick-off";
  kick_off.type = InterventionType::kick_off;
  kick_off.weeks = {1};
  kick_off.venue = 400;
  Intervention training;
  training.name = "basic training";
  training.type = InterventionType::basic_training;
  training.weeks = {2, 4};
  training.target.roles = {Role::supervisor, Role::foreman};
  training.group_size = 6;
  training.trainer_fee = 900;
  training.materials = 25;
  s.programme = {kick_off, training};
  s.goal.week = weeks;
  return s;
}

constexpr std::uint64_t kSeed = 20240607;

// Ran once: every test reads the same ensemble.
const std::vector<RunResult>& ensemble() {
  static const std::vector<RunResult> runs = run_ensemble(small_scenario(), kSeed, 3, 1);
  return runs;
}

RunMetadata metadata_for(const Scenario& s, const std::vector<RunResult>& runs) {
  RunMetadata m;
  m.program_version = "0.1.0-test";
  m.scenario_name = s.name;
  m.scenario_path = "scenarios/writer-test.toml";
  m.scenario_text = "name = \"writer test\"\nweeks = 10\n# ünïcode survives\n";
  m.seed = kSeed;
  m.replicates = static_cast<int>(runs.size());
  m.weeks = s.weeks;
  m.created = "2024-06-07T12:00:00Z";
  m.threads = 1;
  m.team_names = build_structure(s).team_names;
  for (const auto& iv : s.programme) m.intervention_names.push_back(iv.name);
  return m;
}

// --- reading back ---------------------------------------------------------------------------

template <class T> const H5::PredType& mem_type();
template <> const H5::PredType& mem_type<float>() { return H5::PredType::NATIVE_FLOAT; }
template <> const H5::PredType& mem_type<double>() { return H5::PredType::NATIVE_DOUBLE; }
template <> const H5::PredType& mem_type<std::int8_t>() { return H5::PredType::NATIVE_INT8; }
template <> const H5::PredType& mem_type<std::int16_t>() { return H5::PredType::NATIVE_INT16; }
template <> const H5::PredType& mem_type<std::int32_t>() { return H5::PredType::NATIVE_INT32; }
template <> const H5::PredType& mem_type<std::uint64_t>() { return H5::PredType::NATIVE_UINT64; }

using Dims = std::vector<hsize_t>;

Dims dims_of(const H5::DataSet& ds) {
  const H5::DataSpace space = ds.getSpace();
  Dims d(static_cast<std::size_t>(space.getSimpleExtentNdims()));
  space.getSimpleExtentDims(d.data());
  return d;
}

template <class T>
std::vector<T> read(const H5::H5File& f, const std::string& path, const Dims& expected_dims) {
  const H5::DataSet ds = f.openDataSet(path);
  CHECK_MESSAGE(dims_of(ds) == expected_dims, path);
  std::size_t n = 1;
  for (hsize_t d : expected_dims) n *= d;
  std::vector<T> v(n);
  if (n > 0) ds.read(v.data(), mem_type<T>());
  return v;
}

std::vector<std::string> read_names(const H5::H5Object& obj, const std::string& name) {
  const H5::Attribute a = obj.openAttribute(name);
  const auto n = static_cast<std::size_t>(a.getSpace().getSimpleExtentNpoints());
  std::vector<char*> raw(n, nullptr);
  const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  if (n > 0) a.read(type, raw.data());
  std::vector<std::string> out;
  for (char* p : raw) {
    out.emplace_back(p ? p : "");
    H5free_memory(p);
  }
  return out;
}

std::vector<std::string> read_strings(const H5::H5File& f, const std::string& path) {
  const H5::DataSet ds = f.openDataSet(path);
  const auto n = static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints());
  std::vector<char*> raw(n, nullptr);
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);  // HDF5 converts no strings between character sets
  if (n > 0) ds.read(raw.data(), type);
  std::vector<std::string> out;
  for (char* p : raw) {
    out.emplace_back(p ? p : "");
    H5free_memory(p);
  }
  return out;
}

std::string read_text(const H5::H5Object& obj, const std::string& name) {
  const H5::Attribute a = obj.openAttribute(name);
  std::string s;
  a.read(a.getStrType(), s);
  return s;
}

template <class T>
T read_number(const H5::H5Object& obj, const std::string& name) {
  T value{};
  obj.openAttribute(name).read(mem_type<T>(), &value);
  return value;
}

template <class Range>
std::vector<std::string> strings(const Range& r) {
  return {r.begin(), r.end()};
}

// What the file should hold: the replicates' arrays one after the other.
template <class T>
std::vector<T> concat(const std::vector<RunResult>& runs, const std::vector<T> RunResult::*member) {
  std::vector<T> out;
  for (const auto& r : runs) out.insert(out.end(), (r.*member).begin(), (r.*member).end());
  return out;
}

// Bitwise, so NaN weeks (no users of a category) compare equal too.
template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

// Every dataset below `group`, as full paths.
void collect_datasets(const H5::Group& group, const std::string& prefix, std::vector<std::string>& out) {
  for (hsize_t i = 0; i < group.getNumObjs(); ++i) {
    const std::string name = group.getObjnameByIdx(i);
    const std::string path = prefix + "/" + name;
    if (group.childObjType(name) == H5O_TYPE_GROUP)
      collect_datasets(group.openGroup(name), path, out);
    else
      out.push_back(path);
  }
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  std::string f;
  while (std::getline(ss, f, ',')) fields.push_back(f);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

std::vector<std::string> lines_of(const fs::path& p) {
  std::vector<std::string> lines;
  std::ifstream in(p);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

double parse_or_nan(const std::string& field) { return field.empty() ? std::nan("") : std::stod(field); }

// Exact, with NaN equal to NaN: the CSV promises round-tripping numbers.
bool same_number(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

}  // namespace

// --- atomic writes --------------------------------------------------------------------------

TEST_CASE("write_atomically puts the finished file in place, creating missing directories") {
  TempDir tmp;
  const fs::path target = tmp.path / "a" / "b" / "out.txt";
  fs::path used;
  write_atomically(target, [&](const fs::path& t) {
    used = t;
    spit(t, "hello");
  });
  CHECK(used.parent_path() == target.parent_path());
  CHECK(used.filename().string().rfind("out.txt.tmp-" + std::to_string(::getpid()) + "-", 0) == 0);
  CHECK(slurp(target) == "hello");
  CHECK(names_in(target.parent_path()) == std::set<std::string>{"out.txt"});

  write_atomically(target, [](const fs::path& t) { spit(t, "second"); });
  CHECK(slurp(target) == "second");
  CHECK(names_in(target.parent_path()) == std::set<std::string>{"out.txt"});
}

TEST_CASE("write_atomically keeps the old file and leaves no temporary when the writer throws") {
  TempDir tmp;
  const fs::path target = tmp.path / "results.h5";
  spit(target, "good");
  CHECK_THROWS_WITH_AS(write_atomically(target,
                                        [](const fs::path& t) {
                                          spit(t, "half of it");
                                          throw std::runtime_error("disk on fire");
                                        }),
                       "disk on fire", std::runtime_error);
  CHECK(slurp(target) == "good");
  CHECK(names_in(tmp.path) == std::set<std::string>{"results.h5"});

  SUBCASE("a writer that makes no file fails too") {
    CHECK_THROWS_AS(write_atomically(target, [](const fs::path&) {}), std::runtime_error);
    CHECK(slurp(target) == "good");
    CHECK(names_in(tmp.path) == std::set<std::string>{"results.h5"});
  }
}

// --- HDF5 -----------------------------------------------------------------------------------

TEST_CASE("results HDF5 file holds the runs, the metadata and the axis names") {
  const Scenario s = small_scenario();
  const auto& runs = ensemble();
  REQUIRE(runs.size() == 3);
  const RunMetadata meta = metadata_for(s, runs);
  TempDir tmp;
  const fs::path path = tmp.path / "out" / "results.h5";
  write_results_h5(path, meta, runs);
  CHECK(names_in(path.parent_path()) == std::set<std::string>{"results.h5"});

  const H5::H5File f(path.string(), H5F_ACC_RDONLY);
  const hsize_t R = runs.size(), T = static_cast<hsize_t>(s.weeks) + 1, N = static_cast<hsize_t>(runs[0].people);
  const hsize_t teams = static_cast<hsize_t>(runs[0].teams);
  REQUIRE(teams == 3);  // north, south and the MT & HR staff group
  const Dims RT{R, T};

  SUBCASE("root attributes") {
    CHECK(read_text(f, "program_version") == meta.program_version);
    CHECK(read_text(f, "scenario_name") == "writer test");
    CHECK(read_text(f, "scenario_path") == meta.scenario_path);
    CHECK(read_text(f, "scenario") == meta.scenario_text);
    CHECK(read_number<std::uint64_t>(f, "seed") == kSeed);
    CHECK(read_number<std::int32_t>(f, "replicates") == 3);
    CHECK(read_number<std::int32_t>(f, "weeks") == s.weeks);
    CHECK(read_text(f, "created") == meta.created);
    CHECK(read_number<std::int32_t>(f, "threads") == 1);
  }

  SUBCASE("weekly series") {
    CHECK(same_bits(read<float>(f, "/timeseries/applying", RT), concat(runs, &RunResult::applying)));
    CHECK(same_bits(read<float>(f, "/timeseries/goal_share", RT), concat(runs, &RunResult::goal_share)));
    CHECK(same_bits(read<std::int32_t>(f, "/timeseries/stage_counts", {R, T, kStages}), concat(runs, &RunResult::stage_counts)));
    CHECK(same_bits(read<std::int32_t>(f, "/timeseries/stage_category_role", {R, T, kCategories, kRoles, kStages}),
                    concat(runs, &RunResult::stage_category_role)));
    CHECK(same_bits(read<float>(f, "/timeseries/applying_by_category", {R, T, kCategories}),
                    concat(runs, &RunResult::applying_by_category)));
    CHECK(same_bits(read<std::int32_t>(f, "/timeseries/stage_by_team", {R, T, teams, kStages}), concat(runs, &RunResult::stage_by_team)));
    CHECK(same_bits(read<float>(f, "/timeseries/needs_mean", {R, T, kNeeds}), concat(runs, &RunResult::needs_mean)));
    CHECK(same_bits(read<float>(f, "/timeseries/needs_by_category", {R, T, kCategories, kNeeds}),
                    concat(runs, &RunResult::needs_by_category)));
    CHECK(same_bits(read<float>(f, "/timeseries/skill_mean", RT), concat(runs, &RunResult::skill_mean)));
    CHECK(same_bits(read<float>(f, "/timeseries/resistance_mean", RT), concat(runs, &RunResult::resistance_mean)));
    CHECK(same_bits(read<float>(f, "/timeseries/workload", RT), concat(runs, &RunResult::workload)));
    CHECK(same_bits(read<double>(f, "/timeseries/cost_cumulative", RT), concat(runs, &RunResult::cost_cumulative)));
    CHECK(same_bits(read<double>(f, "/timeseries/cost_by_type_cumulative", {R, T, kCostRows}),
                    concat(runs, &RunResult::cost_by_type_cumulative)));
    CHECK(same_bits(read<float>(f, "/timeseries/kirkpatrick", {R, T, 4}), concat(runs, &RunResult::kirkpatrick)));
    CHECK(same_bits(read<std::int32_t>(f, "/timeseries/attendance", {R, T, kInterventionTypes}), concat(runs, &RunResult::attendance)));
    CHECK(same_bits(read<std::int32_t>(f, "/timeseries/leavers_cumulative", RT), concat(runs, &RunResult::leavers_cumulative)));
    // The programme did something, so the comparisons above are not of zeros only.
    CHECK(runs[0].cost_cumulative.back() > 0);
    CHECK(runs[0].attendance[2 * kInterventionTypes + idx(InterventionType::basic_training)] > 0);
  }

  SUBCASE("per-person records") {
    CHECK(same_bits(read<std::int8_t>(f, "/agents/category", {R, N}), concat(runs, &RunResult::category)));
    CHECK(same_bits(read<std::int8_t>(f, "/agents/role", {R, N}), concat(runs, &RunResult::role)));
    CHECK(same_bits(read<std::int8_t>(f, "/agents/stage", {R, N}), concat(runs, &RunResult::stage)));
    CHECK(same_bits(read<std::int32_t>(f, "/agents/team", {R, N}), concat(runs, &RunResult::team)));
    CHECK(same_bits(read<std::int16_t>(f, "/agents/adoption_week", {R, N}), concat(runs, &RunResult::adoption_week)));
    CHECK(same_bits(read<std::int16_t>(f, "/agents/relapses", {R, N}), concat(runs, &RunResult::relapses)));
    CHECK(same_bits(read<std::int16_t>(f, "/agents/sessions", {R, N}), concat(runs, &RunResult::sessions)));
    CHECK(same_bits(read<float>(f, "/agents/skill", {R, N}), concat(runs, &RunResult::skill)));
  }

  SUBCASE("per-replicate totals") {
    const auto goal = read<std::int32_t>(f, "/replicates/goal_week", {R});
    const auto total = read<double>(f, "/replicates/total_cost", {R});
    const auto per_adopter = read<double>(f, "/replicates/cost_per_adopter", {R});
    const auto final_applying = read<std::int32_t>(f, "/replicates/applying_final", {R});
    const auto peak = read<float>(f, "/replicates/peak_resistance", {R});
    const auto replicate = read<std::int32_t>(f, "/replicates/replicate", {R});
    const auto matrix = read<double>(f, "/replicates/cost_matrix", {R, kCostRows, kCostKinds});
    for (std::size_t r = 0; r < runs.size(); ++r) {
      CHECK(goal[r] == runs[r].goal_week);
      CHECK(total[r] == runs[r].total_cost);
      CHECK(same_number(per_adopter[r], runs[r].cost_per_adopter));
      CHECK(final_applying[r] == runs[r].applying_final);
      CHECK(peak[r] == runs[r].peak_resistance);
      CHECK(replicate[r] == runs[r].replicate);
      CHECK(std::memcmp(&matrix[r * kCostRows * kCostKinds], runs[r].cost_matrix.data(), sizeof(runs[r].cost_matrix)) == 0);
    }
  }

  SUBCASE("intervention occurrences") {
    std::size_t n = 0;
    for (const auto& r : runs) n += r.occurrences.size();
    REQUIRE(n == 3 * 3);  // three occurrences (weeks 1, 2, 4) in each replicate
    const auto replicate = read<std::int32_t>(f, "/occurrences/replicate", {n});
    const auto week = read<std::int32_t>(f, "/occurrences/week", {n});
    const auto intervention = read<std::int32_t>(f, "/occurrences/intervention", {n});
    const auto type = read<std::int8_t>(f, "/occurrences/type", {n});
    const auto targeted = read<std::int32_t>(f, "/occurrences/targeted", {n});
    const auto attendees = read<std::int32_t>(f, "/occurrences/attendees", {n});
    const auto groups = read<std::int32_t>(f, "/occurrences/groups", {n});
    const auto cost = read<double>(f, "/occurrences/cost", {n});
    const auto safety = read<float>(f, "/occurrences/mean_safety", {n});
    const auto gain = read<float>(f, "/occurrences/mean_gain", {n});
    const auto reaction = read<float>(f, "/occurrences/mean_reaction", {n});
    const auto stress = read<float>(f, "/occurrences/mean_stress", {n});
    std::size_t k = 0;
    for (std::size_t r = 0; r < runs.size(); ++r)
      for (const Occurrence& o : runs[r].occurrences) {
        CHECK(replicate[k] == static_cast<std::int32_t>(r));
        CHECK(week[k] == o.week);
        CHECK(intervention[k] == o.intervention);
        CHECK(type[k] == idx(o.type));
        CHECK(targeted[k] == o.targeted);
        CHECK(attendees[k] == o.attendees);
        CHECK(groups[k] == o.groups);
        CHECK(cost[k] == o.cost);
        CHECK(safety[k] == o.mean_safety);
        CHECK(gain[k] == o.mean_gain);
        CHECK(reaction[k] == o.mean_reaction);
        CHECK(stress[k] == o.mean_stress);
        ++k;
      }
    CHECK(read_text(f.openDataSet("/occurrences/intervention"), "labels") == "/programme/intervention");
    CHECK(read_strings(f, "/programme/intervention") == std::vector<std::string>{"kick-off", "basic training"});
    CHECK(read_names(f.openDataSet("/occurrences/type"), "intervention_types") == strings(kInterventionTypeNames));
  }

  SUBCASE("axis names") {
    std::vector<std::string> cost_rows = strings(kInterventionTypeNames);
    cost_rows.emplace_back("programme");
    CHECK(read_names(f.openDataSet("/timeseries/stage_counts"), "stages") == strings(kStageNames));
    const H5::DataSet scr = f.openDataSet("/timeseries/stage_category_role");
    CHECK(read_names(scr, "categories") == strings(kCategoryNames));
    CHECK(read_names(scr, "roles") == strings(kRoleNames));
    CHECK(read_names(scr, "stages") == strings(kStageNames));
    CHECK(read_names(scr, "axes") == std::vector<std::string>{"replicate", "week", "category", "role", "stage"});
    CHECK(read_names(f.openDataSet("/timeseries/applying_by_category"), "categories") == strings(kCategoryNames));
    CHECK(read_strings(f, "/timeseries/team") == meta.team_names);
    CHECK(read_strings(f, "/timeseries/stage") == strings(kStageNames));
    CHECK(read_strings(f, "/replicates/cost_kind") == strings(kCostKindNames));
    CHECK(read_names(f.openDataSet("/timeseries/needs_mean"), "needs") == strings(kNeedNames));
    const H5::DataSet nbc = f.openDataSet("/timeseries/needs_by_category");
    CHECK(read_names(nbc, "categories") == strings(kCategoryNames));
    CHECK(read_names(nbc, "needs") == strings(kNeedNames));
    CHECK(read_names(f.openDataSet("/timeseries/kirkpatrick"), "levels") ==
          std::vector<std::string>{"L1_reaction", "L2_learning", "L3_behaviour", "L4_results"});
    CHECK(read_names(f.openDataSet("/timeseries/cost_by_type_cumulative"), "cost_rows") == cost_rows);
    const H5::DataSet matrix = f.openDataSet("/replicates/cost_matrix");
    CHECK(read_names(matrix, "cost_rows") == cost_rows);
    CHECK(read_names(matrix, "cost_kinds") == strings(kCostKindNames));
    CHECK(read_names(f.openDataSet("/timeseries/attendance"), "intervention_types") == strings(kInterventionTypeNames));
    CHECK(read_names(f.openDataSet("/agents/category"), "categories") == strings(kCategoryNames));
    CHECK(read_names(f.openDataSet("/agents/role"), "roles") == strings(kRoleNames));
    CHECK(read_names(f.openDataSet("/agents/stage"), "stages") == strings(kStageNames));
    CHECK(read_text(f.openDataSet("/agents/team"), "labels") == "/timeseries/team");
    CHECK(read_text(f.openDataSet("/timeseries/applying"), "units") == "share 0-1");
    CHECK(read_text(f.openDataSet("/replicates/total_cost"), "units") == "EUR");
    CHECK(read_text(f.openDataSet("/agents/adoption_week"), "units") == "week");
  }

  SUBCASE("every dataset describes itself and names each of its axes") {
    std::vector<std::string> datasets;
    collect_datasets(f.openGroup("/"), "", datasets);
    // data + coordinates: timeseries 16 + 10, agents 8 + 2, replicates 6 + 1 + 2, occurrences 12 + 1, programme 1
    CHECK(datasets.size() == 16 + 10 + 8 + 2 + 6 + 1 + 2 + 12 + 1 + 1);
    for (const auto& path : datasets) {
      const H5::DataSet ds = f.openDataSet(path);
      CAPTURE(path);
      CHECK(ds.attrExists("description"));
      if (ds.attrExists("description")) CHECK(!read_text(ds, "description").empty());
      REQUIRE(ds.attrExists("axes"));
      const std::vector<std::string> axes = read_names(ds, "axes");
      REQUIRE(axes.size() == dims_of(ds).size());
      // Every axis is a dimension scale of its name in the dataset's group (what netCDF readers need).
      const std::string group = path.substr(0, path.rfind('/'));
      if (axes.size() == 1 && group + "/" + axes[0] == path) {
        CHECK(H5DSis_scale(ds.getId()) > 0);
        continue;
      }
      for (unsigned k = 0; k < axes.size(); ++k) {
        const H5::DataSet scale = f.openDataSet(group + "/" + axes[k]);
        CHECK_MESSAGE(H5DSis_attached(ds.getId(), scale.getId(), k) > 0, axes[k]);
        CHECK(dims_of(scale) == Dims{dims_of(ds)[k]});
      }
    }
  }
}

TEST_CASE("results HDF5 compresses large datasets, stores long scenario texts and empty programmes") {
  Scenario s = small_scenario(120);
  s.programme.clear();  // no occurrences at all: zero-length columns
  const auto runs = run_ensemble(s, kSeed, 3, 1);
  RunMetadata meta = metadata_for(s, runs);
  meta.scenario_text = std::string(200 * 1024, '#') + "\nend\n";  // above the 64 KiB of an inline attribute
  meta.currency = "CHF";
  TempDir tmp;
  const fs::path path = tmp.path / "long.h5";
  write_results_h5(path, meta, runs);

  const H5::H5File f(path.string(), H5F_ACC_RDONLY);
  CHECK(read_text(f, "scenario") == meta.scenario_text);
  CHECK(read_text(f.openDataSet("/timeseries/cost_cumulative"), "units") == "CHF");
  const hsize_t R = runs.size(), T = 121;
  // 3 x 121 x 125 int32: above the contiguous limit, so chunked, shuffled and deflated.
  const H5::DataSet big = f.openDataSet("/timeseries/stage_category_role");
  const H5::DSetCreatPropList big_plist = big.getCreatePlist();
  CHECK(big_plist.getLayout() == H5D_CHUNKED);
  CHECK(big_plist.getNfilters() == 2);
  CHECK(same_bits(read<std::int32_t>(f, "/timeseries/stage_category_role", {R, T, kCategories, kRoles, kStages}),
                  concat(runs, &RunResult::stage_category_role)));
  // Every dataset grows along its replicate axis (results are streamed): chunked, without a limit.
  const H5::DataSpace applying = f.openDataSet("/timeseries/applying").getSpace();
  hsize_t dims[2], max[2];
  applying.getSimpleExtentDims(dims, max);
  CHECK(dims[0] == R);
  CHECK(max[0] == H5S_UNLIMITED);
  CHECK(read<std::int32_t>(f, "/occurrences/week", {0}).empty());
  CHECK(read_strings(f, "/programme/intervention").empty());
}

// Issue 13, item 1: 5,000 team names once went into one attribute, past HDF5's 64 KiB object
// header, so a finished simulation of a large organisation ended without a file.
TEST_CASE("results HDF5 holds thousands of teams: names are a coordinate dataset, not an attribute") {
  Scenario s = small_scenario(2);
  s.programme.clear();
  s.organisation.teams.clear();
  for (int t = 0; t < 5000; ++t)
    s.organisation.teams.push_back(TeamSpec{.name = "production team number " + std::to_string(t), .supervisors = 1, .foremen = 0});
  const auto runs = run_ensemble(s, kSeed, 1, 1);
  const RunMetadata meta = metadata_for(s, runs);
  REQUIRE(meta.team_names.size() > 5000);
  std::size_t bytes = 0;
  for (const auto& n : meta.team_names) bytes += n.size();
  REQUIRE(bytes > 64 * 1024);
  TempDir tmp;
  const fs::path path = tmp.path / "many-teams.h5";
  write_results_h5(path, meta, runs);
  const H5::H5File f(path.string(), H5F_ACC_RDONLY);
  CHECK(read_strings(f, "/timeseries/team") == meta.team_names);
  CHECK(dims_of(f.openDataSet("/timeseries/stage_by_team")) == Dims{1, 3, meta.team_names.size(), kStages});
}

TEST_CASE("results HDF5 refuses ensembles it cannot describe, leaving the old file") {
  const Scenario s = small_scenario();
  TempDir tmp;
  const fs::path path = tmp.path / "results.h5";
  spit(path, "previous results");
  auto runs = ensemble();
  RunMetadata meta = metadata_for(s, runs);

  SUBCASE("no replicates") {
    meta.replicates = 0;
    CHECK_THROWS_WITH_AS(write_results_h5(path, meta, {}), doctest::Contains("empty"), std::runtime_error);
  }
  SUBCASE("replicates of different lengths") {
    runs[1] = run_ensemble(small_scenario(12), kSeed, 1, 1, nullptr, 1).front();
    CHECK_THROWS_WITH_AS(write_results_h5(path, meta, runs), doctest::Contains("replicate 1"), std::runtime_error);
  }
  SUBCASE("a replicate without its per-person records") {
    runs[2].skill.clear();
    CHECK_THROWS_WITH_AS(write_results_h5(path, meta, runs), doctest::Contains("skill"), std::runtime_error);
  }
  SUBCASE("metadata that does not match") {
    meta.team_names.pop_back();
    CHECK_THROWS_WITH_AS(write_results_h5(path, meta, runs), doctest::Contains("teams"), std::runtime_error);
  }
  CHECK(slurp(path) == "previous results");
  CHECK(names_in(tmp.path) == std::set<std::string>{"results.h5"});
}

// --- CSV ------------------------------------------------------------------------------------

TEST_CASE("CSV tables: weekly share applying and the summary metrics") {
  const Scenario s = small_scenario();
  const auto& runs = ensemble();
  const EnsembleSummary summary = summarise(s, runs, {2, 5, 52});
  TempDir tmp;
  const fs::path dir = tmp.path / "csv";
  write_csv(dir, s, runs, summary);
  CHECK(names_in(dir) == std::set<std::string>{"applying.csv", "summary.csv"});

  SUBCASE("applying.csv") {
    const auto lines = lines_of(dir / "applying.csv");
    REQUIRE(lines.size() == static_cast<std::size_t>(s.weeks) + 2);
    CHECK(lines[0] == "week,users_mean,users_p05,users_p50,users_p95,goal_group_mean,goal_group_p05,goal_group_p50,goal_group_p95");
    for (int w = 0; w <= s.weeks; ++w) {
      const auto fields = split(lines[static_cast<std::size_t>(w) + 1]);
      REQUIRE(fields.size() == 9);
      CHECK(std::stoi(fields[0]) == w);
      double users = 0, goal_group = 0;
      for (const auto& r : runs) {
        users += r.applying[static_cast<std::size_t>(w)];
        goal_group += r.goal_share[static_cast<std::size_t>(w)];
      }
      CHECK(std::stod(fields[1]) == doctest::Approx(users / static_cast<double>(runs.size())).epsilon(1e-12));
      CHECK(std::stod(fields[5]) == doctest::Approx(goal_group / static_cast<double>(runs.size())).epsilon(1e-12));
      CHECK(std::stod(fields[2]) <= std::stod(fields[3]));
      CHECK(std::stod(fields[3]) <= std::stod(fields[4]));
      CHECK(std::stod(fields[6]) <= std::stod(fields[8]));
    }
  }

  SUBCASE("summary.csv") {
    const auto lines = lines_of(dir / "summary.csv");
    CHECK(lines[0] == "metric,mean,p05,p50,p95,n");
    // Milestones 2, 5 and the horizon 10, which is also the goal's deadline (52 lies beyond it).
    const std::vector<std::string> metrics{
        "applying_week_2", "applying_week_5", "applying_week_10", "goal_group_week_2", "goal_group_week_5", "goal_group_week_10", "goal_week", "goal_probability", "total_cost",
        "cost_per_adopter", "peak_resistance", "kirkpatrick_L1_reaction", "kirkpatrick_L2_learning",
        "kirkpatrick_L3_behaviour", "kirkpatrick_L4_results"};
    REQUIRE(lines.size() == metrics.size() + 1);
    std::vector<Interval> expected = summary.applying_at;
    for (const Interval& iv : summary.goal_group_at) expected.push_back(iv);
    expected.push_back(summary.goal_week);
    expected.emplace_back();  // goal_probability: checked apart
    for (const Interval& iv : {summary.total_cost, summary.cost_per_adopter, summary.peak_resistance}) expected.push_back(iv);
    for (const Interval& iv : summary.kirkpatrick_final) expected.push_back(iv);
    for (std::size_t k = 0; k < metrics.size(); ++k) {
      const auto fields = split(lines[k + 1]);
      CAPTURE(lines[k + 1]);
      REQUIRE(fields.size() == 6);
      CHECK(fields[0] == metrics[k]);
      if (metrics[k] == "goal_probability") {
        CHECK(same_number(parse_or_nan(fields[1]), summary.goal_probability));
        CHECK(fields[2].empty());
        CHECK(fields[5].empty());
        continue;
      }
      const Interval& iv = expected[k];
      CHECK(same_number(parse_or_nan(fields[1]), iv.mean));
      CHECK(same_number(parse_or_nan(fields[2]), iv.p05));
      CHECK(same_number(parse_or_nan(fields[3]), iv.p50));
      CHECK(same_number(parse_or_nan(fields[4]), iv.p95));
      CHECK(std::stoi(fields[5]) == iv.n);
      if (iv.n == 0) CHECK(fields[1].empty());  // NaN is written as an empty field
    }
  }

  SUBCASE("a goal beyond the horizon: no probability (an empty field), not 0") {
    Scenario later = s;
    later.goal.week = 20;
    const EnsembleSummary cut = summarise(later, runs, {2, 5, 52});
    CHECK_FALSE(cut.deadline_simulated);
    write_csv(tmp.path / "cut", later, runs, cut);
    const auto lines = lines_of(tmp.path / "cut" / "summary.csv");
    bool seen = false;
    for (const auto& line : lines)
      if (line.rfind("goal_probability,", 0) == 0) {
        seen = true;
        CHECK(split(line)[1].empty());
      }
    CHECK(seen);
  }

  SUBCASE("an empty ensemble is refused") {
    CHECK_THROWS_AS(write_csv(tmp.path / "none", s, {}, summary), std::runtime_error);
  }
}
