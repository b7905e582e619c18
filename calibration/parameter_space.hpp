// The parameters being fitted, their priors, and how a point of the search space becomes a
// scenario. A fitted parameter is either one row of the engine's parameter table, set to the
// value ("skill.decay"), or a family of rows written with a star ("readiness.*"), whose
// scenario values are all multiplied by the value (a common factor keeps their ratios).
//
// Algorithms work in internal coordinates u: u = value for a uniform prior, u = log(value) for
// a log-uniform one. Both priors are then uniform boxes in u, so their density is a constant
// inside the box.
#pragma once
#include <Eigen/Dense>
#include <optional>
#include <string>
#include <vector>

#include "parameters.hpp"
#include "rng.hpp"
#include "scenario.hpp"

namespace adoptsim::calibration {

enum class Prior : std::uint8_t { uniform, log_uniform };
inline constexpr std::array<std::string_view, 2> kPriorNames{"uniform", "log_uniform"};

struct FittedParameter {
  std::string name;            // as written: "skill.decay" or "readiness.*"
  Prior prior = Prior::uniform;
  double min = 0, max = 1;     // bounds of the value (for a family: of the factor)
  std::vector<Param> rows;     // the table rows it sets or scales
  bool factor = false;         // a family: multiplies the scenario's values
};

// The rows a name stands for: one row, or every row "prefix.<something>" for "prefix.*".
// Empty when nothing matches.
std::vector<Param> rows_named(const std::string& name);

struct ParameterSpace {
  std::vector<FittedParameter> parameters;

  int size() const { return static_cast<int>(parameters.size()); }
  std::vector<std::string> names() const;
  double lower(int k) const;   // internal bounds
  double upper(int k) const;
  double to_internal(int k, double value) const;
  double to_value(int k, double u) const;
  Eigen::VectorXd internal(const std::vector<double>& values) const;
  std::vector<double> values(const Eigen::VectorXd& u) const;
  bool inside(const Eigen::VectorXd& u) const;
  // Unit cube [0,1]^d <-> values (for designs and the point estimate).
  std::vector<double> from_unit(const std::vector<double>& x) const;
  std::vector<double> to_unit(const std::vector<double>& values) const;
  Eigen::VectorXd sample_prior(Engine& rng) const;
  // The scenario with the fitted parameters set (or scaled from `base`'s values).
  Scenario apply(const Scenario& base, const std::vector<double>& values) const;
};

}  // namespace adoptsim::calibration
