#include "posterior.hpp"

#include <algorithm>

#include "rng.hpp"
#include "scenario.hpp"

namespace adoptsim {

std::vector<Param> param_rows_named(std::string_view name) {
  std::vector<Param> out;
  if (name.size() > 2 && name.ends_with(".*")) {
    const std::string_view prefix = name.substr(0, name.size() - 1);  // keeps the dot
    for (const auto& row : kParamTable)
      if (row.name.starts_with(prefix)) out.push_back(row.id);
  } else if (const auto p = find_param(name)) {
    out.push_back(*p);
  }
  return out;
}

int posterior_particle(const Posterior& posterior, std::uint64_t seed, int replicate) {
  Engine rng = make_engine(seed, static_cast<std::uint64_t>(replicate), Stream::posterior, 0);
  double u = uniform01d(rng);
  const int n = posterior.count();
  for (int k = 0; k + 1 < n; ++k) {
    u -= posterior.weights[static_cast<std::size_t>(k)];
    if (u < 0) return k;
  }
  return n - 1;
}

Parameters posterior_parameters(const Parameters& base, const Posterior& posterior, int particle) {
  Parameters p = base;
  for (std::size_t k = 0; k < posterior.parameters.size(); ++k) {
    const auto& fp = posterior.parameters[k];
    const double v = posterior.value(particle, k);
    for (Param row : fp.rows) {
      const ParamInfo& r = info(row);
      p[row] = std::clamp(fp.factor ? base[row] * v : v, r.min, r.max);
    }
  }
  return p;
}

Scenario scenario_for_replicate(const Scenario& scenario, std::uint64_t seed, int replicate) {
  Scenario s = scenario;
  if (s.posterior && s.posterior->count() > 0) {
    s.parameters = posterior_parameters(scenario.parameters, *s.posterior, posterior_particle(*s.posterior, seed, replicate));
    s.posterior.reset();
  }
  return s;
}

}  // namespace adoptsim
