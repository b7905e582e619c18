#include "group_search.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <set>
#include <stdexcept>

#include "grouping.hpp"
#include "model.hpp"
#include "parallel.hpp"
#include "rng.hpp"
#include "targeting.hpp"
#include "statistics.hpp"

namespace adoptsim {

bool works_in_groups(InterventionType t) { return !is_plenary(t); }

GroupScore group_score(const RunResult& r, const Scenario& s, int intervention) {
  GroupScore g;
  double gained = 0, attendances = 0, groups = 0;
  for (const Occurrence& o : r.occurrences)
    if (o.intervention == intervention) {
      gained += static_cast<double>(o.mean_gain) * o.attendees;
      attendances += o.attendees;
      groups += o.groups;
    }
  g.learning = r.users > 0 ? gained / r.users : 0.0;
  g.per_attendance = attendances > 0 ? gained / attendances : 0.0;
  g.attendees_per_group = groups > 0 ? attendances / groups : 0.0;
  const auto week = static_cast<std::size_t>(std::min(s.goal.week, r.weeks));
  g.adoption = r.goal_share[week];
  g.cost = r.total_cost;
  return g;
}

std::vector<int> placeable_people(const Scenario& s, int intervention, const Structure& st) {
  const TargetFilter filter(s.programme[static_cast<std::size_t>(intervention)].target, st);
  std::vector<int> people;
  for (int i = 0; i < st.people; ++i)
    if (filter.could_reach(st, i)) people.push_back(i);
  return people;
}

namespace {

Composition cut(const std::vector<int>& order, int size, int groups) {
  Composition c;
  std::size_t pos = 0;
  for (std::size_t n : balanced_sizes(order.size(), size, groups)) {
    c.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(pos), order.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
  }
  return c;
}

// Round robin over the groups: people with the same key end up spread out.
Composition deal(const std::vector<int>& order, int size, int groups) {
  Composition c(balanced_sizes(order.size(), size, groups).size());
  for (std::size_t k = 0; k < order.size(); ++k) c[k % c.size()].push_back(order[k]);
  return c;
}

template <class Key>
std::vector<int> sorted_by(std::vector<int> people, Key key) {
  std::stable_sort(people.begin(), people.end(), [&](int a, int b) { return key(a) < key(b); });
  return people;
}

}  // namespace

Composition random_composition(const std::vector<int>& people, int size, std::uint64_t rng_seed, int groups) {
  Engine rng = make_engine(rng_seed, 0, Stream::programme, name_hash("random composition"));
  std::vector<std::uint32_t> order(people.begin(), people.end());
  shuffle(order, rng);
  return cut(std::vector<int>(order.begin(), order.end()), size, groups);
}

Composition teams_together(const std::vector<int>& people, int size, const Structure& st, int groups) {
  return cut(sorted_by(people, [&](int i) { return st.team_of[static_cast<std::size_t>(i)]; }), size, groups);
}

Composition teams_mixed(const std::vector<int>& people, int size, const Structure& st, int groups) {
  return deal(sorted_by(people, [&](int i) { return st.team_of[static_cast<std::size_t>(i)]; }), size, groups);
}

Composition roles_mixed(const std::vector<int>& people, int size, const Structure& st, int groups) {
  return deal(sorted_by(people, [&](int i) { return idx(st.role[static_cast<std::size_t>(i)]); }), size, groups);
}

Scenario with_groups(const Scenario& s, int intervention, const Composition& groups) {
  Scenario out = s;
  out.programme[static_cast<std::size_t>(intervention)].groups = groups;
  return out;
}

namespace {

class Scorer {
 public:
  Scorer(const Scenario& s, int k, const GroupSearchSettings& set, Progress* progress)
      : s_(s), k_(k), set_(set), pool_(std::max(1, set.threads)), progress_(progress) {}

  // Scores on replicates [first, first + n): one composition for all, or one per replicate.
  std::vector<GroupScore> score(const std::function<Scenario(int replicate)>& scenario_for, int first, int n) {
    // Replicate first + j is a pure function of j: the replicates may be shared out (set_.map).
    constexpr int width = 5;
    static_assert(sizeof(GroupScore) == width * sizeof(double), "a GroupScore travels as its five values");
    const BatchBlock block = [&](std::int64_t from, std::int64_t count, double* values) {
      pool_.parallel_for(static_cast<int>(count), [&](int i) {
        const int r = first + static_cast<int>(from) + i;
        const Scenario sc = scenario_for(r);
        const GroupScore g = group_score(run_replicate(sc, set_.seed, r), sc, k_);
        double* v = values + static_cast<std::ptrdiff_t>(i) * width;
        v[0] = g.learning, v[1] = g.adoption, v[2] = g.per_attendance, v[3] = g.cost, v[4] = g.attendees_per_group;
        if (progress_) progress_->done.fetch_add(1, std::memory_order_relaxed);
      });
    };
    const std::vector<double> values = run_batch(set_.map, n, width, block);
    std::vector<GroupScore> out(static_cast<std::size_t>(n));
    for (std::size_t j = 0; j < out.size(); ++j) {
      const double* v = values.data() + j * width;
      out[j] = GroupScore{v[0], v[1], v[2], v[3], v[4]};
    }
    simulations += n;
    return out;
  }
  double search_score(const Composition& c) {
    const Scenario sc = with_groups(s_, k_, c);
    double sum = 0;
    for (const GroupScore& g : score([&](int) { return sc; }, 0, set_.search_replicates)) sum += g.learning;
    return sum / set_.search_replicates;
  }
  std::int64_t simulations = 0;

 private:
  const Scenario& s_;
  int k_;
  const GroupSearchSettings& set_;
  ThreadPool pool_;
  Progress* progress_;
};

PairedGain paired_gain(const std::vector<GroupScore>& a, const std::vector<GroupScore>& b, double (*f)(const GroupScore&)) {
  std::vector<double> d;
  PairedGain g;
  for (std::size_t r = 0; r < a.size(); ++r) {
    d.push_back(f(a[r]) - f(b[r]));
    if (d.back() > 0) ++g.better;
    if (d.back() < 0) ++g.worse;
  }
  g.difference = interval_of(d);
  g.mean_se = mean_error(d).se;
  g.replicates = static_cast<int>(d.size());
  return g;
}

// Where each person sits, by person id (-1: not placed).
std::vector<int> seats(const Composition& c, int people) {
  std::vector<int> group_of(static_cast<std::size_t>(people), -1);
  for (std::size_t g = 0; g < c.size(); ++g)
    for (int i : c[g]) group_of[static_cast<std::size_t>(i)] = static_cast<int>(g);
  return group_of;
}

// A partner for a swap that takes manager m out of a group where people report to m: someone from
// a group without m's reports. Best another manager who sits with their own reports (the swap
// frees both groups and leaves everyone else's teammates in place), else anyone who would not
// land with their own manager. -1 if m sits with none of its reports, or no one fits.
int manager_swap_partner(int m, const Composition& c, const std::vector<int>& group_of, const Structure& st, Engine& rng) {
  const int home = group_of[static_cast<std::size_t>(m)];
  auto reports_of = [&](int boss, const std::vector<int>& g) {
    return std::count_if(g.begin(), g.end(), [&](int i) { return st.manager_of[static_cast<std::size_t>(i)] == boss; });
  };
  if (home < 0 || reports_of(m, c[static_cast<std::size_t>(home)]) == 0) return -1;
  std::vector<int> managers, others;
  for (std::size_t g = 0; g < c.size(); ++g) {
    if (static_cast<int>(g) == home || reports_of(m, c[g]) > 0) continue;
    for (int i : c[g]) {
      if (reports_of(i, c[g]) > 0) managers.push_back(i);
      else if (st.manager_of[static_cast<std::size_t>(i)] < 0 || group_of[static_cast<std::size_t>(st.manager_of[static_cast<std::size_t>(i)])] != home)
        others.push_back(i);
    }
  }
  const std::vector<int>& pool = managers.empty() ? others : managers;
  if (pool.empty()) return -1;
  return pool[uniform_index(rng, static_cast<std::uint32_t>(pool.size()))];
}

void swap_people(Composition& c, std::vector<int>& group_of, int a, int b) {
  const int ga = group_of[static_cast<std::size_t>(a)], gb = group_of[static_cast<std::size_t>(b)];
  *std::find(c[static_cast<std::size_t>(ga)].begin(), c[static_cast<std::size_t>(ga)].end(), a) = b;
  *std::find(c[static_cast<std::size_t>(gb)].begin(), c[static_cast<std::size_t>(gb)].end(), b) = a;
  group_of[static_cast<std::size_t>(a)] = gb;
  group_of[static_cast<std::size_t>(b)] = ga;
}

}  // namespace

Composition teams_together_managers_apart(const std::vector<int>& people, int size, const Structure& st, int groups) {
  Composition c = teams_together(people, size, st, groups);
  std::vector<int> group_of = seats(c, st.people);
  Engine rng = make_engine(0, 0, Stream::programme, name_hash("managers apart"));
  for (int m : people) {
    const int partner = manager_swap_partner(m, c, group_of, st, rng);
    if (partner >= 0) swap_people(c, group_of, m, partner);
  }
  return c;
}

GroupProposal propose_groups(const Scenario& s, int k, const GroupSearchSettings& set, Progress* progress) {
  if (k < 0 || k >= static_cast<int>(s.programme.size())) throw std::invalid_argument("no such intervention");
  const Intervention& iv = s.programme[static_cast<std::size_t>(k)];
  if (!works_in_groups(iv.type))
    throw std::invalid_argument("'" + iv.name + "' (" + std::string(kInterventionTypeNames[static_cast<std::size_t>(idx(iv.type))]) +
                                ") does not work in groups: its composition does not matter");
  if (set.size < 1) throw std::invalid_argument("the group size must be at least 1");
  const Structure st = build_structure(s);
  const std::vector<int> people = placeable_people(s, k, st);
  if (people.empty()) throw std::invalid_argument("'" + iv.name + "' targets no one in the organisation");
  const GroupConstraints& rules = set.constraints;
  const int group_total = group_count(static_cast<int>(people.size()), set.size, rules);
  const int fixed_groups = rules.groups > 0 || rules.sizes_vary() ? group_total : 0;  // 0: the historical ceil(n / size)
  if (const std::string why = impossible(people, group_total, rules, st); !why.empty()) throw std::invalid_argument("the constraints cannot be met: " + why);
  if (progress) {
    progress->done = 0;
    progress->planned = static_cast<std::int64_t>((set.rule_starts ? 5 : 1) + set.evaluations) * set.search_replicates + 4LL * set.report_replicates;
  }

  GroupProposal out;
  Scorer scorer(s, k, set, progress);
  // Starts: what a trainer could do by rule, from what is known for sure.
  std::vector<std::pair<std::string, Composition>> starts{{"random", random_composition(people, set.size, set.seed, fixed_groups)}};
  if (set.rule_starts) {
    starts.emplace_back("teams together", teams_together(people, set.size, st, fixed_groups));
    starts.emplace_back("teams together, managers apart", teams_together_managers_apart(people, set.size, st, fixed_groups));
    starts.emplace_back("teams mixed", teams_mixed(people, set.size, st, fixed_groups));
    starts.emplace_back("roles mixed", roles_mixed(people, set.size, st, fixed_groups));
  }
  // Every start repaired until it breaks no constraint; one that cannot be repaired is not used.
  if (rules.any()) {
    Violations left{};
    std::vector<std::pair<std::string, Composition>> kept;
    for (auto& [name, c] : starts) {
      const Violations v = repair(c, rules, st);
      if (total(v) == 0) kept.emplace_back(name, std::move(c));
      else left = v;
    }
    if (kept.empty()) {
      std::string what;
      for (int k = 0; k < kConstraintKinds; ++k)
        if (left[static_cast<std::size_t>(k)] > 0) what += fmt::format("{}{} ({} left)", what.empty() ? "" : ", ", kConstraintNames[static_cast<std::size_t>(k)], left[static_cast<std::size_t>(k)]);
      throw std::invalid_argument("no composition found that meets the constraints; still broken: " + what);
    }
    starts = std::move(kept);
  }
  double best = -1e300;
  Composition start;
  for (const auto& [name, c] : starts) {
    const double v = scorer.search_score(c);
    out.starts.emplace_back(name, v);
    if (v > best) best = v, out.groups = c, start = c, out.started_from = name;
  }

  // Local search over swaps, each scored by simulation. Half the proposals go where the learning
  // rule says composition matters (a manager away from their reports, a person towards their
  // teammates), half are uniform; a swap already found no better is not tried again.
  std::vector<int> group_of = seats(out.groups, st.people);
  Engine rng = make_engine(set.seed, 0, Stream::programme, name_hash("group search"));
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(uniform_index(rng, static_cast<std::uint32_t>(n))); };
  std::set<std::pair<int, int>> tried;  // since the last accepted swap
  auto fresh = [&](int a, int b) { return a >= 0 && b >= 0 && a != b && group_of[static_cast<std::size_t>(a)] != group_of[static_cast<std::size_t>(b)] &&
                                          !tried.count({std::min(a, b), std::max(a, b)}); };
  const std::size_t G = out.groups.size();
  const int lo = rules.min_size > 0 ? rules.min_size : 1, hi = rules.max_size > 0 ? rules.max_size : 1 << 30;
  for (int e = 0; e < set.evaluations && G > 1; ++e) {
    // With a size range, a third of the candidates move one person to another group instead.
    if (rules.sizes_vary() && uniform01(rng) < 1.0 / 3.0) {
      const int a = people[pick(people.size())];
      const auto ga = static_cast<std::size_t>(group_of[static_cast<std::size_t>(a)]);
      const std::size_t gb = pick(G);
      if (gb == ga || static_cast<int>(out.groups[ga].size()) - 1 < lo || static_cast<int>(out.groups[gb].size()) + 1 > hi) continue;
      Composition candidate = out.groups;
      std::erase(candidate[ga], a);
      candidate[gb].push_back(a);
      if (total(violations(candidate, rules, st)) > 0) continue;
      const double v = scorer.search_score(candidate);
      ++out.evaluations;
      if (v > best) {
        best = v;
        out.groups = std::move(candidate);
        group_of[static_cast<std::size_t>(a)] = static_cast<int>(gb);
        ++out.accepted;
        tried.clear();
      }
      continue;
    }
    int a = -1, b = -1;
    for (int attempt = 0; attempt < 100 && !fresh(a, b); ++attempt) {
      a = people[pick(people.size())];
      b = -1;
      if (uniform01(rng) < 0.5) {
        const int m = st.manager_of[static_cast<std::size_t>(a)];
        if (m >= 0 && group_of[static_cast<std::size_t>(m)] == group_of[static_cast<std::size_t>(a)]) {
          b = manager_swap_partner(m, out.groups, group_of, st, rng);
          a = m;
        } else {
          // Towards teammates: a person from the group holding most of a's team, not of a's team.
          std::vector<int> mates(G, 0);
          for (int i : people)
            if (st.team_of[static_cast<std::size_t>(i)] == st.team_of[static_cast<std::size_t>(a)] && i != a) ++mates[static_cast<std::size_t>(group_of[static_cast<std::size_t>(i)])];
          const auto ga = static_cast<std::size_t>(group_of[static_cast<std::size_t>(a)]);
          std::size_t target = ga;
          for (std::size_t g = 0; g < G; ++g)
            if (mates[g] > mates[target]) target = g;
          std::vector<int> strangers;
          for (int i : out.groups[target])
            if (st.team_of[static_cast<std::size_t>(i)] != st.team_of[static_cast<std::size_t>(a)]) strangers.push_back(i);
          if (target != ga && !strangers.empty()) b = strangers[pick(strangers.size())];
        }
      }
      if (b < 0) b = people[pick(people.size())];
    }
    if (!fresh(a, b)) break;  // nothing left worth trying
    Composition candidate = out.groups;
    std::vector<int> candidate_seats = group_of;
    swap_people(candidate, candidate_seats, a, b);
    const Violations broken = rules.any() ? violations(candidate, rules, st) : Violations{};
    const double v = scorer.search_score(candidate);
    ++out.evaluations;
    if (total(broken) > 0) {  // refused; scored all the same, to say which constraints bind
      for (int kind = 0; kind < kConstraintKinds; ++kind)
        if (broken[static_cast<std::size_t>(kind)] > 0 && v > best) {
          ++out.refused_better[static_cast<std::size_t>(kind)];
          out.forgone[static_cast<std::size_t>(kind)] = std::max(out.forgone[static_cast<std::size_t>(kind)], v - best);
        }
      tried.insert({std::min(a, b), std::max(a, b)});
    } else if (v > best) {
      best = v;
      out.groups = std::move(candidate);
      group_of = std::move(candidate_seats);
      ++out.accepted;
      tried.clear();
    } else {
      tried.insert({std::min(a, b), std::max(a, b)});
    }
  }
  out.search_score = best;
  for (auto& g : out.groups) std::sort(g.begin(), g.end());
  out.broken = violations(out.groups, rules, st);

  // The gain, on replicates the search never saw: against a random composition of the same
  // group sizes (a different one in every replicate) and against the scenario as given.
  const int first = set.search_replicates, n = set.report_replicates;
  const Scenario proposal = with_groups(s, k, out.groups);
  out.proposal = scorer.score([&](int) { return proposal; }, first, n);
  out.random = scorer.score([&](int r) { return with_groups(s, k, random_composition(people, set.size, set.seed + 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(r) + 1), fixed_groups)); },
                            first, n);
  const Scenario started = with_groups(s, k, start);
  out.start = scorer.score([&](int) { return started; }, first, n);
  out.own = scorer.score([&](int) { return s; }, first, n);
  out.simulations = scorer.simulations;
  auto learning = [](const GroupScore& g) { return g.learning; };
  auto adoption = [](const GroupScore& g) { return g.adoption; };
  out.versus_random_learning = paired_gain(out.proposal, out.random, learning);
  out.versus_random_adoption = paired_gain(out.proposal, out.random, adoption);
  out.versus_random_per_attendance = paired_gain(out.proposal, out.random, [](const GroupScore& g) { return g.per_attendance; });
  out.versus_start_learning = paired_gain(out.proposal, out.start, learning);
  out.versus_own_learning = paired_gain(out.proposal, out.own, learning);
  out.versus_own_adoption = paired_gain(out.proposal, out.own, adoption);
  out.versus_own_cost = paired_gain(out.proposal, out.own, [](const GroupScore& g) { return g.cost; });
  return out;
}

}  // namespace adoptsim
