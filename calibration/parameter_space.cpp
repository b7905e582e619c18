#include "parameter_space.hpp"

#include "posterior.hpp"

#include <algorithm>
#include <cmath>

namespace adoptsim::calibration {

std::vector<Param> rows_named(const std::string& name) { return param_rows_named(name); }

std::vector<std::string> ParameterSpace::names() const {
  std::vector<std::string> out;
  for (const auto& p : parameters) out.push_back(p.name);
  return out;
}

double ParameterSpace::to_internal(int k, double value) const {
  return parameters[static_cast<std::size_t>(k)].prior == Prior::log_uniform ? std::log(value) : value;
}
double ParameterSpace::to_value(int k, double u) const {
  return parameters[static_cast<std::size_t>(k)].prior == Prior::log_uniform ? std::exp(u) : u;
}
double ParameterSpace::lower(int k) const { return to_internal(k, parameters[static_cast<std::size_t>(k)].min); }
double ParameterSpace::upper(int k) const { return to_internal(k, parameters[static_cast<std::size_t>(k)].max); }

Eigen::VectorXd ParameterSpace::internal(const std::vector<double>& values) const {
  Eigen::VectorXd u(size());
  for (int k = 0; k < size(); ++k) u[k] = to_internal(k, values[static_cast<std::size_t>(k)]);
  return u;
}

std::vector<double> ParameterSpace::values(const Eigen::VectorXd& u) const {
  std::vector<double> v(static_cast<std::size_t>(size()));
  for (int k = 0; k < size(); ++k) v[static_cast<std::size_t>(k)] = to_value(k, u[k]);
  return v;
}

bool ParameterSpace::inside(const Eigen::VectorXd& u) const {
  for (int k = 0; k < size(); ++k)
    if (!(u[k] >= lower(k) && u[k] <= upper(k))) return false;
  return true;
}

std::vector<double> ParameterSpace::from_unit(const std::vector<double>& x) const {
  std::vector<double> v(static_cast<std::size_t>(size()));
  for (int k = 0; k < size(); ++k) {
    const double t = std::clamp(x[static_cast<std::size_t>(k)], 0.0, 1.0);
    v[static_cast<std::size_t>(k)] = to_value(k, lower(k) + t * (upper(k) - lower(k)));
  }
  return v;
}

std::vector<double> ParameterSpace::to_unit(const std::vector<double>& values) const {
  std::vector<double> x(static_cast<std::size_t>(size()));
  for (int k = 0; k < size(); ++k)
    x[static_cast<std::size_t>(k)] = (to_internal(k, values[static_cast<std::size_t>(k)]) - lower(k)) / (upper(k) - lower(k));
  return x;
}

Eigen::VectorXd ParameterSpace::sample_prior(Engine& rng) const {
  Eigen::VectorXd u(size());
  for (int k = 0; k < size(); ++k) u[k] = lower(k) + uniform01d(rng) * (upper(k) - lower(k));
  return u;
}

Scenario ParameterSpace::apply(const Scenario& base, const std::vector<double>& values) const {
  Scenario s = base;
  for (std::size_t k = 0; k < parameters.size(); ++k) {
    const auto& p = parameters[k];
    for (Param row : p.rows) {
      // A factor may push a row past the table's range: keep it inside, as the table demands.
      const ParamInfo& r = info(row);
      s.parameters[row] = std::clamp(p.factor ? base.parameters[row] * values[k] : values[k], r.min, r.max);
    }
  }
  return s;
}

}  // namespace adoptsim::calibration
