#include "results_summary.hpp"

#include <H5Cpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "h5_helpers.hpp"

namespace adoptsim {

namespace {

using h5::Dims;

Dims dims_of(const H5::DataSet& ds) {
  const H5::DataSpace space = ds.getSpace();
  Dims d(static_cast<std::size_t>(space.getSimpleExtentNdims()));
  space.getSimpleExtentDims(d.data());
  return d;
}

// The block [start, start + count) of a dataset, converted to double by HDF5.
std::vector<double> read_block(const H5::DataSet& ds, const Dims& start, const Dims& count) {
  std::size_t n = 1;
  for (hsize_t c : count) n *= static_cast<std::size_t>(c);
  std::vector<double> v(n);
  if (n == 0) return v;
  H5::DataSpace file = ds.getSpace();
  file.selectHyperslab(H5S_SELECT_SET, count.data(), start.data());
  const H5::DataSpace memory(static_cast<int>(count.size()), count.data());
  ds.read(v.data(), H5::PredType::NATIVE_DOUBLE, memory, file);
  return v;
}

std::vector<double> read_all(const H5::DataSet& ds) {
  const Dims d = dims_of(ds);
  return read_block(ds, Dims(d.size(), 0), d);
}

// Column `index` of the per-replicate rows (flattened inner index).
std::vector<double> column(const H5::DataSet& ds, const Dims& inner_index) {
  const Dims d = dims_of(ds);
  Dims start{0}, count{d.at(0)};
  for (hsize_t i : inner_index) start.push_back(i), count.push_back(1);
  return read_block(ds, start, count);
}

template <class F>
auto reading(const std::filesystem::path& file, F f) {
  try {
    H5::Exception::dontPrint();
    const H5::H5File h(file.string(), H5F_ACC_RDONLY);
    return f(h);
  } catch (const H5::Exception& e) {
    throw std::runtime_error(fmt::format("reading {}: HDF5: {} {}", file.string(), e.getFuncName(), e.getDetailMsg()));
  }
}

std::vector<std::int32_t> read_ints(const H5::DataSet& ds) {
  std::vector<std::int32_t> v(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()));
  if (!v.empty()) ds.read(v.data(), H5::PredType::NATIVE_INT32);
  return v;
}

// Per replicate, the totals of /replicates and the programme's events (/rule_firings, /phases):
// a RunResult without its weekly series and per-person records.
std::vector<RunResult> totals_of(const H5::H5File& h) {
  const std::vector<double> goal_week = read_all(h.openDataSet("/replicates/goal_week"));
  const std::vector<double> cost = read_all(h.openDataSet("/replicates/total_cost"));
  const std::vector<double> per_adopter = read_all(h.openDataSet("/replicates/cost_per_adopter"));
  const std::vector<double> applying_final = read_all(h.openDataSet("/replicates/applying_final"));
  const std::vector<double> peak = read_all(h.openDataSet("/replicates/peak_resistance"));
  const std::vector<double> m = read_all(h.openDataSet("/replicates/cost_matrix"));
  const std::vector<std::int32_t> replicate = read_ints(h.openDataSet("/replicates/replicate"));
  std::vector<RunResult> runs(goal_week.size());
  constexpr std::size_t cells = kCostRows * kCostKinds;
  if (m.size() != runs.size() * cells) throw std::runtime_error("/replicates/cost_matrix does not have one row per replicate");
  for (std::size_t r = 0; r < runs.size(); ++r) {
    RunResult& run = runs[r];
    run.replicate = replicate.at(r);
    run.goal_week = static_cast<int>(goal_week[r]);
    run.total_cost = cost.at(r);
    run.cost_per_adopter = per_adopter.at(r);
    run.applying_final = static_cast<int>(applying_final.at(r));
    run.peak_resistance = static_cast<float>(peak.at(r));
    std::copy(m.begin() + static_cast<std::ptrdiff_t>(r * cells), m.begin() + static_cast<std::ptrdiff_t>((r + 1) * cells), run.cost_matrix.begin());
  }
  if (h.nameExists("rule_firings")) {
    const auto rep = read_ints(h.openDataSet("/rule_firings/replicate")), week = read_ints(h.openDataSet("/rule_firings/week"));
    const auto rule = read_ints(h.openDataSet("/rule_firings/rule")), offset = read_ints(h.openDataSet("/rule_firings/team_offset"));
    const auto teams = read_ints(h.openDataSet("/rule_firings/teams"));
    const std::vector<double> value = read_all(h.openDataSet("/rule_firings/value"));
    if (offset.size() != rep.size() + 1) throw std::runtime_error("/rule_firings/team_offset does not have one row more than the firings");
    for (std::size_t k = 0; k < rep.size(); ++k) {
      RuleFiring f;
      f.week = week.at(k), f.rule = rule.at(k), f.value = value.at(k);
      f.teams.assign(teams.begin() + offset[k], teams.begin() + offset[k + 1]);
      runs.at(static_cast<std::size_t>(rep[k])).firings.push_back(std::move(f));
    }
  }
  if (h.nameExists("phases")) {
    const H5::DataSet start = h.openDataSet("/phases/start");
    const Dims d = dims_of(start);
    const auto all = read_ints(start);
    for (std::size_t r = 0; r < runs.size() && r < d.at(0); ++r)
      runs[r].phase_start.assign(all.begin() + static_cast<std::ptrdiff_t>(r * d.at(1)), all.begin() + static_cast<std::ptrdiff_t>((r + 1) * d.at(1)));
  }
  return runs;
}

}  // namespace

std::vector<RunResult> results_file_totals(const std::filesystem::path& file) {
  return reading(file, [&](const H5::H5File& h) { return totals_of(h); });
}

ResultsFileSummary summarise_results_file(const std::filesystem::path& file, const Scenario& s, std::vector<int> milestones) {
  return reading(file, [&](const H5::H5File& h) {
    ResultsFileSummary out;
    EnsembleSummary& sum = out.summary;
    const H5::DataSet applying = h.openDataSet("/timeseries/applying");
    const auto R = static_cast<std::size_t>(dims_of(applying).at(0));
    sum.replicates = static_cast<int>(R);
    for (int w : milestones)
      if (w <= s.weeks) sum.milestone_weeks.push_back(w);
    if (std::find(sum.milestone_weeks.begin(), sum.milestone_weeks.end(), s.weeks) == sum.milestone_weeks.end())
      sum.milestone_weeks.push_back(s.weeks);
    for (int w : sum.milestone_weeks) sum.applying_at.push_back(interval_of(column(applying, {static_cast<hsize_t>(w)})));
    const H5::DataSet goal_share = h.openDataSet("/timeseries/goal_share");
    auto at_week = [&](const H5::DataSet& ds, int w) { return interval_of(column(ds, {static_cast<hsize_t>(w)})); };
    sum.deadline_simulated = s.goal.week <= s.weeks;
    sum.table_weeks = sum.milestone_weeks;
    if (sum.deadline_simulated && std::find(sum.table_weeks.begin(), sum.table_weeks.end(), s.goal.week) == sum.table_weeks.end()) {
      sum.table_weeks.push_back(s.goal.week);
      std::sort(sum.table_weeks.begin(), sum.table_weeks.end());
    }
    for (int w : sum.table_weeks) {
      sum.goal_group_at.push_back(at_week(goal_share, w));
      sum.users_at.push_back(at_week(applying, w));
    }
    sum.goal_group_deadline = sum.deadline_simulated ? at_week(goal_share, s.goal.week) : interval_of({});

    const std::vector<double> goal_week = read_all(h.openDataSet("/replicates/goal_week"));
    std::vector<double> goal;
    int by_deadline = 0;
    for (double g : goal_week)
      if (g >= 0) {
        goal.push_back(g);
        ++sum.goal_reached;
        if (g <= s.goal.week) ++by_deadline;
      }
    sum.goal_week = interval_of(goal);
    sum.goal_probability = R == 0 ? 0.0 : static_cast<double>(by_deadline) / static_cast<double>(R);
    if (!sum.deadline_simulated) sum.goal_probability = std::nan("");  // not 0: the runs stop before the deadline
    const std::vector<double> cost = read_all(h.openDataSet("/replicates/total_cost"));
    sum.total_cost = interval_of(cost);
    sum.cost_per_adopter = interval_of(read_all(h.openDataSet("/replicates/cost_per_adopter")));
    sum.peak_resistance = interval_of(read_all(h.openDataSet("/replicates/peak_resistance")));
    const H5::DataSet kp = h.openDataSet("/timeseries/kirkpatrick");
    for (hsize_t l = 0; l < 4; ++l) sum.kirkpatrick_final[l] = interval_of(column(kp, {static_cast<hsize_t>(s.weeks), l}));

    // Costs and budget: the same functions as for runs in memory, on the totals read back.
    const std::vector<RunResult> totals = totals_of(h);
    out.costs = cost_breakdown(totals);
    out.budget = check_budget(s.budget, s.budget_covers, totals);
    return out;
  });
}

Band band_of_file(const std::filesystem::path& file, const std::string& series) {
  return reading(file, [&](const H5::H5File& h) {
    const H5::DataSet ds = h.openDataSet(series);
    const Dims d = dims_of(ds);
    const std::vector<double> all = read_all(ds);  // float values, exactly as doubles
    const auto R = static_cast<std::size_t>(d.at(0)), T = static_cast<std::size_t>(d.at(1));
    Band b;
    std::vector<double> v(R);
    for (std::size_t w = 0; w < T && R > 0; ++w) {
      for (std::size_t r = 0; r < R; ++r) v[r] = all[r * T + w];
      const Interval iv = interval_of(v);
      b.mean.push_back(iv.mean);
      b.p05.push_back(iv.p05);
      b.p50.push_back(iv.p50);
      b.p95.push_back(iv.p95);
    }
    return b;
  });
}

}  // namespace adoptsim
