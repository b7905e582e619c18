// The fit picture of a calibration: one chart per observed series (indicator and group) with the
// observed points and their 90 % sampling intervals from n, the model's predictive mean and its
// 5-95 % band week by week, and for diffusion data the closed-form Bass curve as a dashed line.
// fit_figure() only builds the chart description (plot/chart.hpp); write_fit_picture() renders it
// and writes the PNG atomically, next to the HDF5 and CSV writers.
#pragma once
#include <string>

#include "chart.hpp"
#include "read_config.hpp"
#include "write_calibration.hpp"

namespace adoptsim::calibration {

// The colours of the picture, fixed so that a reader (and the tests) can tell them apart.
inline constexpr plot::Color kFitLineColour = plot::rgb(0x0072B2);              // predictive mean
inline constexpr plot::Color kFitBandColour = plot::rgb(0x0072B2, 64);          // 5-95 % band (25 % opacity)
inline constexpr plot::Color kObservedColour = plot::rgb(0x000000);             // observed points, error bars
inline constexpr plot::Color kBassColour = plot::rgb(0xD55E00);                 // closed-form Bass, dashed

plot::Figure fit_figure(const CalibrationConfig& config, const CalibrationOutcome& outcome);

// Renders fit_figure() at its size and writes it to `path` as PNG: a temporary file in the same
// directory (created if missing) renamed into place, so `path` is the earlier file or the new one.
void write_fit_picture(const std::string& path, const CalibrationConfig& config, const CalibrationOutcome& outcome);

}  // namespace adoptsim::calibration
