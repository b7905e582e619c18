// Reading observed data (CSV) for calibration. Two formats:
//   observations         one row per observation: week, indicator, group, value, n [, sd]
//                        (calibration/README.md)
//   cumulative_adoption  the diffusion tables of ../shared/data (*_cumulative_adoption.csv):
//                        community, period, n_actors, cum_adopters; each row becomes the share
//                        adopted by week period x weeks_per_period, of everyone ("all") or of
//                        the team named by the community
// Every bad row is reported with file and line; no row is silently dropped.
#pragma once
#include <string>
#include <vector>

#include "observations.hpp"
#include "organisation.hpp"
#include "scenario_loader.hpp"

namespace adoptsim::calibration {

enum class DataFormat : std::uint8_t { observations, cumulative_adoption };
inline constexpr std::array<std::string_view, 2> kDataFormatNames{"observations", "cumulative_adoption"};

struct DataSource {
  std::string file;                          // relative to the current directory
  DataFormat format = DataFormat::observations;
  int weeks_per_period = 1;                  // cumulative_adoption: simulated weeks per survey period
  std::vector<std::string> communities{"all"};  // cumulative_adoption: which rows ("all" = everyone)
};

// A group as written in the data: everyone, users, role:<role>, category:<category>, team:<name>.
// Returns an explanation in `error` when it names nothing in `structure`.
Group parse_group(const std::string& text, const Structure& structure, std::string& error);

// An indicator as written: applying, adopted, skill, skill_trained, reaction, stage.<stage>.
bool parse_indicator(const std::string& text, Series& out);

std::vector<Observation> read_observations(const DataSource& source, const Structure& structure, std::vector<Diagnostic>& problems);

}  // namespace adoptsim::calibration
