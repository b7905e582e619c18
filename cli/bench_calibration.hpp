// The calibration benchmark of `adoptsim bench --calibration CONFIG`.
#pragma once
#include <string>

namespace adoptsim::cli {

int bench_calibration(const std::string& config, int threads);

}  // namespace adoptsim::cli
