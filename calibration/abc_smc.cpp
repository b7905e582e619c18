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

AbcResult abc_smc(const ParameterSpace& space, const DistanceFunction& distance, const AbcSettings& cfg, int threads,
                  const std::function<void(const Generation&)>& on_generation) {
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
        break;
      }
      if (std::isfinite(epsilon) && next > epsilon * (1 - cfg.min_epsilon_change)) {
        result.stop_reason = fmt::format("the tolerance fell by less than {:g} % in generation {}", cfg.min_epsilon_change * 100, g - 1);
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
      std::vector<Proposal> proposals(static_cast<std::size_t>(batch));
      for_blocks(&pool, static_cast<int>(batch), [&](int b) {
        const auto k = static_cast<std::uint64_t>(evaluated + b);
        Engine rng = stream(cfg.seed, Purpose::abc_proposal, static_cast<std::uint64_t>(g), k);
        Proposal& p = proposals[static_cast<std::size_t>(b)];
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
        p.distance = distance(space.values(p.u), derived_seed(cfg.seed, Purpose::abc_simulation, static_cast<std::uint64_t>(g), k));
      });
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
    gen.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    previous_u = u;
    previous_w = w;
    result.generations.push_back(gen);
    if (on_generation) on_generation(result.generations.back());
  }
  if (result.stop_reason.empty())
    result.stop_reason = fmt::format("the generation limit ({}) was reached", cfg.generations);
  return result;
}

}  // namespace adoptsim::calibration
