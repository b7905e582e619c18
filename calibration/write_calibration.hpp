// Writing the results of a calibration: one HDF5 file (layout in calibration/README.md) and the
// fit to the data as CSV, each written atomically (a failed run leaves earlier files as they were).
#pragma once
#include <optional>
#include <string>

#include "abc_smc.hpp"
#include "bass_comparison.hpp"
#include "nelder_mead.hpp"
#include "predictive.hpp"
#include "read_config.hpp"

namespace adoptsim::calibration {

struct CalibrationOutcome {
  std::optional<AbcResult> abc;             // ABC-SMC
  std::optional<NelderMeadResult> point;    // Nelder-Mead (unit-cube coordinates)
  Eigen::MatrixXd particles;                // the posterior (or the single point estimate), values
  std::vector<double> weights;
  std::vector<ParameterSummary> summary;
  Fit fit;
  std::optional<BassComparison> bass;
  double seconds = 0;
  long long simulations = 0;
  int threads = 1;
  std::string program_version, created;
};

void write_calibration_h5(const std::string& path, const CalibrationConfig& config, const CalibrationOutcome& outcome);

// week,indicator,group,observed,n,observed_p05,observed_p95,predicted_mean,predicted_p05,predicted_p95
// (observed_p05/p95: the observation's 90 % sampling interval from n).
void write_fit_csv(const std::string& path, const CalibrationConfig& config, const Fit& fit);

}  // namespace adoptsim::calibration
