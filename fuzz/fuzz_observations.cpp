// Fuzz target: the observed-data CSV reader, in both formats, against the reference scenario's
// organisation (so team:<name> groups resolve). Problems must be reported, never crash.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.hpp"
#include "organisation.hpp"
#include "read_observations.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace adoptsim;
  static const Structure st = build_structure(load_scenario(ADOPTSIM_SOURCE_DIR "/scenarios/reference.toml").scenario);
  calibration::DataSource src;
  src.file = fuzz::as_file("observations.csv", data, size);
  for (auto format : {calibration::DataFormat::observations, calibration::DataFormat::cumulative_adoption}) {
    src.format = format;
    src.weeks_per_period = 4;
    src.communities = {"all", "1", st.team_names.front()};
    std::vector<Diagnostic> problems;
    (void)calibration::read_observations(src, st, problems);
  }
  return 0;
}
