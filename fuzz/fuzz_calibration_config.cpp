// Fuzz target: the calibration set-up reader (it also reads the scenario and the data it names;
// run from the repository root so the shipped examples' relative paths resolve).
#include <cstddef>
#include <cstdint>
#include <string>

#include "read_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace adoptsim;
  try {
    (void)calibration::parse_calibration(std::string(reinterpret_cast<const char*>(data), size), "fuzz-calibration.toml");
  } catch (const ScenarioError&) {
  }
  return 0;
}
