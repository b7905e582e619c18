#include "result_bytes.hpp"

#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace adoptsim {

namespace {

constexpr std::uint32_t kMagic = 0x52534441;  // "ADSR"

template <class T>
void put(Bytes& out, const T& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <class T>
void put_vector(Bytes& out, const std::vector<T>& v) {
  put<std::uint64_t>(out, v.size());
  if (!v.empty()) out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

struct Reader {
  const Bytes& in;
  std::size_t& pos;
  void need(std::size_t n) const {
    if (pos + n > in.size()) throw std::runtime_error("result bytes cut short");
  }
  template <class T>
  T get() {
    T v;
    need(sizeof v);
    std::memcpy(&v, in.data() + pos, sizeof v);
    pos += sizeof v;
    return v;
  }
  template <class T>
  void get_vector(std::vector<T>& v) {
    const auto n = get<std::uint64_t>();
    if (n > (in.size() - pos) / sizeof(T)) throw std::runtime_error("result bytes cut short");
    v.resize(n);
    if (n > 0) std::memcpy(v.data(), in.data() + pos, n * sizeof(T));
    pos += n * sizeof(T);
  }
};

// Every member, in one order for writing and reading.
template <class F>
void series_of(RunResult& r, F f) {
  f(r.applying), f(r.goal_share), f(r.stage_counts), f(r.stage_category_role), f(r.applying_by_category), f(r.stage_by_team);
  f(r.needs_mean), f(r.needs_by_category), f(r.skill_mean), f(r.resistance_mean), f(r.workload), f(r.cost_cumulative);
  f(r.cost_by_type_cumulative), f(r.kirkpatrick), f(r.attendance), f(r.leavers_cumulative);
  f(r.category), f(r.role), f(r.stage), f(r.team), f(r.adoption_week), f(r.relapses), f(r.sessions), f(r.skill);
}

}  // namespace

void append_result(Bytes& out, const RunResult& r) {
  put(out, kMagic);
  put(out, r.weeks), put(out, r.people), put(out, r.teams), put(out, r.users), put(out, r.seed), put(out, r.replicate);
  series_of(const_cast<RunResult&>(r), [&](const auto& v) { put_vector(out, v); });
  put(out, r.cost_matrix);
  put<std::uint64_t>(out, r.occurrences.size());
  for (const Occurrence& o : r.occurrences) {
    put(out, o.week), put(out, o.intervention), put(out, o.type), put(out, o.targeted), put(out, o.attendees), put(out, o.groups);
    put(out, o.cost), put(out, o.mean_safety), put(out, o.mean_gain), put(out, o.mean_reaction), put(out, o.mean_stress);
    put_vector(out, o.attendee_ids);
  }
  put<std::uint64_t>(out, r.firings.size());
  for (const RuleFiring& f : r.firings) put(out, f.week), put(out, f.rule), put(out, f.value), put_vector(out, f.teams);
  put_vector(out, r.phase_start);
  put(out, r.goal_week), put(out, r.total_cost), put(out, r.applying_final), put(out, r.cost_per_adopter), put(out, r.peak_resistance);
}

RunResult read_result(const Bytes& in, std::size_t& pos) {
  Reader rd{in, pos};
  if (rd.get<std::uint32_t>() != kMagic) throw std::runtime_error("result bytes: not a result");
  RunResult r;
  r.weeks = rd.get<int>(), r.people = rd.get<int>(), r.teams = rd.get<int>(), r.users = rd.get<int>();
  r.seed = rd.get<std::uint64_t>(), r.replicate = rd.get<int>();
  series_of(r, [&](auto& v) { rd.get_vector(v); });
  r.cost_matrix = rd.get<decltype(r.cost_matrix)>();
  const auto n = rd.get<std::uint64_t>();
  if (n > in.size()) throw std::runtime_error("result bytes cut short");
  r.occurrences.resize(n);
  for (Occurrence& o : r.occurrences) {
    o.week = rd.get<int>(), o.intervention = rd.get<int>(), o.type = rd.get<InterventionType>();
    o.targeted = rd.get<int>(), o.attendees = rd.get<int>(), o.groups = rd.get<int>();
    o.cost = rd.get<double>(), o.mean_safety = rd.get<float>(), o.mean_gain = rd.get<float>();
    o.mean_reaction = rd.get<float>(), o.mean_stress = rd.get<float>();
    rd.get_vector(o.attendee_ids);
  }
  const auto firings = rd.get<std::uint64_t>();
  if (firings > in.size()) throw std::runtime_error("result bytes cut short");
  r.firings.resize(firings);
  for (RuleFiring& f : r.firings) {
    f.week = rd.get<int>(), f.rule = rd.get<int>(), f.value = rd.get<double>();
    rd.get_vector(f.teams);
  }
  rd.get_vector(r.phase_start);
  r.goal_week = rd.get<int>(), r.total_cost = rd.get<double>(), r.applying_final = rd.get<int>();
  r.cost_per_adopter = rd.get<double>(), r.peak_resistance = rd.get<float>();
  return r;
}

Bytes results_to_bytes(const std::vector<RunResult>& runs) {
  Bytes out;
  put<std::uint64_t>(out, runs.size());
  for (const RunResult& r : runs) append_result(out, r);
  return out;
}

std::vector<RunResult> results_from_bytes(const Bytes& in) {
  std::size_t pos = 0;
  Reader rd{in, pos};
  const auto n = rd.get<std::uint64_t>();
  if (n > in.size()) throw std::runtime_error("result bytes cut short");
  std::vector<RunResult> runs;
  runs.reserve(n);
  for (std::uint64_t k = 0; k < n; ++k) runs.push_back(read_result(in, pos));
  if (pos != in.size()) throw std::runtime_error("result bytes: trailing data");
  return runs;
}

}  // namespace adoptsim
