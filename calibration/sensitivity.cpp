#include "sensitivity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "parallel.hpp"
#include "streams.hpp"
#include "summary.hpp"

namespace adoptsim::calibration {

// ------------------------------------------------------------------------------------------
// Morris
// ------------------------------------------------------------------------------------------
namespace {
double morris_delta(int levels) { return levels / (2.0 * (levels - 1)); }
}  // namespace

std::vector<Point> morris_design(int d, const MorrisSettings& s) {
  if (s.levels < 2 || s.levels % 2 != 0) throw std::invalid_argument("Morris: the number of levels must be even and at least 2");
  const double delta = morris_delta(s.levels);
  const int starts = s.levels / 2;  // grid values x with x + delta <= 1
  std::vector<Point> design;
  for (int t = 0; t < s.trajectories; ++t) {
    Engine rng = stream(s.seed, Purpose::morris, static_cast<std::uint64_t>(t));
    Point x(static_cast<std::size_t>(d));
    for (double& v : x) v = static_cast<double>(uniform_index(rng, static_cast<std::uint32_t>(starts))) / (s.levels - 1);
    std::vector<int> order(static_cast<std::size_t>(d));
    std::iota(order.begin(), order.end(), 0);
    for (int i = d - 1; i > 0; --i) std::swap(order[static_cast<std::size_t>(i)], order[uniform_index(rng, static_cast<std::uint32_t>(i + 1))]);
    // Half the steps go down: start those parameters at the top of their move.
    std::vector<int> down(static_cast<std::size_t>(d));
    for (int i = 0; i < d; ++i) {
      down[static_cast<std::size_t>(i)] = static_cast<int>(uniform_index(rng, 2));
      if (down[static_cast<std::size_t>(i)]) x[static_cast<std::size_t>(i)] += delta;
    }
    design.push_back(x);
    for (int i : order) {
      x[static_cast<std::size_t>(i)] += down[static_cast<std::size_t>(i)] ? -delta : delta;
      design.push_back(x);
    }
  }
  return design;
}

MorrisResult morris_analyse(const std::vector<Point>& design, const std::vector<double>& f, int d, const MorrisSettings& s) {
  std::vector<std::vector<double>> effects(static_cast<std::size_t>(d));
  const std::size_t per = static_cast<std::size_t>(d) + 1;
  for (std::size_t t = 0; t * per < design.size(); ++t)
    for (std::size_t k = 1; k < per; ++k) {
      const Point& a = design[t * per + k - 1];
      const Point& b = design[t * per + k];
      for (int i = 0; i < d; ++i) {
        const double step = b[static_cast<std::size_t>(i)] - a[static_cast<std::size_t>(i)];
        if (step != 0) effects[static_cast<std::size_t>(i)].push_back((f[t * per + k] - f[t * per + k - 1]) / step);
      }
    }
  MorrisResult r;
  for (const auto& e : effects) {
    double mu = 0, mu_star = 0, var = 0;
    for (double x : e) {
      mu += x / static_cast<double>(e.size());
      mu_star += std::fabs(x) / static_cast<double>(e.size());
    }
    for (double x : e) var += (x - mu) * (x - mu);
    r.mu.push_back(mu);
    r.mu_star.push_back(mu_star);
    r.sigma.push_back(e.size() > 1 ? std::sqrt(var / static_cast<double>(e.size() - 1)) : 0.0);
  }
  (void)s;
  return r;
}

// ------------------------------------------------------------------------------------------
// Sobol / Saltelli
// ------------------------------------------------------------------------------------------
std::vector<Point> saltelli_design(int d, const SobolSettings& s) {
  const auto dims = static_cast<std::size_t>(2 * d);
  boost::random::sobol qrng(dims);
  qrng.discard(dims);  // the first point is the origin
  // A random shift (Cranley-Patterson rotation) per dimension makes the design a random sample
  // with the low discrepancy of the sequence: a different seed gives an independent estimate.
  Engine rng = stream(s.seed, Purpose::saltelli, 0);
  std::vector<double> shift(dims);
  for (double& v : shift) v = uniform01d(rng);
  const auto n = static_cast<std::size_t>(s.samples);
  std::vector<Point> a(n, Point(static_cast<std::size_t>(d))), b = a;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < dims; ++j) {
      double x = static_cast<double>(qrng()) * 0x1p-64 + shift[j];
      x -= std::floor(x);
      (j < static_cast<std::size_t>(d) ? a[i][j] : b[i][j - static_cast<std::size_t>(d)]) = x;
    }
  std::vector<Point> design = a;
  design.insert(design.end(), b.begin(), b.end());
  for (int p = 0; p < d; ++p)
    for (std::size_t i = 0; i < n; ++i) {
      Point x = a[i];
      x[static_cast<std::size_t>(p)] = b[i][static_cast<std::size_t>(p)];
      design.push_back(x);
    }
  return design;
}

namespace {

struct Indices {
  double variance;
  std::vector<double> first, total;
};

Indices indices(const std::vector<double>& f, int d, std::size_t n, const std::vector<std::size_t>& rows) {
  const double m = static_cast<double>(rows.size());
  double mean = 0;
  for (auto i : rows) mean += (f[i] + f[n + i]) / (2 * m);
  double var = 0;
  for (auto i : rows) var += ((f[i] - mean) * (f[i] - mean) + (f[n + i] - mean) * (f[n + i] - mean)) / (2 * m - 1);
  Indices out{var, {}, {}};
  for (int p = 0; p < d; ++p) {
    const std::size_t ab = (2 + static_cast<std::size_t>(p)) * n;
    double s1 = 0, st = 0;
    for (auto i : rows) {
      // Centred on the mean: the estimator's expectation is unchanged, its variance is not
      // inflated by a large mean (shares near 0.6 varying by a few points).
      s1 += (f[n + i] - mean) * (f[ab + i] - f[i]);
      st += (f[i] - f[ab + i]) * (f[i] - f[ab + i]);
    }
    out.first.push_back(var > 0 ? s1 / m / var : 0.0);
    out.total.push_back(var > 0 ? st / (2 * m) / var : 0.0);
  }
  return out;
}

}  // namespace

SobolResult sobol_analyse(const std::vector<double>& f, int d, const SobolSettings& s) {
  const auto n = static_cast<std::size_t>(s.samples);
  if (f.size() != n * (static_cast<std::size_t>(d) + 2)) throw std::invalid_argument("Sobol: values do not match the Saltelli design");
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  const Indices est = indices(f, d, n, all);
  SobolResult r;
  r.variance = est.variance;
  r.first = est.first;
  r.total = est.total;
  std::vector<std::vector<double>> boot_first(static_cast<std::size_t>(d)), boot_total(static_cast<std::size_t>(d));
  for (int b = 0; b < s.bootstrap; ++b) {
    Engine rng = stream(s.seed, Purpose::bootstrap, static_cast<std::uint64_t>(b));
    std::vector<std::size_t> rows(n);
    for (auto& i : rows) i = uniform_index(rng, static_cast<std::uint32_t>(n));
    const Indices x = indices(f, d, n, rows);
    for (int p = 0; p < d; ++p) {
      boot_first[static_cast<std::size_t>(p)].push_back(x.first[static_cast<std::size_t>(p)]);
      boot_total[static_cast<std::size_t>(p)].push_back(x.total[static_cast<std::size_t>(p)]);
    }
  }
  for (int p = 0; p < d; ++p) {
    const Interval a = interval_of(boot_first[static_cast<std::size_t>(p)]), t = interval_of(boot_total[static_cast<std::size_t>(p)]);
    r.first_p05.push_back(s.bootstrap > 0 ? a.p05 : std::nan(""));
    r.first_p95.push_back(s.bootstrap > 0 ? a.p95 : std::nan(""));
    r.total_p05.push_back(s.bootstrap > 0 ? t.p05 : std::nan(""));
    r.total_p95.push_back(s.bootstrap > 0 ? t.p95 : std::nan(""));
  }
  return r;
}

std::vector<double> evaluate_points(const std::vector<Point>& points, const std::function<double(const Point&, std::size_t)>& f, int threads,
                                    std::atomic<long long>* done) {
  std::vector<double> out(points.size());
  ThreadPool pool(threads);
  for_blocks(&pool, static_cast<int>(points.size()), [&](int i) {
    out[static_cast<std::size_t>(i)] = f(points[static_cast<std::size_t>(i)], static_cast<std::size_t>(i));
    if (done) done->fetch_add(1, std::memory_order_relaxed);
  });
  return out;
}

std::vector<std::string> sobol_warnings(const SobolResult& r, const std::vector<std::string>& names, int samples) {
  std::vector<std::string> out;
  constexpr double slack = 0.05;  // differences smaller than this are not worth a line
  const std::string raise = fmt::format("estimation noise at N = {}: raise --samples (or --replicates)", samples);
  for (std::size_t k = 0; k < names.size() && k < r.first.size() && k < r.total.size(); ++k) {
    const double s1 = r.first[k], st = r.total[k];
    if (s1 > 1 + slack || st > 1 + slack)
      out.push_back(fmt::format("{}: an index above 1 (S1 {:.2f}, ST {:.2f}) is {}", names[k], s1, st, raise));
    else if (s1 < -slack || st < -slack)
      out.push_back(fmt::format("{}: a negative index (S1 {:.2f}, ST {:.2f}) is {}", names[k], s1, st, raise));
    else if (s1 > st + slack)
      out.push_back(fmt::format("{}: S1 {:.2f} above ST {:.2f} cannot be (the total includes the first-order part); it is {}", names[k], s1, st, raise));
  }
  if (!(r.variance > 0)) out.push_back("the output does not vary over the design: no index means anything (is the output the right one?)");
  return out;
}

}  // namespace adoptsim::calibration
