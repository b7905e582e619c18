// Reading a calibration's posterior (the HDF5 file `adoptsim calibrate` writes: /posterior/
// particles with attribute parameter_names, /posterior/weights) for `--posterior` of run,
// compare and optimise. Problems are reported as a ScenarioError naming the file and the dataset.
#pragma once
#include <memory>
#include <string>

#include "posterior.hpp"

namespace adoptsim {

std::shared_ptr<const Posterior> read_posterior(const std::string& path);

// One line for run summaries: "parameters drawn per replicate from the posterior of F (N
// particles, effective sample size E): a, b, c".
std::string posterior_note(const Posterior& posterior);

}  // namespace adoptsim
