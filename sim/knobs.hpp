// Programme knobs: the handful of choices management and trainers reason in ("eight sessions,
// five weeks apart", "intervision every six weeks in groups of eight", "managers first"), as a
// value that can be read off a programme and applied to it. The live lab's sliders and the
// optimiser's search space are these knobs.
#pragma once
#include <array>
#include <string_view>

#include "scenario.hpp"

namespace adoptsim {

struct ProgrammeKnobs {
  int training_sessions = 8;       // basic training sessions (0: none)
  int training_spacing = 5;        // weeks between them
  int intervision_every = 8;       // weeks between guided intervision sessions (0: none)
  int intervision_group_size = 8;  // persons per intervision group at most
  int actor_sessions = 3;          // actor sessions (0: none)
  int coaching_capacity = 4;       // coachings on the job per occurrence (0: none)
  int refresher_every = 13;        // weeks between refreshers in the routine phase (0: none)
  bool masterclasses_first = true; // managers' masterclasses before the basic training, or after it
  bool mandatory = true;           // basic training, practice exercises and refreshers compulsory
  // Thresholds of the programme's first two [[rule]]s (docs/ODD.md §3.3.13): percent for a
  // share or score, weeks for weeks_since_session. No effect on a programme without that rule.
  int rule_threshold_1 = 50;
  int rule_threshold_2 = 50;
  bool operator==(const ProgrammeKnobs&) const = default;
};

// One knob: its name, meaning and sensible range, for sliders, tables and the optimiser, and how
// it is read from and written into ProgrammeKnobs. One row per knob: adding a knob is a member
// above and a row here.
struct KnobInfo {
  std::string_view name, meaning;
  int min, max;
  int (*get)(const ProgrammeKnobs&);
  void (*set)(ProgrammeKnobs&, int);
};
#define ADOPTSIM_KNOB(member, meaning, lo, hi)                                  \
  KnobInfo {                                                                    \
    #member, meaning, lo, hi, [](const ProgrammeKnobs& k) { return static_cast<int>(k.member); }, \
        [](ProgrammeKnobs& k, int v) { k.member = static_cast<decltype(k.member)>(v); }         \
  }
inline constexpr std::array<KnobInfo, 11> kKnobTable{{
    ADOPTSIM_KNOB(training_sessions, "basic training sessions", 0, 16),
    ADOPTSIM_KNOB(training_spacing, "weeks between basic training sessions", 1, 12),
    ADOPTSIM_KNOB(intervision_every, "weeks between guided intervision sessions (0: none)", 0, 26),
    ADOPTSIM_KNOB(intervision_group_size, "persons per intervision group at most", 2, 24),
    ADOPTSIM_KNOB(actor_sessions, "actor sessions (0: none)", 0, 8),
    ADOPTSIM_KNOB(coaching_capacity, "coachings on the job per occurrence (0: none)", 0, 12),
    ADOPTSIM_KNOB(refresher_every, "weeks between refreshers (0: none)", 0, 52),
    ADOPTSIM_KNOB(masterclasses_first, "managers' masterclasses before the training (1) or after it (0)", 0, 1),
    ADOPTSIM_KNOB(mandatory, "basic training, practice and refreshers compulsory (1) or voluntary (0)", 0, 1),
    ADOPTSIM_KNOB(rule_threshold_1, "threshold of the first [[rule]], % (weeks for weeks_since_session)", 0, 100),
    ADOPTSIM_KNOB(rule_threshold_2, "threshold of the second [[rule]], % (weeks for weeks_since_session)", 0, 100),
}};
#undef ADOPTSIM_KNOB
int knob_value(const ProgrammeKnobs& k, std::string_view name);      // throws on an unknown name
void set_knob(ProgrammeKnobs& k, std::string_view name, int value);  // throws on an unknown name

// The knob values a programme implies (defaults for what it does not have).
ProgrammeKnobs read_knobs(const Scenario& s);

// The scenario with its programme changed to match the knobs. The interventions of the scenario
// serve as templates (costs, targets, group rules); missing ones are added from the reference
// programme's template, removed ones are dropped. Weeks stay within the horizon.
Scenario apply_knobs(const Scenario& s, const ProgrammeKnobs& k);

// The intervention types that some of `programmes` adds to `s` although `s` has none of them: those
// interventions take their targets, sizes, hours and fees from the knob templates (knob_template:
// the reference programme's values), not from the scenario.
std::vector<InterventionType> borrowed_interventions(const Scenario& s, const std::vector<ProgrammeKnobs>& programmes);
Intervention knob_template(InterventionType type);

}  // namespace adoptsim
