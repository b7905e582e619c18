// Decisions under calibration uncertainty (docs/ODD.md "Parameter uncertainty"): a scenario may
// carry a calibration's weighted posterior. Replicate r of a run then draws one particle by
// weight from its own stream (seed, r, Stream::posterior, 0) and sets the fitted parameters to
// it before anything else is drawn. The draw depends only on (posterior, seed, replicate): every
// programme of a comparison gets the same parameters for the same replicate, so common random
// numbers still hold, and a run's intervals include what the data leave uncertain.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parameters.hpp"

namespace adoptsim {

struct Scenario;

// The rows a fitted name stands for: one row ("skill.decay"), or every row "prefix.<x>" for
// "prefix.*". Empty when nothing matches.
std::vector<Param> param_rows_named(std::string_view name);

struct PosteriorParameter {
  std::string name;         // as fitted: a row, or a family "prefix.*" whose values are multiplied
  std::vector<Param> rows;
  bool factor = false;
};

struct Posterior {
  std::string source;                       // the calibration file, for summaries
  std::vector<PosteriorParameter> parameters;
  std::vector<double> particles;            // particles x parameters, row-major, values
  std::vector<double> weights;              // per particle, summing to 1
  int count() const { return static_cast<int>(weights.size()); }
  double value(int particle, std::size_t k) const { return particles[static_cast<std::size_t>(particle) * parameters.size() + k]; }
};

// The particle replicate `replicate` of a run with `seed` uses.
int posterior_particle(const Posterior& posterior, std::uint64_t seed, int replicate);

// `base` with the fitted rows set to the particle's values (a family: base value x factor),
// held inside the parameter table's ranges.
Parameters posterior_parameters(const Parameters& base, const Posterior& posterior, int particle);

// The scenario replicate `replicate` simulates: itself without a posterior, else with the drawn
// parameters (and no posterior left, so the draw happens once).
Scenario scenario_for_replicate(const Scenario& scenario, std::uint64_t seed, int replicate);

}  // namespace adoptsim
