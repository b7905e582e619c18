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

}  // namespace

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

    // Costs: as cost_breakdown and check_budget.
    const std::vector<double> m = read_all(h.openDataSet("/replicates/cost_matrix"));
    std::vector<double> v(R);
    auto summarise_by = [&](auto value) {
      for (std::size_t r = 0; r < R; ++r) v[r] = value(r, &m[r * kCostRows * kCostKinds]);
      return interval_of(v);
    };
    CostBreakdown& b = out.costs;
    for (int row = 0; row < kCostRows; ++row) {
      for (int k = 0; k < kCostKinds; ++k) {
        const auto cell = static_cast<std::size_t>(row * kCostKinds + k);
        b.cell[cell] = summarise_by([&](std::size_t, const double* c) { return c[cell]; });
      }
      b.by_row[static_cast<std::size_t>(row)] = summarise_by([&](std::size_t, const double* c) {
        double total = 0;
        for (int k = 0; k < kCostKinds; ++k) total += c[static_cast<std::size_t>(row * kCostKinds + k)];
        return total;
      });
    }
    for (int k = 0; k < kCostKinds; ++k)
      b.by_kind[static_cast<std::size_t>(k)] = summarise_by([&](std::size_t, const double* c) {
        double total = 0;
        for (int row = 0; row < kCostRows; ++row) total += c[static_cast<std::size_t>(row * kCostKinds + k)];
        return total;
      });
    b.total = interval_of(cost);
    b.out_of_pocket = summarise_by([&](std::size_t r, const double* c) {
      double staff = 0;
      for (int row = 0; row < kCostRows; ++row) staff += c[static_cast<std::size_t>(row * kCostKinds + idx(CostKind::staff_time))];
      return cost[r] - staff;
    });

    BudgetCheck& bc = out.budget;
    bc.budget = s.budget;
    bc.replicates = static_cast<int>(R);
    for (double c : cost) {
      bc.mean_cost += c / static_cast<double>(R);
      if (s.budget > 0 && c > s.budget) ++bc.over;
    }
    bc.share_of_budget = s.budget > 0 ? bc.mean_cost / s.budget : 0.0;
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
