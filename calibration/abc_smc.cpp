#include "abc_smc.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "parallel.hpp"
#include "streams.hpp"
#include "summary.hpp"

namespace adoptsim::calibration {

namespace {

double standard_normal(Engine& rng) {
  // Box-Muller from two 53-bit uniforms: portable (Boost's normal distribution is too, but this
  // keeps the draw count per proposal fixed and obvious).
  const double u1 = 1.0 - uniform01d(rng), u2 = uniform01d(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

// Index drawn with probability proportional to the normalised weights.
int draw_index(const std::vector<double>& w, Engine& rng) {
  double u = uniform01d(rng);
  for (std::size_t k = 0; k < w.size(); ++k) {
    u -= w[k];
    if (u < 0) return static_cast<int>(k);
  }
  return static_cast<int>(w.size()) - 1;
}

double ess(const std::vector<double>& w) {
  double s = 0;
  for (double x : w) s += x * x;
  return s > 0 ? 1.0 / s : 0.0;
}

struct Proposal {
  Eigen::VectorXd u;
  double distance = 0;
};

}  // namespace

Eigen::MatrixXd weighted_covariance(const Eigen::MatrixXd& x, const std::vector<double>& w) {
  const auto d = x.cols();
  Eigen::VectorXd mean = Eigen::VectorXd::Zero(d);
  for (Eigen::Index i = 0; i < x.rows(); ++i) mean += w[static_cast<std::size_t>(i)] * x.row(i).transpose();
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(d, d);
  double sum_w2 = 0;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const Eigen::VectorXd c = x.row(i).transpose() - mean;
    cov += w[static_cast<std::size_t>(i)] * c * c.transpose();
    sum_w2 += w[static_cast<std::size_t>(i)] * w[static_cast<std::size_t>(i)];
  }
  return sum_w2 < 1 ? cov / (1 - sum_w2) : cov;  // unbiased for reliability weights
}

AbcResult abc_smc(const ParameterSpace& space, const DistanceFunction& distance, const AbcSettings& settings, int threads,
                  const std::function<void(const Generation&)>& on_generation) {
  AbcSettings fixed = settings;
  fixed.max_replicates = 0;
  const ReplicatedDistance d = [&](const std::vector<double>& v, std::uint64_t seed, int) { return distance(v, seed); };
  return abc_smc(space, d, fixed, threads, on_generation);
}

namespace {

struct Noise {
  double mean = 0, sd = 0;
};

// The distance of one point re-simulated `k` times with seeds (seed, abc_noise, g, j).
Noise distance_noise(const ReplicatedDistance& distance, const std::vector<double>& values, int k, int replicates, std::uint64_t seed, int g,
                     ThreadPool& pool) {
  std::vector<double> d(static_cast<std::size_t>(k));
  for_blocks(&pool, k, [&](int j) {
    d[static_cast<std::size_t>(j)] = distance(values, derived_seed(seed, Purpose::abc_noise, static_cast<std::uint64_t>(g), static_cast<std::uint64_t>(j)), replicates);
  });
  Noise n;
  for (double x : d) n.mean += x / k;
  for (double x : d) n.sd += (x - n.mean) * (x - n.mean) / std::max(1, k - 1);
  n.sd = std::sqrt(n.sd);
  return n;
}

}  // namespace

AbcResult abc_smc(const ParameterSpace& space, const ReplicatedDistance& distance, const AbcSettings& cfg, int threads,
                  const std::function<void(const Generation&)>& on_generation, const BatchMap& map) {
  int replicates = std::max(1, cfg.replicates);
  const int d = space.size(), n = cfg.particles;
  ThreadPool pool(threads);
  AbcResult result;
  Eigen::MatrixXd previous_u;  // internal coordinates of the previous population
  std::vector<double> previous_w;
  Eigen::MatrixXd kernel_l;    // Cholesky factor of the perturbation covariance
  Eigen::MatrixXd kernel_inv;  // its inverse covariance
  double epsilon = std::numeric_limits<double>::infinity();

  for (int g = 0; g < cfg.generations; ++g) {
    const auto start = std::chrono::steady_clock::now();
    if (g > 0) {
      std::vector<double> ds = result.generations.back().distances;
      std::sort(ds.begin(), ds.end());
      const double next = quantile_sorted(ds, cfg.quantile);
      if (cfg.target_epsilon > 0 && epsilon <= cfg.target_epsilon) {
        result.stop_reason = fmt::format("the tolerance reached the target {:g}", cfg.target_epsilon);
        result.stop_rule = StopRule::target_tolerance;
        break;
      }
      if (const Generation& last = result.generations.back(); cfg.noise_floor_stop && cfg.noise_evaluations > 1 && next < last.noise_mean) {
        result.stop_reason = fmt::format("the next tolerance {:.4g} is below the simulation noise floor: the median particle of generation {}, re-simulated {} times, "
                                         "has mean distance {:.4g} (sd {:.3g}) with {} replicate{} per evaluation",
                                         next, g - 1, cfg.noise_evaluations, last.noise_mean, last.noise_sd, last.noise_replicates, last.noise_replicates == 1 ? "" : "s");
        result.stop_rule = StopRule::noise_floor;
        break;
      }
      if (std::isfinite(epsilon) && next > epsilon * (1 - cfg.min_epsilon_change)) {
        result.stop_reason = fmt::format("the tolerance fell by less than {:g} % in generation {}", cfg.min_epsilon_change * 100, g - 1);
        result.stop_rule = StopRule::stalled;
        break;
      }
      epsilon = std::max(next, cfg.target_epsilon);
      // The perturbation kernel: a normal with scaled weighted covariance of the last population;
      // a little jitter keeps it positive definite when a parameter has collapsed.
      Eigen::MatrixXd cov = cfg.kernel_scale * weighted_covariance(previous_u, previous_w);
      for (int k = 0; k < d; ++k) cov(k, k) += 1e-12 + 1e-9 * std::pow(space.upper(k) - space.lower(k), 2);
      Eigen::LLT<Eigen::MatrixXd> llt(cov);
      kernel_l = llt.matrixL();
      kernel_inv = llt.solve(Eigen::MatrixXd::Identity(d, d));
    }

    // Propose and evaluate in batches until n particles are accepted.
    const long long budget = static_cast<long long>(std::ceil(n / cfg.min_acceptance));
    std::vector<Proposal> accepted;
    long long evaluated = 0;
    const double previous_acceptance = result.generations.empty() ? 1.0 : std::max(result.generations.back().acceptance, cfg.min_acceptance);
    while (static_cast<int>(accepted.size()) < n && evaluated < budget) {
      // Batch size from deterministic quantities only (never from timing or threads).
      const long long want = static_cast<long long>(std::ceil((n - static_cast<double>(accepted.size())) / previous_acceptance * 1.1));
      const long long batch = std::min(budget - evaluated, std::max<long long>(want, std::min<long long>(n, 16)));
      // Proposal k of the generation is a pure function of (seed, g, k): the batch may be shared out
      // over processes (map); each proposal travels as its d coordinates and its distance.
      std::vector<Proposal> proposals(static_cast<std::size_t>(batch));
      const BatchBlock block = [&](std::int64_t first, std::int64_t count, double* out) {
        for_blocks(&pool, static_cast<int>(count), [&](int i) {
          const std::int64_t b = first + i;
          const auto k = static_cast<std::uint64_t>(evaluated + b);
          Engine rng = stream(cfg.seed, Purpose::abc_proposal, static_cast<std::uint64_t>(g), k);
          Proposal p;
          if (g == 0) {
            p.u = space.sample_prior(rng);
          } else {
            // Perturb a resampled particle until it lies inside the prior's support.
            for (;;) {
              const int parent = draw_index(previous_w, rng);
              Eigen::VectorXd z(d);
              for (int j = 0; j < d; ++j) z[j] = standard_normal(rng);
              p.u = previous_u.row(parent).transpose() + kernel_l * z;
              if (space.inside(p.u)) break;
            }
          }
          p.distance = distance(space.values(p.u), derived_seed(cfg.seed, Purpose::abc_simulation, static_cast<std::uint64_t>(g), k), replicates);
          double* row = out + static_cast<std::ptrdiff_t>(i) * (d + 1);
          for (int j = 0; j < d; ++j) row[j] = p.u[j];
          row[d] = p.distance;
        });
      };
      const std::vector<double> rows = run_batch(map, batch, d + 1, block);
      for (long long b = 0; b < batch; ++b) {
        Proposal& p = proposals[static_cast<std::size_t>(b)];
        const double* row = rows.data() + b * (d + 1);
        p.u = Eigen::Map<const Eigen::VectorXd>(row, d);
        p.distance = row[d];
      }
      result.replicate_runs += batch * replicates;  // every proposal of the batch was simulated
      for (long long b = 0; b < batch; ++b) {
        ++evaluated;
        const Proposal& p = proposals[static_cast<std::size_t>(b)];
        if (p.distance <= epsilon && std::isfinite(p.distance)) accepted.push_back(p);
        if (static_cast<int>(accepted.size()) == n) break;  // later proposals of the batch are discarded
      }
    }
    result.simulations += evaluated;
    if (static_cast<int>(accepted.size()) < n) {
      result.stop_reason = fmt::format("generation {} would accept fewer than {:g} % of {} proposals (tolerance {:.4g}); the posterior is generation {}",
                                       g, cfg.min_acceptance * 100, evaluated, epsilon, g - 1);
      result.stop_rule = StopRule::min_acceptance;
      if (g == 0) throw std::runtime_error("no simulation of the prior sample gave a finite distance: check the data against the scenario");
      break;
    }

    // Importance weights: prior / mixture of perturbation kernels around the last population.
    Eigen::MatrixXd u(n, d);
    for (int i = 0; i < n; ++i) u.row(i) = accepted[static_cast<std::size_t>(i)].u.transpose();
    std::vector<double> w(static_cast<std::size_t>(n), 1.0 / n);
    if (g > 0) {
      double total = 0;
      for (int i = 0; i < n; ++i) {
        double mix = 0;
        for (Eigen::Index j = 0; j < previous_u.rows(); ++j) {
          const Eigen::VectorXd diff = u.row(i).transpose() - previous_u.row(j).transpose();
          mix += previous_w[static_cast<std::size_t>(j)] * std::exp(-0.5 * diff.dot(kernel_inv * diff));
        }
        w[static_cast<std::size_t>(i)] = mix > 0 ? 1.0 / mix : 0.0;
        total += w[static_cast<std::size_t>(i)];
      }
      for (double& x : w) x /= total;
    }

    Generation gen;
    gen.index = g;
    gen.epsilon = epsilon;
    gen.evaluated = static_cast<int>(evaluated);
    gen.accepted = n;
    gen.acceptance = static_cast<double>(n) / static_cast<double>(evaluated);
    gen.ess = ess(w);
    gen.particles.resize(n, d);
    for (int i = 0; i < n; ++i) {
      const auto v = space.values(u.row(i).transpose());
      for (int k = 0; k < d; ++k) gen.particles(i, k) = v[static_cast<std::size_t>(k)];
      gen.distances.push_back(accepted[static_cast<std::size_t>(i)].distance);
    }
    gen.weights = w;
    gen.replicates = replicates;
    if (cfg.noise_evaluations > 1) {
      // The median particle (by distance), re-simulated: is the distance dominated by noise?
      std::vector<int> order(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
      std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return gen.distances[static_cast<std::size_t>(a)] < gen.distances[static_cast<std::size_t>(b)]; });
      const int median = order[static_cast<std::size_t>(n / 2)];
      const auto values = space.values(u.row(median).transpose());
      Noise noise = distance_noise(distance, values, cfg.noise_evaluations, replicates, cfg.seed, g, pool);
      result.simulations += cfg.noise_evaluations;
      result.replicate_runs += static_cast<long long>(cfg.noise_evaluations) * replicates;
      while (cfg.max_replicates > replicates && noise.sd > cfg.noise_limit * noise.mean) {
        replicates = std::min(cfg.max_replicates, 2 * replicates);
        noise = distance_noise(distance, values, cfg.noise_evaluations, replicates, cfg.seed, g, pool);
        result.simulations += cfg.noise_evaluations;
        result.replicate_runs += static_cast<long long>(cfg.noise_evaluations) * replicates;
      }
      gen.noise_mean = noise.mean;
      gen.noise_sd = noise.sd;
      gen.noise_replicates = replicates;  // what the next generation uses
    }
    gen.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    previous_u = u;
    previous_w = w;
    result.generations.push_back(gen);
    if (on_generation) on_generation(result.generations.back());
  }
  if (result.stop_reason.empty()) {
    result.stop_reason = fmt::format("the generation limit ({}) was reached", cfg.generations);
    result.stop_rule = StopRule::generation_limit;
  }
  return result;
}

}  // namespace adoptsim::calibration
