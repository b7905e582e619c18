#include "decision_charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "png.hpp"
#include "raster.hpp"
#include "report.hpp"
#include "summary.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

namespace {

// Mean and 90 % band of a weekly series over replicates.
template <class T>
void add_curve(plot::Chart& chart, const std::string& label, const std::vector<RunResult>& runs, const std::vector<T> RunResult::*series) {
  plot::Line line{label, {}, {}};
  plot::Band band{label, {}, {}, {}};
  const std::size_t weeks = (runs.front().*series).size();
  std::vector<double> v(runs.size());
  for (std::size_t w = 0; w < weeks; ++w) {
    for (std::size_t r = 0; r < runs.size(); ++r) v[r] = (runs[r].*series)[w];
    const Interval iv = interval_of(v);
    line.x.push_back(static_cast<double>(w));
    line.y.push_back(iv.mean);
    band.x.push_back(static_cast<double>(w));
    band.lo.push_back(iv.p05);
    band.hi.push_back(iv.p95);
  }
  chart.bands.push_back(band);
  chart.lines.push_back(line);
}

}  // namespace

plot::Figure comparison_figure(const Scenario& frame, const std::vector<std::string>& names, const std::vector<std::vector<RunResult>>& runs) {
  plot::Figure fig;
  fig.title = fmt::format("Programmes compared on the same {} replicates (mean and 90 % band)", runs.front().size());
  fig.columns = 2;
  fig.size = {1700, 720};

  plot::Chart adoption;
  std::string who = roles_text(frame.goal.roles);
  if (!who.empty()) who[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(who[0])));
  adoption.title = who + " applying the method";
  adoption.x_label = "Week";
  adoption.y_label = "Share applying";
  adoption.y_percent = true;
  adoption.y_range = plot::Range{0, 1};
  for (std::size_t p = 0; p < runs.size(); ++p) add_curve(adoption, names[p], runs[p], &RunResult::goal_share);
  adoption.rules.push_back({plot::Rule::Axis::y, frame.goal.share, fmt::format("Goal: {}", percent(frame.goal.share, 0))});
  adoption.rules.push_back({plot::Rule::Axis::x, static_cast<double>(frame.goal.week), fmt::format("Deadline (week {})", frame.goal.week),
                            plot::rgb(0xB22222)});
  adoption.legend_position = plot::LegendPosition::bottom_right;
  fig.charts.push_back(adoption);

  plot::Chart cost;
  cost.title = "Cumulative cost";
  cost.x_label = "Week";
  cost.y_label = "Cost (" + frame.currency + ")";
  for (std::size_t p = 0; p < runs.size(); ++p) add_curve(cost, names[p], runs[p], &RunResult::cost_cumulative);
  if (frame.budget > 0) cost.rules.push_back({plot::Rule::Axis::y, frame.budget, fmt::format("Budget {}", money(frame.budget)), plot::rgb(0xB22222)});
  cost.legend_position = plot::LegendPosition::top_left;
  fig.charts.push_back(cost);

  // The paired differences: the programmes' bands overlap, the interval of the replicate-by-
  // replicate difference often does not.
  if (runs.size() > 1) {
    plot::Chart diff;
    diff.title = "Difference with " + names[0] + " (paired, 90 % interval)";
    diff.x_label = "Week";
    diff.y_label = "Goal group: difference in share";
    diff.y_percent = true;
    for (std::size_t p = 1; p < runs.size(); ++p) {
      plot::Line line{names[p], {}, {}, plot::palette_colour(p)};
      plot::Band band{names[p], {}, {}, {}};
      const std::size_t weeks = runs[p].front().goal_share.size();
      std::vector<double> d(runs[p].size());
      for (std::size_t w = 0; w < weeks; ++w) {
        for (std::size_t r = 0; r < runs[p].size(); ++r) d[r] = double(runs[p][r].goal_share[w]) - double(runs[0][r].goal_share[w]);
        const Interval iv = interval_of(d);
        line.x.push_back(static_cast<double>(w));
        line.y.push_back(iv.mean);
        band.x.push_back(static_cast<double>(w));
        band.lo.push_back(iv.p05);
        band.hi.push_back(iv.p95);
      }
      diff.bands.push_back(band);
      diff.lines.push_back(line);
    }
    diff.rules.push_back({plot::Rule::Axis::y, 0.0, "No difference"});
    diff.rules.push_back({plot::Rule::Axis::x, static_cast<double>(frame.goal.week), fmt::format("Deadline (week {})", frame.goal.week),
                          plot::rgb(0xB22222)});
    diff.legend_position = plot::LegendPosition::bottom_right;
    fig.charts.push_back(diff);
    fig.columns = 3;
    fig.size = {2200, 720};
  }
  return fig;
}

plot::Figure frontier_figure(const Scenario& base, const OptimiseSettings& set, const OptimiseResult& r, double own_cost, double own_probability) {
  plot::Figure fig;
  fig.title = fmt::format("{}: cost against the probability of reaching the goal ({} by week {})", base.name, percent(base.goal.share, 0), base.goal.week);
  fig.size = {1300, 760};
  plot::Chart c;
  c.title = fmt::format("Programmes run on all {} replicates; the frontier with 90 % intervals", set.replicates);
  c.x_label = "Mean total cost (" + base.currency + ")";
  c.y_label = "P(goal reached by the deadline)";
  c.y_range = plot::Range{0, 1};
  plot::Points all{"Programmes run on all replicates", {}, {}, {}, {}, plot::rgb(0x9A9A9A), 5.0f};
  plot::Points frontier{"Frontier, numbered as its table (90 % interval)", {}, {}, {}, {}, plot::palette_colour(0), 8.0f};
  // No line through the frontier: nothing lies between its programmes. Each point carries its
  // row number of the frontier table (terminal, brief, frontier.csv order).
  for (std::size_t i = 0; i < r.candidates.size(); ++i) {
    const Candidate& cand = r.candidates[i];
    if (cand.n() < set.replicates) continue;
    all.x.push_back(cand.mean_cost());
    all.y.push_back(cand.probability().estimate);
  }
  for (int i : r.frontier) {
    const Candidate& cand = r.candidates[static_cast<std::size_t>(i)];
    const Proportion p = cand.probability();
    frontier.x.push_back(cand.mean_cost());
    frontier.y.push_back(p.estimate);
    frontier.y_lo.push_back(p.low);
    frontier.y_hi.push_back(p.high);
    frontier.tags.push_back(std::to_string(frontier.x.size()));
  }
  c.points.push_back(all);
  c.points.push_back(frontier);
  if (r.winner >= 0) {
    const Candidate& w = r.candidates[static_cast<std::size_t>(r.winner)];
    c.points.push_back({"The cheapest reaching it", {w.mean_cost()}, {w.probability().estimate}, {}, {}, plot::palette_colour(3), 13.0f});
  }
  if (own_cost >= 0) c.points.push_back({"The scenario's own programme", {own_cost}, {own_probability}, {}, {}, plot::rgb(0x000000), 10.0f});
  // Room on the right for the budget line and the own programme, which may lie beyond every point.
  double lo = INFINITY, hi = set.budget > 0 ? set.budget : -INFINITY;
  for (const auto& pts : c.points)
    for (double x : pts.x) lo = std::min(lo, x), hi = std::max(hi, x);
  if (std::isfinite(lo) && std::isfinite(hi) && hi > lo) c.x_range = plot::Range{lo - 0.03 * (hi - lo), hi + 0.03 * (hi - lo)};
  c.rules.push_back({plot::Rule::Axis::y, set.confidence, fmt::format("Required: {}", fixed(set.confidence, 2))});
  if (set.budget > 0) c.rules.push_back({plot::Rule::Axis::x, set.budget, fmt::format("Budget {}", money(set.budget)), plot::rgb(0xB22222)});
  c.legend_position = plot::LegendPosition::bottom_right;
  fig.charts.push_back(c);
  return fig;
}

std::string save_figure(const plot::Figure& figure, const std::filesystem::path& path) {
  try {
    plot::save_png(plot::render(figure), path);
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace adoptsim::cli
