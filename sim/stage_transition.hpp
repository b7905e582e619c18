// Stage transitions (docs/ODD.md §3.3.10): competing weekly hazards, forward and back (relapse),
// turned into one probability and decided by one uniform drawn whatever the stage.
#pragma once
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include "agents.hpp"
#include "direct_adoption.hpp"
#include "erosion.hpp"
#include "parameters.hpp"
#include "rules.hpp"

namespace adoptsim {

struct StageRates {
  float awareness_base, awareness_exposure, inverse_norm_width;
  std::array<float, kCategories> readiness, norm_threshold, norm_sensitivity, mandate_sensitivity;
  float apply_rate, workload_brake, apply_threshold, inverse_apply_width, resistance_brake;
  float relapse_base, relapse_resistance, relapse_low_skill, relapse_workload, maintenance_protection;
  float routine_weeks, routine_skill, routine_rate;
  Erosion erosion;        // §3.3.15I
  DirectAdoption direct;  // §3.3.15

  static StageRates from(const Parameters& p) {
    auto f = [&](Param x) { return static_cast<float>(p[x]); };
    StageRates r{};
    r.awareness_base = f(Param::awareness_base);
    r.awareness_exposure = f(Param::awareness_exposure);
    r.inverse_norm_width = 1.f / f(Param::norm_width);
    for (int c = 0; c < kCategories; ++c) {
      const auto cat = static_cast<Category>(c);
      r.readiness[c] = static_cast<float>(p.per_category(Param::readiness_innovator, cat));
      r.norm_threshold[c] = static_cast<float>(p.per_category(Param::norm_threshold_innovator, cat));
      r.norm_sensitivity[c] = static_cast<float>(p.per_category(Param::norm_sensitivity_innovator, cat));
      r.mandate_sensitivity[c] = static_cast<float>(p.per_category(Param::mandate_sensitivity_innovator, cat));
    }
    r.apply_rate = f(Param::apply_rate);
    r.workload_brake = f(Param::workload_brake);
    r.apply_threshold = f(Param::skill_apply_threshold);
    r.inverse_apply_width = 1.f / f(Param::skill_apply_width);
    r.resistance_brake = f(Param::resistance_brake);
    r.relapse_base = f(Param::relapse_base);
    r.relapse_resistance = f(Param::relapse_resistance);
    r.relapse_low_skill = f(Param::relapse_low_skill);
    r.relapse_workload = f(Param::relapse_workload);
    r.maintenance_protection = f(Param::maintenance_protection);
    r.routine_weeks = f(Param::routine_weeks);
    r.routine_skill = f(Param::skill_routine_threshold);
    r.routine_rate = f(Param::routine_rate);
    r.erosion = adoptsim::erosion(p);
    r.direct = direct_adoption(p);
    return r;
  }
};

// Person ui's stage after this week, given the stage uniform u; books adoption and relapses.
// `population_share`: the share of everyone applying last week (direct adoption, §3.3.15).
inline Stage transition(const StageRates& r, Agents& a, std::size_t ui, float u, float exposure, float skill, float resistance,
                        float workload, int week, float population_share) {
  Stage stage = a.stage[ui];
  const std::uint8_t flags = a.flags[ui];
  const float since_session = Erosion::weeks_since(week, a.last_session_week[ui]);
  const int cat = idx(a.category[ui]);
  const float brake = std::max(0.f, 1.f - r.resistance_brake * resistance);
  float forward = 0, back = 0;
  switch (stage) {
    case Stage::orientation:
      forward = r.awareness_base + r.awareness_exposure * exposure + a.awareness_impulse[ui];
      break;
    case Stage::insight: {
      // Ambassadors and shared results add to the exposure the norm reads (§3.3.5); 0 otherwise.
      const float norm = logistic((exposure + a.norm_impulse[ui] - r.norm_threshold[cat]) * r.inverse_norm_width);
      forward = (r.readiness[cat] + a.acceptance_impulse[ui] + r.norm_sensitivity[cat] * norm +
                 r.mandate_sensitivity[cat] * a.mandate_impulse[ui]) * brake;
      break;
    }
    case Stage::acceptance: {
      if (flags & kNeverAdopts) break;
      const float gate = logistic((skill - r.apply_threshold) * r.inverse_apply_width);
      // After a relapse only support brings one back: a session this week, or colleagues' pull (§3.3.15I).
      const bool relapsed = (flags & kRelapsed) != 0;
      const float base = relapsed ? (a.had_session[ui] ? r.apply_rate : 0.f) : r.apply_rate;
      const float pull = relapsed ? r.erosion.comeback_pull * exposure : 0.f;
      forward = (base * (1.f - r.workload_brake * workload) + a.practice_impulse[ui] + pull) * gate * brake;
      break;
    }
    case Stage::change:
    case Stage::maintenance: {
      back = r.relapse_base + r.relapse_resistance * resistance + r.relapse_low_skill * std::max(0.f, r.apply_threshold - skill) +
             r.relapse_workload * workload + r.erosion.relapse_hazard(since_session) * (1.f - a.erosion_relief[ui]);
      if (stage == Stage::maintenance) {
        back *= r.maintenance_protection;
      } else if (a.weeks_applying[ui] >= r.routine_weeks && skill >= r.routine_skill) {
        forward = r.routine_rate;
      }
      break;
    }
  }
  // Direct adoption (Bass), from any stage not applying yet; zero unless switched on (§3.3.15).
  const float adopt = r.direct.active() && !is_applying(stage) && !(flags & kNeverAdopts) ? r.direct.hazard(exposure, population_share) : 0.f;
  const float total = forward + back + adopt;
  const float prob = hazard_probability(total);
  if (u < prob) {
    if (u < prob * (forward / total)) {
      stage = static_cast<Stage>(idx(stage) + 1);
      if (stage == Stage::change && a.adoption_week[ui] < 0) a.adoption_week[ui] = static_cast<std::int16_t>(week);
      if (stage == Stage::change) a.flags[ui] &= static_cast<std::uint8_t>(~kRelapsed);
    } else if (u < prob * ((forward + adopt) / total)) {
      stage = Stage::change;
      if (a.adoption_week[ui] < 0) a.adoption_week[ui] = static_cast<std::int16_t>(week);
      a.flags[ui] &= static_cast<std::uint8_t>(~kRelapsed);
    } else {
      stage = Stage::acceptance;
      a.flags[ui] |= kRelapsed;
      if (a.relapses[ui] < 65535) ++a.relapses[ui];
    }
    a.stage[ui] = stage;
  }
  return stage;
}

// End of an agent's week: weeks applying, what neighbours will see next week, impulses reset.
inline void close_week(Agents& a, std::size_t ui, Stage stage, float resistance, float role_weight) {
  const bool applying = is_applying(stage);
  a.weeks_applying[ui] = applying ? static_cast<std::uint16_t>(std::min(65535, a.weeks_applying[ui] + 1)) : 0;
  a.visible_next[ui] = {applying ? role_weight : 0.f, role_weight * resistance};
  a.awareness_impulse[ui] = a.acceptance_impulse[ui] = a.practice_impulse[ui] = a.mandate_impulse[ui] = 0.f;
  a.norm_impulse[ui] = a.erosion_relief[ui] = 0.f;
  a.had_session[ui] = 0;
}

}  // namespace adoptsim
