#include "results_csv.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>

#include "atomic_file.hpp"
#include "result_shape.hpp"

namespace adoptsim {

namespace {

// fmt's default format for doubles is the shortest text that reads back to the same value.
std::string number(double x) { return std::isnan(x) ? std::string() : fmt::format("{}", x); }

std::string row(std::string_view metric, const Interval& iv) {
  return fmt::format("{},{},{},{},{},{}\n", metric, number(iv.mean), number(iv.p05), number(iv.p50), number(iv.p95), iv.n);
}

// Two populations, named in the header: the method's users (supervisors and foremen) and the
// goal's group (the roles the goal is about), whose share the goal line refers to.
std::string applying_table(const Band& b, const Band& g) {
  std::string text = "week,users_mean,users_p05,users_p50,users_p95,goal_group_mean,goal_group_p05,goal_group_p50,goal_group_p95\n";
  for (std::size_t w = 0; w < b.mean.size(); ++w)
    text += fmt::format("{},{},{},{},{},{},{},{},{}\n", w, number(b.mean[w]), number(b.p05[w]), number(b.p50[w]), number(b.p95[w]),
                        number(g.mean[w]), number(g.p05[w]), number(g.p50[w]), number(g.p95[w]));
  return text;
}

std::string summary_table(const EnsembleSummary& summary) {
  std::string text = "metric,mean,p05,p50,p95,n\n";
  for (std::size_t k = 0; k < summary.milestone_weeks.size() && k < summary.applying_at.size(); ++k)
    text += row(fmt::format("applying_week_{}", summary.milestone_weeks[k]), summary.applying_at[k]);
  for (std::size_t k = 0; k < summary.table_weeks.size() && k < summary.goal_group_at.size(); ++k)
    text += row(fmt::format("goal_group_week_{}", summary.table_weeks[k]), summary.goal_group_at[k]);
  text += row("goal_week", summary.goal_week);
  // A single probability over the ensemble: no spread to report.
  text += fmt::format("goal_probability,{},,,,\n", number(summary.goal_probability));
  text += row("total_cost", summary.total_cost);
  text += row("cost_per_adopter", summary.cost_per_adopter);
  text += row("peak_resistance", summary.peak_resistance);
  for (std::size_t l = 0; l < kKirkpatrickNames.size(); ++l)
    text += row(fmt::format("kirkpatrick_{}", kKirkpatrickNames[l]), summary.kirkpatrick_final[l]);
  return text;
}

}  // namespace

void write_csv(const std::filesystem::path& dir, const Scenario& s, const std::vector<RunResult>& runs,
               const EnsembleSummary& summary) {
  check_ensemble_shape(runs);
  if (runs.front().weeks != s.weeks)
    throw std::runtime_error(fmt::format("the runs have {} weeks, the scenario {}", runs.front().weeks, s.weeks));
  write_csv(dir, band_of(runs, &RunResult::applying), band_of(runs, &RunResult::goal_share), summary);
}

void write_csv(const std::filesystem::path& dir, const Band& users, const Band& goal_group, const EnsembleSummary& summary) {
  std::filesystem::create_directories(dir);
  write_text_atomically(dir / "applying.csv", applying_table(users, goal_group));
  write_text_atomically(dir / "summary.csv", summary_table(summary));
}

}  // namespace adoptsim
