// The golden test: a digest of every output of the shipped reference and Bass scenarios (fixed
// seed, a few replicates). Restructuring the engine must keep these digests; a change that
// deliberately changes results (a new generator, a model change) re-pins them in the same commit
// and says why in its message. The pins were last re-pinned when the per-type outputs came to be
// hashed type by type (per_type below), on an unchanged engine: same results, new digest function.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "fixtures.hpp"
#include "model.hpp"
#include "parallel.hpp"

using namespace adoptsim;

namespace {

// 64-bit FNV-1a over the bytes of every output, in a fixed order.
struct Digest {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  void bytes(const void* p, std::size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ c[i]) * 0x100000001b3ULL;
  }
  template <class T>
  void value(const T& v) {
    static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>);
    bytes(&v, sizeof v);
  }
  template <class T>
  void array(const std::vector<T>& v) {
    value(v.size());
    if (!v.empty()) bytes(v.data(), v.size() * sizeof(T));
  }
};

// The per-type outputs (cost by type, attendance, the cost matrix), type by type under the
// type's name, leaving out the types a run never used (all zero). So the digest pins what the
// model did, not the length of the intervention catalogue: appending a type to the table
// (sim/intervention_types.hpp) leaves it unchanged unless the pinned scenarios use the type.
void per_type(Digest& d, const RunResult& r) {
  const std::size_t rows = static_cast<std::size_t>(r.weeks) + 1;
  for (int k = 0; k < kCostRows; ++k) {
    const auto u = static_cast<std::size_t>(k);
    std::vector<double> cost(rows);
    std::vector<std::int32_t> attended(k == kProgrammeCostRow ? 0 : rows);
    for (std::size_t w = 0; w < rows; ++w) cost[w] = r.cost_by_type_cumulative[w * kCostRows + u];
    for (std::size_t w = 0; w < attended.size(); ++w) attended[w] = r.attendance[w * kInterventionTypes + u];
    std::vector<double> matrix(r.cost_matrix.begin() + k * kCostKinds, r.cost_matrix.begin() + (k + 1) * kCostKinds);
    const auto zero = [](const auto& v) { return std::all_of(v.begin(), v.end(), [](auto x) { return x == 0; }); };
    if (k != kProgrammeCostRow && zero(cost) && zero(attended) && zero(matrix)) continue;
    const std::string_view name = k == kProgrammeCostRow ? std::string_view("programme") : kInterventionTypeNames[u];
    d.bytes(name.data(), name.size());
    d.array(cost), d.array(attended), d.array(matrix);
  }
}

std::uint64_t digest(const RunResult& r) {
  Digest d;
  d.value(r.weeks), d.value(r.people), d.value(r.teams), d.value(r.users), d.value(r.seed), d.value(r.replicate);
  d.array(r.applying), d.array(r.goal_share), d.array(r.stage_counts), d.array(r.stage_category_role);
  d.array(r.applying_by_category), d.array(r.stage_by_team), d.array(r.needs_mean), d.array(r.needs_by_category);
  d.array(r.skill_mean), d.array(r.resistance_mean), d.array(r.workload), d.array(r.cost_cumulative);
  d.array(r.kirkpatrick), d.array(r.leavers_cumulative);
  per_type(d, r);
  d.value(r.occurrences.size());
  for (const auto& o : r.occurrences) {
    d.value(o.week), d.value(o.intervention), d.value(o.type), d.value(o.targeted), d.value(o.attendees), d.value(o.groups);
    d.value(o.cost), d.value(o.mean_safety), d.value(o.mean_gain), d.value(o.mean_reaction), d.value(o.mean_stress);
  }
  d.value(r.goal_week), d.value(r.total_cost), d.value(r.applying_final), d.value(r.cost_per_adopter), d.value(r.peak_resistance);
  d.array(r.category), d.array(r.role), d.array(r.stage), d.array(r.team), d.array(r.adoption_week), d.array(r.relapses);
  d.array(r.sessions), d.array(r.skill);
  return d.h;
}

std::string hex(std::uint64_t h) {
  char s[17];
  std::snprintf(s, sizeof s, "%016llx", static_cast<unsigned long long>(h));
  return s;
}

std::vector<std::string> digests(const std::string& file, int replicates, ThreadPool* pool) {
  const Scenario s = test::shipped(file);
  std::vector<std::string> out;
  for (int r = 0; r < replicates; ++r) out.push_back(hex(digest(run_replicate(s, s.seed, r, pool))));
  return out;
}

}  // namespace

TEST_CASE("golden: every output of the reference scenario, replicates 0-2, is pinned") {
  const std::vector<std::string> pinned{"fb5a710df8cfe635", "bb10b3ff7be3429a", "65d272af2c8e5172"};
  const auto serial = digests("reference.toml", 3, nullptr);
  ThreadPool pool(3);
  CHECK(digests("reference.toml", 3, &pool) == serial);
  for (std::size_t r = 0; r < pinned.size(); ++r) CHECK_MESSAGE(serial[r] == pinned[r], "replicate " << r);
}

TEST_CASE("golden: every output of the Bass scenario, replicates 0-2, is pinned") {
  const std::vector<std::string> pinned{"9b41ecc478286a3b", "db46fed40a3b8036", "d846c892dccd8f2f"};
  const auto serial = digests("bass.toml", 3, nullptr);
  ThreadPool pool(3);
  CHECK(digests("bass.toml", 3, &pool) == serial);
  for (std::size_t r = 0; r < pinned.size(); ++r) CHECK_MESSAGE(serial[r] == pinned[r], "replicate " << r);
}
