// The intervention catalogue (docs/ODD.md §3.3.5): one row per type holds every fact about it.
// Adding a type is its enum name and its row here, its five rows in the PT block of
// parameters.def (learning rate, challenge, awareness, acceptance, practice, in enum order) and
// the P rows of the parameters its effects name. Nothing else names types one by one: scenario
// files, results, costs, the writer, the live window and the Python module read this table.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include "cost_kinds.hpp"
#include "param_ids.hpp"

namespace adoptsim {

enum class InterventionType : std::uint8_t {
  communication, think_tank, masterclass, kick_off, basic_training, practice_exercise,
  coaching_on_the_job, theme_meeting, actor_session, intervision, evaluation, refresher, onboarding,
  ambassadors, success_sharing, world_cafe, standing_topic, hr_conversation, project_leader
};
inline constexpr int kInterventionTypes = 19;

// What a type does to each attendee beyond the generic session effects (docs/ODD.md §3.3.5,
// the effect table): `on` moves by the value of parameter `amount`, scaled as `scale` says.
enum class EffectOn : std::uint8_t {
  none,                                           // (unused slot)
  autonomy, inclusion, affection, competence,     // a need's satisfaction, clamped to [0, 1]
  resistance,                                     // resistance, clamped to [0, 1]
  norm,                                           // this week's social-norm impulse: added to the exposure the norm reads (§3.3.10)
  erosion_relief,                                 // this week's share of the unsupported relapse hazard taken away (§3.3.15I); the largest counts
};
enum class EffectScale : std::uint8_t {
  plus,            // + amount
  minus,           // − amount
  minus_unsafe,    // − amount · (1 − safety): a threat that a safe session takes away
  feedback,        // + amount if the feedback is visibly acted on, − amount if not
  share_applying,  // + amount · the share of the method's users applying last week (what there is to show)
};
struct TypeEffect {
  EffectOn on = EffectOn::none;
  Param amount{};
  EffectScale scale = EffectScale::plus;
};
inline constexpr int kMaxTypeEffects = 3;

// group_size of a plenary type: everyone who comes, in one session.
inline constexpr int kWholeAudience = 0;

struct InterventionTypeInfo {
  InterventionType type;
  std::string_view name;      // as in scenario and result files
  bool message;               // reaches people without a session: no groups, no learning rule
  bool plenary;               // no group dynamics (size, airtime)
  bool trains_skill;          // attending makes one "trained" (Kirkpatrick L2)
  bool training;              // training in the wide sense: over-training cost after acceptance
  bool scored;                // its reaction scores count for Kirkpatrick L1
  bool mandate;               // mandatory attendance counts as a mandate to change
  bool session;               // counts as a session for a rule's "weeks since the last session"
  bool feedback;              // asks for feedback: the entry's feedback_acted_on matters (and is written)
  bool role_model;            // managers, MT and HR who attend respond to resistance in the method's style
  bool onboards;              // attending ends being a new hire who was not onboarded
  // Defaults of a scenario's [[intervention]] entry of this type (a file may override each),
  // chosen so that an entry without them costs what a planner expects (issue 11, 3): a message
  // (a newsletter) takes no staff hours unless the file says so, and a plenary meeting (kick-off,
  // evaluation) is one session for everyone who comes, not cut into groups that each pay a venue.
  int group_size;             // cap per group, one trainer session per group; kWholeAudience: one session
  double hours;               // per attendee, away from production
  double trainer_fee, actor_fee, venue;  // per group session (a message: per occurrence)
  double materials;           // per attendee
  CostKind fee_as;            // the kind of cost the trainer fee is booked as
  std::array<TypeEffect, kMaxTypeEffects> effects;  // its own effects, in this order
};

namespace type_rows {
using T = InterventionType;
using E = EffectOn;
using S = EffectScale;
using K = CostKind;
using enum Param;
// clang-format off
inline constexpr std::array<InterventionTypeInfo, kInterventionTypes> kTable{{
  //  type                   name                msg    plen   skill  train  score  mand   sess   feedb  rolem  onbrd  grp  hours trainer actor venue mat  fee as      effects {on, parameter, scale}
  {T::communication,       "communication",       true,  true,  false, false, true,  false, false, false, false, false, 0,   0.0,  0,      0,    0,    0,   K::trainer, {}},
  {T::think_tank,          "think_tank",          false, false, false, false, true,  true,  true,  false, false, false, 12,  2.0,  0,      0,    0,    0,   K::trainer, {{{E::autonomy, think_tank_autonomy_gain}, {E::inclusion, think_tank_inclusion_gain}}}},
  {T::masterclass,         "masterclass",         false, false, true,  true,  true,  true,  true,  false, true,  false, 12,  2.0,  0,      0,    0,    0,   K::trainer, {{{E::competence, masterclass_competence_gain}}}},
  {T::kick_off,            "kick_off",            false, true,  false, false, true,  true,  true,  false, false, false, 0,   2.0,  0,      0,    0,    0,   K::trainer, {{{E::inclusion, kick_off_inclusion_gain}}}},
  {T::basic_training,      "basic_training",      false, false, true,  true,  true,  true,  true,  false, false, false, 12,  2.0,  0,      0,    0,    0,   K::trainer, {}},
  {T::practice_exercise,   "practice_exercise",   false, false, false, false, true,  true,  true,  false, false, false, 12,  2.0,  0,      0,    0,    0,   K::trainer, {}},
  {T::coaching_on_the_job, "coaching_on_the_job", false, false, false, false, true,  true,  true,  false, false, false, 12,  2.0,  0,      0,    0,    0,   K::trainer, {{{E::competence, coaching_face_threat, S::minus_unsafe}}}},
  {T::theme_meeting,       "theme_meeting",       false, false, false, false, true,  true,  true,  false, false, false, 12,  2.0,  0,      0,    0,    0,   K::trainer, {{{E::autonomy, theme_meeting_autonomy_gain}}}},
  {T::actor_session,       "actor_session",       false, false, false, false, true,  true,  true,  false, false, false, 12,  2.0,  0,      0,    0,    0,   K::trainer, {}},
  {T::intervision,         "intervision",         false, false, false, false, true,  true,  true,  false, false, false, 12,  2.0,  0,      0,    0,    0,   K::trainer, {{{E::inclusion, intervision_inclusion_gain}, {E::affection, intervision_affection_gain}, {E::resistance, intervision_resistance_relief, S::minus}}}},
  {T::evaluation,          "evaluation",          false, true,  false, false, false, false, false, true,  false, false, 0,   2.0,  0,      0,    0,    0,   K::trainer, {{{E::affection, need_feedback_effect, S::feedback}}}},
  {T::refresher,           "refresher",           false, false, false, true,  true,  true,  true,  false, false, false, 12,  2.0,  0,      0,    0,    0,   K::trainer, {}},
  {T::onboarding,          "onboarding",          false, false, true,  true,  true,  true,  true,  false, false, true,  12,  2.0,  0,      0,    0,    0,   K::trainer, {}},
  // The guides' activities of the routine phase (seed 000 phase 5; docs/ODD.md §3.3.5 "Activities that keep it alive").
  {T::ambassadors,         "ambassadors",         false, false, false, false, true,  false, true,  false, false, false, 12,  1.5,  100,    0,    0,    0,   K::trainer, {{{E::norm, ambassadors_norm_boost}, {E::inclusion, ambassadors_inclusion_gain}}}},
  {T::success_sharing,     "success_sharing",     true,  true,  false, false, false, false, false, false, false, false, 12,  0.1,  0,      0,    0,    0,   K::trainer, {{{E::norm, success_sharing_norm_weight, S::share_applying}, {E::affection, success_sharing_affection_gain}}}},
  {T::world_cafe,          "world_cafe",          false, true,  false, false, true,  false, true,  false, false, false, 40,  2.0,  500,    0,    250,  5,   K::trainer, {{{E::inclusion, world_cafe_inclusion_gain}}}},
  {T::standing_topic,      "standing_topic",      true,  true,  false, false, false, false, false, false, false, false, 12,  0.25, 0,      0,    0,    0,   K::trainer, {{{E::norm, standing_topic_norm_boost}}}},
  {T::hr_conversation,     "hr_conversation",     false, false, false, false, false, true,  true,  false, false, false, 1,   0.5,  0,      0,    0,    0,   K::trainer, {{{E::affection, hr_conversation_affection_gain}}}},
  {T::project_leader,      "project_leader",      true,  true,  false, false, false, false, false, false, false, false, 12,  0.0,  450,    0,    0,    0,   K::project_leader, {{{E::erosion_relief, project_leader_erosion_relief}}}},
}};
// clang-format on
}  // namespace type_rows
inline constexpr const std::array<InterventionTypeInfo, kInterventionTypes>& kInterventionTypeTable = type_rows::kTable;

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

// A message has no session, so no safety: a threat scaled by (1 - safety) cannot be one of its effects.
inline constexpr bool messages_have_no_session_effects() {
  for (const auto& row : kInterventionTypeTable)
    for (const auto& e : row.effects)
      if (row.message && e.on != EffectOn::none && e.scale == EffectScale::minus_unsafe) return false;
  return true;
}
static_assert(messages_have_no_session_effects(), "kInterventionTypeTable: a message's effects cannot depend on a session's safety");

// Only a plenary type meets as the whole audience; a type that works in groups has a cap.
inline constexpr bool whole_audience_only_for_plenaries() {
  for (const auto& row : kInterventionTypeTable)
    if (row.group_size == kWholeAudience ? !row.plenary : row.group_size < 1) return false;
  return true;
}
static_assert(whole_audience_only_for_plenaries(), "kInterventionTypeTable: group_size 0 (the whole audience) is for plenary types only");

// Sessions that train the method (count towards "trained" and Kirkpatrick level 2).
inline constexpr bool is_skill_training(InterventionType t) { return type_info(t).trains_skill; }
// Training in the wide sense, including refreshers: repeated after acceptance it presses on
// competence ("so many trainings, do you still think we are not doing it right?").
inline constexpr bool is_training(InterventionType t) { return type_info(t).training; }
// Communication, kick-off and evaluation reach people in plenary: no group dynamics.
inline constexpr bool is_plenary(InterventionType t) { return type_info(t).plenary; }
inline constexpr bool is_message(InterventionType t) { return type_info(t).message; }

}  // namespace adoptsim
