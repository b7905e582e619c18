// The outputs of the model: week tallies, the weekly result rows, Kirkpatrick, the final records.
#include "outputs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model.hpp"

namespace adoptsim {

void WeekTally::clear() {
  counts.fill(0);
  needs.fill(0.0);
  skill = resistance = resistance_all = trained_skill = skilled_application = 0;
  trained = leavers = 0;
  std::fill(team_stages.begin(), team_stages.end(), 0);
}

void WeekTally::add_to(WeekTally& sum) const {
  for (std::size_t k = 0; k < sum.counts.size(); ++k) sum.counts[k] += counts[k];
  for (std::size_t k = 0; k < sum.needs.size(); ++k) sum.needs[k] += needs[k];
  sum.skill += skill;
  sum.resistance += resistance;
  sum.resistance_all += resistance_all;
  sum.trained_skill += trained_skill;
  sum.trained += trained;
  sum.skilled_application += skilled_application;
  sum.leavers += leavers;
  for (std::size_t k = 0; k < team_stages.size(); ++k) sum.team_stages[first_team * kStages + k] += team_stages[k];
}

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
}  // namespace

// Week 0: the outputs of the initial state.
void Model::tally_block(int b) {
  const Agents& a = agents_;
  const Structure& st = structure_;
  auto& tally = tallies_[static_cast<std::size_t>(b)];
  tally.clear();
  const int begin = b * kBlockSize, end = std::min(st.people, begin + kBlockSize);
  for (int i = begin; i < end; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    const float s[kNeeds] = {a.need[0][ui], a.need[1][ui], a.need[2][ui], a.need[3][ui]};
    tally.add(a.category[ui], st.role[ui], a.stage[ui], st.team_of[ui], a.resistance[ui], s, a.skill[ui], a.has(i, kTrained));
  }
}

// Reduce the block tallies in block order and write row `week_` of the result (docs/ODD.md §1.3 step 6).
void Model::record() {
  const Parameters& p = scenario_.parameters;
  WeekTally sum;
  sum.team_stages.assign(static_cast<std::size_t>(structure_.teams()) * kStages, 0);
  for (const auto& t : tallies_) t.add_to(sum);
  leavers_ += sum.leavers;

  const auto w = static_cast<std::size_t>(week_);
  RunResult& r = result_;
  // The Bass reduction has no needs, skill or resistance after week 0: NaN, not zeros.
  const bool modelled = scenario_.kind == ModelKind::full || week_ == 0;
  std::copy(sum.counts.begin(), sum.counts.end(), r.stage_category_role.begin() + static_cast<std::ptrdiff_t>(w * sum.counts.size()));
  std::int64_t users = 0, users_applying = 0, goal_total = 0, goal_applying = 0, everyone_applying = 0;
  std::array<std::int64_t, kCategories> cat_users{}, cat_applying{};
  for (int c = 0; c < kCategories; ++c)
    for (int ro = 0; ro < kRoles; ++ro)
      for (int s = 0; s < kStages; ++s) {
        const std::int64_t n = sum.counts[static_cast<std::size_t>((c * kRoles + ro) * kStages + s)];
        const bool applying = is_applying(static_cast<Stage>(s));
        if (applying) everyone_applying += n;
        if (goal_roles_ & (1u << ro)) {
          goal_total += n;
          if (applying) goal_applying += n;
        }
        if (!is_method_user(static_cast<Role>(ro))) continue;
        r.stage_counts[w * kStages + static_cast<std::size_t>(s)] += static_cast<std::int32_t>(n);
        users += n;
        cat_users[static_cast<std::size_t>(c)] += n;
        if (applying) {
          users_applying += n;
          cat_applying[static_cast<std::size_t>(c)] += n;
        }
      }
  auto share = [](std::int64_t part, std::int64_t whole) { return whole > 0 ? static_cast<float>(static_cast<double>(part) / static_cast<double>(whole)) : kNaN; };
  r.applying[w] = share(users_applying, users);
  r.goal_share[w] = share(goal_applying, goal_total);
  for (int c = 0; c < kCategories; ++c) {
    const auto uc = static_cast<std::size_t>(c);
    r.applying_by_category[w * kCategories + uc] = share(cat_applying[uc], cat_users[uc]);
    for (int k = 0; k < kNeeds; ++k)
      r.needs_by_category[(w * kCategories + uc) * kNeeds + static_cast<std::size_t>(k)] =
          cat_users[uc] > 0 && modelled ? static_cast<float>(sum.needs[uc * kNeeds + static_cast<std::size_t>(k)] / static_cast<double>(cat_users[uc])) : kNaN;
  }
  for (int k = 0; k < kNeeds; ++k) {
    double total = 0;
    for (int c = 0; c < kCategories; ++c) total += sum.needs[static_cast<std::size_t>(c * kNeeds + k)];
    r.needs_mean[w * kNeeds + static_cast<std::size_t>(k)] = users > 0 && modelled ? static_cast<float>(total / static_cast<double>(users)) : kNaN;
  }
  std::copy(sum.team_stages.begin(), sum.team_stages.end(), r.stage_by_team.begin() + static_cast<std::ptrdiff_t>(w * sum.team_stages.size()));
  r.skill_mean[w] = users > 0 && modelled ? static_cast<float>(sum.skill / static_cast<double>(users)) : kNaN;
  r.resistance_mean[w] = users > 0 && modelled ? static_cast<float>(sum.resistance / static_cast<double>(users)) : kNaN;
  r.workload[w] = static_cast<float>(workload_);
  r.leavers_cumulative[w] = leavers_;

  double total_cost = 0;
  for (int row = 0; row < kCostRows; ++row) {
    double row_cost = 0;
    for (int k = 0; k < kCostKinds; ++k) row_cost += costs_[static_cast<std::size_t>(row * kCostKinds + k)];
    r.cost_by_type_cumulative[w * kCostRows + static_cast<std::size_t>(row)] = row_cost;
    total_cost += row_cost;
  }
  r.cost_cumulative[w] = total_cost;
  for (const auto& occ : this_week_) r.attendance[w * kInterventionTypes + static_cast<std::size_t>(idx(occ.type))] += occ.attendees;
  r.occurrences.insert(r.occurrences.end(), this_week_.begin(), this_week_.end());

  // Kirkpatrick: L1 running reaction, L2 skill of the trained, L3 application, L4 an illustrative
  // results index that follows skilled application with a lag.
  const double skilled = users > 0 ? sum.skilled_application / static_cast<double>(users) : 0.0;
  if (week_ > 0) results_index_ += p[Param::results_lag_rate] * (skilled - results_index_);
  r.kirkpatrick[w * 4 + 0] = reaction_ewma_ < 0 ? kNaN : static_cast<float>(reaction_ewma_);
  r.kirkpatrick[w * 4 + 1] = sum.trained > 0 ? static_cast<float>(sum.trained_skill / sum.trained) : kNaN;
  r.kirkpatrick[w * 4 + 2] = r.applying[w];
  r.kirkpatrick[w * 4 + 3] = static_cast<float>(results_index_);

  if (r.goal_week < 0 && goal_total > 0 && static_cast<double>(goal_applying) >= scenario_.goal.share * static_cast<double>(goal_total))
    r.goal_week = week_;
  if (scenario_.kind == ModelKind::bass) r.peak_resistance = kNaN;
  else if (!std::isnan(r.resistance_mean[w])) r.peak_resistance = std::max(r.peak_resistance, r.resistance_mean[w]);
  population_applying_share_ = structure_.people > 0 ? static_cast<double>(everyone_applying) / structure_.people : 0.0;
  population_resistance_ = structure_.people > 0 ? sum.resistance_all / structure_.people : 0.0;
  r.cost_matrix = costs_;
  r.total_cost = total_cost;
  r.applying_final = static_cast<int>(users_applying);
  r.cost_per_adopter = users_applying > 0 ? total_cost / static_cast<double>(users_applying) : std::numeric_limits<double>::infinity();
  if (done()) finalise();
}

void Model::finalise() {
  const auto n = static_cast<std::size_t>(structure_.people);
  RunResult& r = result_;
  r.category.resize(n);
  r.role.resize(n);
  r.stage.resize(n);
  r.team.resize(n);
  r.adoption_week.resize(n);
  r.relapses.resize(n);
  r.sessions.resize(n);
  r.skill.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    r.category[i] = static_cast<std::int8_t>(agents_.category[i]);
    r.role[i] = static_cast<std::int8_t>(structure_.role[i]);
    r.stage[i] = static_cast<std::int8_t>(agents_.stage[i]);
    r.team[i] = static_cast<std::int32_t>(structure_.team_of[i]);
    r.adoption_week[i] = agents_.adoption_week[i];
    r.relapses[i] = static_cast<std::int16_t>(std::min<int>(agents_.relapses[i], 32767));
    r.sessions[i] = static_cast<std::int16_t>(std::min<int>(agents_.sessions[i], 32767));
    r.skill[i] = agents_.skill[i];
  }
}

}  // namespace adoptsim
