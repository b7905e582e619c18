#include "people.hpp"

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>

#include "rules.hpp"

namespace adoptsim {

Category draw_category(const Parameters& p, Engine& rng) {
  double total = 0;
  for (int c = 0; c < kCategories; ++c) total += p.per_category(Param::share_innovator, static_cast<Category>(c));
  double u = uniform01d(rng) * total;
  for (int c = 0; c < kCategories - 1; ++c) {
    u -= p.per_category(Param::share_innovator, static_cast<Category>(c));
    if (u < 0) return static_cast<Category>(c);
  }
  return Category::laggard;
}

double resting_resistance(const Parameters& p, Category c, double pressure) {
  return clamp01(p.per_category(Param::resistance_base_innovator, c) +
                 p[Param::resistance_need_gain] * (pressure - p[Param::need_pressure_reference]));
}

void draw_person(Agents& a, int i, Category c, const Parameters& p, Engine& rng) {
  a.category[i] = c;
  // Need weights ~ Dirichlet(alpha, alpha, alpha, alpha): people differ in which need matters most.
  boost::random::gamma_distribution<double> gamma(p[Param::need_weight_concentration]);
  double g[kNeeds], sum = 0;
  for (double& x : g) sum += (x = gamma(rng));
  boost::random::normal_distribution<double> normal(p[Param::need_baseline_mean], p[Param::need_baseline_spread]);
  float w[kNeeds], s[kNeeds];
  for (int k = 0; k < kNeeds; ++k) {
    w[k] = static_cast<float>(sum > 0 ? g[k] / sum : 0.25);
    s[k] = clamp01(static_cast<float>(normal(rng)));
    a.need_weight[k][i] = w[k];
    a.need_baseline[k][i] = s[k];
    a.need[k][i] = s[k];
  }
  a.skill[i] = static_cast<float>(uniform01d(rng) * p[Param::skill_initial_max]);
  a.resistance[i] = static_cast<float>(resting_resistance(p, c, need_pressure(w, s)));
  a.stage[i] = Stage::orientation;
  a.flags[i] = 0;
  a.masterclassed[i] = 0;
  a.weeks_applying[i] = 0;
  a.adoption_week[i] = -1;
  a.relapses[i] = 0;
  a.sessions[i] = 0;
  a.last_session_week[i] = 0;
  for (auto& v : a.sessions_by_type) v[i] = 0;
}

}  // namespace adoptsim
