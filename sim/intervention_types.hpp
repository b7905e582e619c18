// The intervention catalogue (docs/ODD.md §3.3.5): one row per type holds every fact about it.
// Adding a type is one row here (and its enum name), its five rows in the PT block of
// parameters.def (learning rate, challenge, awareness, acceptance, practice) and, if it has
// effects of its own, one case in type_effects (sim/session.cpp).
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace adoptsim {

enum class InterventionType : std::uint8_t {
  communication, think_tank, masterclass, kick_off, basic_training, practice_exercise,
  coaching_on_the_job, theme_meeting, actor_session, intervision, evaluation, refresher, onboarding
};
inline constexpr int kInterventionTypes = 13;

struct InterventionTypeInfo {
  InterventionType type;
  std::string_view name;      // as in scenario and result files
  bool message;               // reaches people without a session: no groups, no learning rule
  bool plenary;               // no group dynamics (size, airtime)
  bool trains_skill;          // attending makes one "trained" (Kirkpatrick L2)
  bool training;              // training in the wide sense: over-training cost after acceptance
  bool scored;                // its reaction scores count for Kirkpatrick L1
  bool mandate;               // mandatory attendance counts as a mandate to change
  // Defaults of a scenario's [[intervention]] entry of this type (a file may override each).
  int group_size;             // cap per group, one trainer session per group
  double hours;               // per attendee, away from production
  double trainer_fee, actor_fee, venue;  // per group session (a message: per occurrence)
  double materials;           // per attendee
};

// clang-format off
inline constexpr std::array<InterventionTypeInfo, kInterventionTypes> kInterventionTypeTable{{
  //  type                                   name                 msg    plen   skill  train  score  mand   grp  hours  trainer actor venue materials
  {InterventionType::communication,       "communication",       true,  true,  false, false, true,  false, 12,  2.0,   0,      0,    0,    0},
  {InterventionType::think_tank,          "think_tank",          false, false, false, false, true,  true,  12,  2.0,   0,      0,    0,    0},
  {InterventionType::masterclass,         "masterclass",         false, false, true,  true,  true,  true,  12,  2.0,   0,      0,    0,    0},
  {InterventionType::kick_off,            "kick_off",            false, true,  false, false, true,  true,  12,  2.0,   0,      0,    0,    0},
  {InterventionType::basic_training,      "basic_training",      false, false, true,  true,  true,  true,  12,  2.0,   0,      0,    0,    0},
  {InterventionType::practice_exercise,   "practice_exercise",   false, false, false, false, true,  true,  12,  2.0,   0,      0,    0,    0},
  {InterventionType::coaching_on_the_job, "coaching_on_the_job", false, false, false, false, true,  true,  12,  2.0,   0,      0,    0,    0},
  {InterventionType::theme_meeting,       "theme_meeting",       false, false, false, false, true,  true,  12,  2.0,   0,      0,    0,    0},
  {InterventionType::actor_session,       "actor_session",       false, false, false, false, true,  true,  12,  2.0,   0,      0,    0,    0},
  {InterventionType::intervision,         "intervision",         false, false, false, false, true,  true,  12,  2.0,   0,      0,    0,    0},
  {InterventionType::evaluation,          "evaluation",          false, true,  false, false, false, false, 12,  2.0,   0,      0,    0,    0},
  {InterventionType::refresher,           "refresher",           false, false, false, true,  true,  true,  12,  2.0,   0,      0,    0,    0},
  {InterventionType::onboarding,          "onboarding",          false, false, true,  true,  true,  true,  12,  2.0,   0,      0,    0,    0},
}};
// clang-format on

inline constexpr const InterventionTypeInfo& type_info(InterventionType t) { return kInterventionTypeTable[static_cast<std::size_t>(t)]; }

inline constexpr std::array<std::string_view, kInterventionTypes> kInterventionTypeNames = [] {
  std::array<std::string_view, kInterventionTypes> names{};
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = kInterventionTypeTable[i].name;
  return names;
}();

inline constexpr bool table_in_enum_order() {
  for (std::size_t i = 0; i < kInterventionTypeTable.size(); ++i)
    if (static_cast<std::size_t>(kInterventionTypeTable[i].type) != i) return false;
  return true;
}
static_assert(table_in_enum_order(), "kInterventionTypeTable: one row per type, in the order of the enum");

// Sessions that train the method (count towards "trained" and Kirkpatrick level 2).
inline constexpr bool is_skill_training(InterventionType t) { return type_info(t).trains_skill; }
// Training in the wide sense, including refreshers: repeated after acceptance it presses on
// competence ("so many trainings, do you still think we are not doing it right?").
inline constexpr bool is_training(InterventionType t) { return type_info(t).training; }
// Communication, kick-off and evaluation reach people in plenary: no group dynamics.
inline constexpr bool is_plenary(InterventionType t) { return type_info(t).plenary; }
inline constexpr bool is_message(InterventionType t) { return type_info(t).message; }

}  // namespace adoptsim
