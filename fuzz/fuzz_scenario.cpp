// Fuzz target: the scenario loader, then (for small organisations) one replicate of a few weeks.
// A bad input must end in a ScenarioError; anything else (a crash, another exception, a sanitizer
// report) is a finding.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "memory_estimate.hpp"
#include "model.hpp"
#include "scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace adoptsim;
  Scenario s;
  try {
    s = parse_scenario(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
  } catch (const ScenarioError&) {
    return 0;
  }
  // The run is the engine's side of the contract: a scenario that validates must run. Kept small
  // (at most 500 people, 4 weeks: the shipped reference has 200) so that the fuzzer spends its
  // time on inputs, not on simulating large organisations; the loader sees every input whole.
  // The size comes from the estimate (io/memory_estimate.hpp), which allocates nothing: a valid
  // scenario may have ten million people.
  if (replicate_footprint(s).people > 500) return 0;
  s.weeks = std::min(s.weeks, 4);
  for (auto& iv : s.programme) std::erase_if(iv.weeks, [&](int w) { return w > s.weeks; });
  std::erase_if(s.programme, [](const Intervention& iv) { return iv.weeks.empty(); });
  s.goal.week = std::min(s.goal.week, s.weeks);
  (void)run_replicate(s, s.seed, 0);
  return 0;
}
