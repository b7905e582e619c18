// The demo figure: what `adoptsim compare` and the live window will draw, written to
// <temp dir>/plot_demo.png (normally /tmp/plot_demo.png) for a person to look at.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

#include "png.hpp"
#include "raster.hpp"

using namespace adoptsim::plot;

namespace {

double logistic(double t, double mid, double rate) { return 1.0 / (1.0 + std::exp(-rate * (t - mid))); }

Figure demo_figure() {
  Figure fig;
  fig.title = "Pilot programme: adoption by Rogers category";
  fig.columns = 1;
  fig.size = {1200, 2100};

  Chart curves;
  curves.title = "Share applying the method (median of 200 runs, 90 % band)";
  curves.x_label = "Week";
  curves.y_label = "Share applying";
  curves.y_percent = true;
  curves.y_range = Range{0, 1};
  const char* names[] = {"Innovators", "Early adopters", "Early majority", "Late majority", "Laggards"};
  const double mids[] = {10, 20, 36, 55, 80}, tops[] = {0.97, 0.93, 0.88, 0.8, 0.62};
  for (int k = 0; k < 5; ++k) {
    Line l{names[k], {}, {}};
    Band b{names[k], {}, {}, {}};
    for (int w = 0; w <= 104; ++w) {
      const double y = tops[k] * logistic(w, mids[k], 0.18 - 0.02 * k);
      const double spread = 0.02 + 0.35 * y * (1 - y);
      l.x.push_back(w);
      l.y.push_back(y);
      b.x.push_back(w);
      b.lo.push_back(std::max(0.0, y - spread));
      b.hi.push_back(std::min(1.0, y + spread));
    }
    curves.lines.push_back(l);
    curves.bands.push_back(b);
  }
  curves.rules.push_back({Rule::Axis::y, 0.8, "Goal: 80 % applying"});
  curves.rules.push_back({Rule::Axis::x, 78, "Deadline (week 78)", rgb(0xB22222)});
  curves.markers = {{2, "Kick-off"}, {8, "Training 1"}, {12, "Training 2"}, {26, "Masterclass"}, {52, "Review"}, {53, "Budget"}};
  fig.charts.push_back(curves);

  Chart stages;
  stages.title = "Where people are in the change (mean of 200 runs)";
  stages.x_label = "Week";
  stages.y_label = "Share of staff";
  stages.y_percent = true;
  StackedArea a;
  a.labels = {"Applying", "Trying", "Aware", "Unaware"};
  for (int w = 0; w <= 104; ++w) {
    const double applying = 0.75 * logistic(w, 45, 0.1), trying = 0.25 * std::exp(-std::pow((w - 30) / 18.0, 2));
    const double aware = std::max(0.0, (1 - applying - trying) * logistic(w, 12, 0.25));
    a.x.push_back(w);
    if (a.layers.empty()) a.layers.resize(4);
    a.layers[0].push_back(applying);
    a.layers[1].push_back(trying);
    a.layers[2].push_back(aware);
    a.layers[3].push_back(1 - applying - trying - aware);
  }
  stages.areas.push_back(a);
  stages.markers = curves.markers;
  fig.charts.push_back(stages);

  Chart fit;
  fit.title = "Calibration: posterior predictive vs observed survey counts";
  fit.x_label = "Week";
  fit.y_label = "People applying the method";
  Line median{"Model (median, 90 % predictive band)", {}, {}};
  Band band{median.label, {}, {}, {}};
  Points seen{"Observed (survey, 90 % CI)", {}, {}, {}, {}, rgb(0x000000)};
  for (int w = 0; w <= 60; ++w) {
    const double y = 1400 * logistic(w, 28, 0.15);
    median.x.push_back(w);
    median.y.push_back(y);
    band.x.push_back(w);
    band.lo.push_back(std::max(0.0, y * 0.82 - 20));
    band.hi.push_back(y * 1.15 + 20);
    if (w % 8 == 4) {
      const double obs = y * (1 + 0.08 * std::sin(w));
      seen.x.push_back(w);
      seen.y.push_back(obs);
      seen.y_lo.push_back(std::max(0.0, obs - 40 - 0.06 * obs));
      seen.y_hi.push_back(obs + 40 + 0.06 * obs);
    }
  }
  fit.lines.push_back(median);
  fit.bands.push_back(band);
  fit.points.push_back(seen);
  fit.rules.push_back({Rule::Axis::y, 1000, "Target: 1,000 people"});
  fig.charts.push_back(fit);
  return fig;
}

}  // namespace

TEST_CASE("plot: the demo figure renders and is written as PNG") {
  const Figure fig = demo_figure();
  const Image im = render(fig);
  CHECK(im.width == 1200);
  CHECK(im.height == 2100);
  const auto path = std::filesystem::temp_directory_path() / "plot_demo.png";
  save_png(im, path);
  CHECK(std::filesystem::file_size(path) > 1000);
  MESSAGE("demo figure: " << path.string());
}
