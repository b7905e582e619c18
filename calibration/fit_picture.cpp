#include "fit_picture.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "distance.hpp"
#include "png.hpp"
#include "raster.hpp"

namespace adoptsim::calibration {

namespace {

std::string what_is_measured(const Series& s) {
  switch (s.indicator) {
    case Indicator::applying: return "Share applying the method";
    case Indicator::adopted: return "Share adopted (cumulative)";
    case Indicator::stage: return fmt::format("Share in stage {}", kStageNames[static_cast<std::size_t>(idx(s.stage))]);
    case Indicator::skill: return "Mean skill of the users";
    case Indicator::skill_trained: return "Mean skill of the trained users";
    case Indicator::reaction: return "Mean reaction score";
  }
  return s.label();
}

std::string y_label(const Series& s) {
  if (is_share(s.indicator)) return "Share of the group";
  return s.indicator == Indicator::reaction ? "Reaction score" : "Skill";
}

std::string group_text(const Group& g) {
  if (g.kind == GroupKind::everyone) return "everyone";
  if (g.kind == GroupKind::users) return "the method's users";
  return g.name;
}

}  // namespace

plot::Figure fit_figure(const CalibrationConfig& c, const CalibrationOutcome& o) {
  const Problem& p = c.problem;
  const bool diffusion = c.data.format == DataFormat::cumulative_adoption && c.data.weeks_per_period > 1;
  const double per = diffusion ? static_cast<double>(c.data.weeks_per_period) : 1.0;
  const double bass_per = c.data.format == DataFormat::cumulative_adoption ? static_cast<double>(c.data.weeks_per_period) : 1.0;
  const std::string model_label = o.abc ? "Posterior predictive mean, 90 % band" : "Simulations at the point estimate: mean, 90 % band";

  plot::Figure fig;
  fig.title = fmt::format("{}: {} fit to the data", c.name, o.abc ? "ABC-SMC" : "Nelder-Mead");

  // Subtitle: how close, in the distance's own units, and against Bass where there is one.
  double sum = 0;
  int inside = 0;
  for (std::size_t k = 0; k < p.observations.size(); ++k) {
    const Observation& ob = p.observations[k];
    const double z = (ob.value - o.fit.mean[k]) / standard_error(ob, p.distance);
    sum += z * z;
    inside += ob.value >= o.fit.p05[k] && ob.value <= o.fit.p95[k];
  }
  const double distance = p.observations.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(p.observations.size()));
  std::string sub = o.abc ? fmt::format("{} simulations from the posterior (generation {}, {} particles)", o.fit.draws, o.abc->generations.back().index,
                                        o.abc->generations.back().accepted)
                          : fmt::format("{} simulations at the point estimate (search distance {:.3g})", o.fit.draws, o.point->value);
  sub += fmt::format("\ndistance of their mean to the data {:.3g}; {} of {} observations inside their 90 % band", distance, inside,
                     p.observations.size());
  // Each group's closed-form Bass curve (m within the group's size), drawn on its `adopted` chart.
  const auto bass_groups = c.data.format == DataFormat::cumulative_adoption ? compare_with_bass_by_group(p, o.fit, static_cast<int>(bass_per))
                                                                              : std::vector<GroupComparison>{};
  if (o.bass)
    sub += fmt::format("; cumulative adopters' RMSE {:.1f} people (closed-form Bass: {:.1f})", o.bass->model_rmse, o.bass->fit.rmse);
  else if (bass_groups.size() == 1)  // one village fitted by itself
    sub += fmt::format("; cumulative adopters' RMSE {:.1f} people (closed-form Bass, m <= n: {:.1f})", bass_groups[0].comparison.model_rmse,
                       bass_groups[0].comparison.fit.rmse);
  fig.subtitle = sub;

  for (const Band& curve : o.fit.curves) {
    if (curve.mean.empty()) continue;
    const Series& s = curve.series;
    plot::Chart ch;
    ch.title = fmt::format("{}: {}", what_is_measured(s), group_text(s.group));
    ch.x_label = diffusion ? fmt::format("Survey period ({} simulated weeks each)", c.data.weeks_per_period) : "Week";
    ch.y_label = y_label(s);
    ch.y_percent = is_share(s.indicator);

    plot::Line mean{model_label, {}, {}, kFitLineColour, 2.5f};
    plot::Band band{model_label, {}, {}, {}, kFitBandColour};
    double top = 0;
    for (std::size_t w = 0; w < curve.mean.size(); ++w) {
      const double x = static_cast<double>(w) / per;
      mean.x.push_back(x);
      mean.y.push_back(curve.mean[w]);
      band.x.push_back(x);
      band.lo.push_back(curve.p05[w]);
      band.hi.push_back(curve.p95[w]);
      if (std::isfinite(curve.p95[w])) top = std::max(top, curve.p95[w]);
    }
    plot::Points seen{"Observed, 90 % sampling interval from n", {}, {}, {}, {}, kObservedColour, 8.0f};
    double n = 0;
    for (const Observation& ob : p.observations) {
      if (!(ob.series == s)) continue;
      const double se = standard_error(ob, p.distance);
      seen.x.push_back(ob.week / per);
      seen.y.push_back(ob.value);
      double lo = ob.value - 1.645 * se, hi = ob.value + 1.645 * se;
      if (is_share(s.indicator)) lo = std::max(0.0, lo), hi = std::min(1.0, hi);
      seen.y_lo.push_back(lo);
      seen.y_hi.push_back(hi);
      top = std::max(top, hi);
      n = ob.n;
    }
    ch.bands.push_back(band);
    ch.lines.push_back(mean);
    // The closed-form Bass curve fitted to this group's cumulative adoption (the whole population's or a village's).
    const auto group_bass = std::find_if(bass_groups.begin(), bass_groups.end(), [&](const GroupComparison& g) { return g.group == s.group.name; });
    if (s.indicator == Indicator::adopted && group_bass != bass_groups.end() && n > 0) {
      const auto& b = group_bass->comparison.fit;
      plot::Line bass{fmt::format("Closed-form Bass fit (dashed): p = {:.2g}, q = {:.2g}", b.p, b.q), {}, {}, kBassColour, 2.5f, true};
      for (std::size_t w = 0; w < curve.mean.size(); ++w) {
        const double t = static_cast<double>(w) / bass_per;  // Bass's time axis, as in compare_with_bass
        bass.x.push_back(static_cast<double>(w) / per);
        bass.y.push_back(bass_cumulative(b.p, b.q, b.m, t) / n);
        top = std::max(top, bass.y.back());
      }
      ch.lines.push_back(bass);
    }
    ch.points.push_back(seen);
    // A little room right of the last week, so that a point there is not cut in half.
    ch.x_range = plot::Range{0, 1.025 * static_cast<double>(curve.mean.size() - 1) / per};
    // Shares from 0 %; means (skill, reaction score) on the range of their values.
    if (ch.y_percent) ch.y_range = plot::Range{0, top <= 0 ? 1.0 : std::min(1.0, top * 1.08)};
    // The same entries in every chart: one legend, in the first chart (and where Bass adds one),
    // in a corner free of data or else beside the plot.
    ch.legend = fig.charts.empty() || ch.lines.size() > 1;
    fig.charts.push_back(std::move(ch));
  }

  const int count = static_cast<int>(fig.charts.size());
  fig.columns = count <= 1 ? 1 : count <= 4 ? 2 : count <= 9 ? 3 : 4;
  const int rows = std::max(1, (count + fig.columns - 1) / fig.columns);
  fig.size = {fig.columns == 1 ? 1200.0f : 700.0f * static_cast<float>(fig.columns), 110.0f + 500.0f * static_cast<float>(rows)};
  return fig;
}

void write_fit_picture(const std::string& path, const CalibrationConfig& config, const CalibrationOutcome& outcome) {
  const plot::Figure fig = fit_figure(config, outcome);
  if (fig.charts.empty()) throw std::runtime_error("writing " + path + ": the fit has no observed series to draw");
  try {
    plot::save_png(plot::render(fig), path);
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("writing the fit picture {}: {}", path, e.what()));
  }
}

}  // namespace adoptsim::calibration
