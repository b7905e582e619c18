#include "costs.hpp"
#include "optimiser.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model.hpp"
#include "parallel.hpp"

namespace adoptsim {

double Candidate::mean_cost() const {
  double sum = 0;
  for (double c : cost) sum += c;
  return cost.empty() ? 0.0 : sum / static_cast<double>(cost.size());
}

Interval Candidate::cost_interval() const {
  Interval iv = interval_of(cost);
  iv.mean = mean_cost();  // the same number everywhere it is reported (interval_of sums sorted values)
  return iv;
}

Proportion Candidate::probability(double z) const {
  return wilson(static_cast<int>(std::count(reached.begin(), reached.end(), std::uint8_t{1})), n(), z);
}

bool goal_reached_by_deadline(int goal_week, const Goal& goal) { return goal_week >= 0 && goal_week <= goal.week; }

std::vector<int> cost_probability_frontier(const std::vector<Candidate>& candidates, double budget) {
  std::vector<int> order;
  for (int i = 0; i < static_cast<int>(candidates.size()); ++i) {
    const Candidate& c = candidates[static_cast<std::size_t>(i)];
    if (c.n() > 0 && (budget <= 0 || c.mean_cost() <= budget)) order.push_back(i);
  }
  std::vector<double> cost(candidates.size()), p(candidates.size());
  for (int i : order) {
    cost[static_cast<std::size_t>(i)] = candidates[static_cast<std::size_t>(i)].mean_cost();
    p[static_cast<std::size_t>(i)] = candidates[static_cast<std::size_t>(i)].probability().estimate;
  }
  // By cost, and among equal costs the likelier first: a point is on the frontier when it is
  // likelier than every cheaper one.
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
    return cost[ua] != cost[ub] ? cost[ua] < cost[ub] : p[ua] > p[ub];
  });
  std::vector<int> frontier;
  double best = -1;
  for (int i : order)
    if (p[static_cast<std::size_t>(i)] > best) {
      frontier.push_back(i);
      best = p[static_cast<std::size_t>(i)];
    }
  return frontier;
}

namespace {

struct Job {
  int candidate, from, to;  // replicates [from, to)
};

// Runs the jobs on the pool; each writes only its own candidate's vectors, so the outcome does
// not depend on which thread runs which job.
std::int64_t run_jobs(const Scenario& base, std::vector<Candidate>& candidates, const std::vector<Job>& jobs, const OptimiseSettings& s,
                      ThreadPool& pool, OptimiseProgress* progress) {
  std::int64_t sims = 0;
  for (const Job& j : jobs) sims += j.to - j.from;
  if (progress) {
    progress->done = 0;
    progress->planned = sims;
  }
  for (const Job& j : jobs) {
    Candidate& c = candidates[static_cast<std::size_t>(j.candidate)];
    c.cost.resize(static_cast<std::size_t>(j.to));
    c.reached.resize(static_cast<std::size_t>(j.to));
  }
  // One item per (candidate, replicate): a pure function of both, so the items may be shared out
  // (s.map); each comes back as its cost and whether it reached the goal.
  std::vector<std::pair<int, int>> items;
  for (const Job& j : jobs)
    for (int r = j.from; r < j.to; ++r) items.emplace_back(j.candidate, r);
  const BatchBlock block = [&](std::int64_t first, std::int64_t count, double* out) {
    pool.parallel_for(static_cast<int>(count), [&](int i) {
      const auto [candidate, r] = items[static_cast<std::size_t>(first + i)];
      const Scenario programme = apply_knobs(base, candidates[static_cast<std::size_t>(candidate)].knobs);
      const RunResult result = run_replicate(programme, s.seed, r);
      out[2 * i] = budget_cost(result, base.budget_covers);  // what the budget is checked against
      out[2 * i + 1] = goal_reached_by_deadline(result.goal_week, programme.goal) ? 1 : 0;
      if (progress) progress->done.fetch_add(1, std::memory_order_relaxed);
    });
  };
  const std::vector<double> values = run_batch(s.map, static_cast<std::int64_t>(items.size()), 2, block);
  for (std::size_t k = 0; k < items.size(); ++k) {
    Candidate& c = candidates[static_cast<std::size_t>(items[k].first)];
    c.cost[static_cast<std::size_t>(items[k].second)] = values[2 * k];
    c.reached[static_cast<std::size_t>(items[k].second)] = values[2 * k + 1] > 0 ? 1 : 0;
  }
  return sims;
}

// One-sided lower bound of the mean of x, Student's t at n - 1 degrees of freedom.
double lower_bound(const std::vector<double>& x, double z) {
  const MeanError m = mean_error(x);
  return m.n < 2 ? -INFINITY : m.mean - t_quantile(z, m.n - 1) * m.se;
}

// After a stage: who leaves the race, and why. Every candidate in `alive` has the same replicates.
void eliminate(std::vector<Candidate>& candidates, std::vector<int>& alive, int stage, const OptimiseSettings& s, RaceStage& record) {
  const double z = normal_quantile_above(s.alpha);
  std::vector<int> sure;  // surely reach the required probability
  for (int i : alive) {
    Candidate& c = candidates[static_cast<std::size_t>(i)];
    const int k = static_cast<int>(std::count(c.reached.begin(), c.reached.end(), std::uint8_t{1}));
    if (s.budget > 0 && lower_bound(c.cost, z) > s.budget) {
      c.eliminated = Elimination::over_budget;
    } else if (exact_upper_bound(k, c.n(), s.alpha) < s.confidence) {
      c.eliminated = Elimination::cannot_reach;
    } else if (exact_lower_bound(k, c.n(), s.alpha) >= s.confidence) {
      sure.push_back(i);
    }
  }
  // The cheapest sure programmes are the ones that can show others to be dearer.
  std::sort(sure.begin(), sure.end(), [&](int a, int b) {
    return candidates[static_cast<std::size_t>(a)].mean_cost() < candidates[static_cast<std::size_t>(b)].mean_cost();
  });
  if (sure.size() > 8) sure.resize(8);
  std::vector<double> d;
  for (int i : alive) {
    Candidate& c = candidates[static_cast<std::size_t>(i)];
    if (c.eliminated != Elimination::none) continue;
    for (int j : sure) {
      if (j == i) continue;
      const Candidate& y = candidates[static_cast<std::size_t>(j)];
      d.clear();
      for (std::size_t r = 0; r < c.cost.size(); ++r) d.push_back(c.cost[r] - y.cost[r]);
      if (lower_bound(d, z) > 0) {
        c.eliminated = Elimination::dearer;
        break;
      }
    }
  }
  std::vector<int> still;
  for (int i : alive) {
    Candidate& c = candidates[static_cast<std::size_t>(i)];
    switch (c.eliminated) {
      case Elimination::none: still.push_back(i); continue;
      case Elimination::over_budget: ++record.over_budget; break;
      case Elimination::cannot_reach: ++record.cannot_reach; break;
      case Elimination::dearer: ++record.dearer; break;
    }
    c.stage = stage;
  }
  alive = std::move(still);
}

}  // namespace

OptimiseResult optimise(const Scenario& base, const std::vector<ProgrammeKnobs>& programmes, const OptimiseSettings& s, OptimiseProgress* progress) {
  OptimiseResult out;
  for (const auto& k : programmes) out.candidates.push_back(Candidate{k, {}, {}});
  ThreadPool pool(std::max(1, s.threads));
  auto& cand = out.candidates;
  const int full = std::max(1, s.replicates);

  std::vector<int> alive(cand.size());
  std::iota(alive.begin(), alive.end(), 0);
  int n = 0, next = std::min(std::max(1, s.first_replicates), full);
  for (int stage = 0; !alive.empty() && n < full; ++stage) {
    RaceStage record;
    record.programmes = static_cast<int>(alive.size());
    record.replicates = next;
    if (progress) {
      progress->stage = stage + 1;
      progress->programmes = record.programmes;
    }
    std::vector<Job> jobs;
    for (int i : alive) jobs.push_back({i, n, next});
    record.simulations = run_jobs(base, cand, jobs, s, pool, progress);
    out.race_simulations += record.simulations;
    n = next;
    next = std::min(2 * n, full);
    eliminate(cand, alive, stage, s, record);
    out.stages.push_back(record);
  }

  // The frontier, with every point on all replicates: points estimated on fewer are topped up,
  // which may move them off it and others onto it, until it holds still. Each round brings at
  // least one programme to the full count, so it ends.
  if (progress) progress->stage = 0;
  for (;;) {
    out.frontier = cost_probability_frontier(cand, s.budget);
    std::vector<Job> jobs;
    for (int i : out.frontier)
      if (cand[static_cast<std::size_t>(i)].n() < full) jobs.push_back({i, cand[static_cast<std::size_t>(i)].n(), full});
    if (jobs.empty()) break;
    if (progress) progress->programmes = static_cast<int>(jobs.size());
    out.frontier_simulations += run_jobs(base, cand, jobs, s, pool, progress);
  }

  // The winner: the cheapest programme that reaches the required probability on all replicates
  // (the programmes left in the race, and frontier points the race let go of).
  for (int i = 0; i < static_cast<int>(cand.size()); ++i) {
    const Candidate& c = cand[static_cast<std::size_t>(i)];
    if (c.n() < full || c.probability().estimate < s.confidence - 1e-12) continue;
    if (s.budget > 0 && c.mean_cost() > s.budget) continue;
    if (out.winner < 0 || c.mean_cost() < cand[static_cast<std::size_t>(out.winner)].mean_cost()) out.winner = i;
  }
  return out;
}

}  // namespace adoptsim
