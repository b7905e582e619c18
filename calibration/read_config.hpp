// Reading a calibration set-up (TOML; every key in calibration/README.md): the scenario, the
// data, the parameters to fit with their priors, the distance, the replicates per evaluation,
// the algorithm and its settings, the seed and where the results go. Paths are relative to the
// current directory, like the scenario's data files. Every problem is reported as
// file:line:column: key: message (ScenarioError), before anything runs.
#pragma once
#include <string>

#include "abc_smc.hpp"
#include "nelder_mead.hpp"
#include "problem.hpp"
#include "read_observations.hpp"
#include "scenario_loader.hpp"

namespace adoptsim::calibration {

enum class Algorithm : std::uint8_t { abc_smc, nelder_mead };
inline constexpr std::array<std::string_view, 2> kAlgorithmNames{"abc_smc", "nelder_mead"};

// Where the Nelder-Mead simplex starts: the centre of the prior box, or the Bass-equivalent point
// of the data's closed-form Bass fit (calibration/bass_comparison.hpp).
enum class SearchStart : std::uint8_t { centre, bass };
inline constexpr std::array<std::string_view, 2> kSearchStartNames{"centre", "bass"};

struct CalibrationConfig {
  std::string path, text;          // the set-up file as read
  std::string name;
  LoadedScenario scenario;
  DataSource data;
  Problem problem;                 // scenario, observations, parameters, distance, replicates
  Algorithm algorithm = Algorithm::abc_smc;
  AbcSettings abc;
  NelderMeadSettings nelder_mead;
  SearchStart start = SearchStart::centre;
  std::vector<double> start_values;  // the start's parameter values (start = "bass"; empty: the centre)
  int predictive_draws = 200;      // simulations behind the fit's bands
  std::uint64_t seed = 1;
  std::string out, csv, picture;   // results: HDF5, fit table (CSV), fit picture (PNG)
};

CalibrationConfig load_calibration(const std::string& path);
CalibrationConfig parse_calibration(const std::string& text, const std::string& path);

}  // namespace adoptsim::calibration
