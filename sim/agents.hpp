// Agent state as a structure of arrays: one vector per attribute, indexed by person.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "domain.hpp"

namespace adoptsim {

// Bit flags in Agents::flags.
enum AgentFlag : std::uint8_t {
  kTrained = 1,        // attended a basic training, onboarding or masterclass
  // 2: was kMasterclassed, now Agents::masterclassed (read across agent blocks, see there)
  kEnrolled = 4,       // signed up for deepening (attended a voluntary session)
  kNewHire = 8,        // hired during the run and not yet onboarded
  kRelapsed = 16,      // stopped applying; coming back needs support (docs/ODD.md "Erosion")
  kNeverAdopts = 32,   // outside the susceptible share m (docs/ODD.md "Direct adoption")
};

// Cross-team ties from group sessions (docs/ODD.md §3.3.6.1, sim/cross_team_ties.hpp): slots per person.
inline constexpr int kSessionTies = 4;
inline constexpr std::uint32_t kNoSessionTie = 0xffffffffu;

struct Agents {
  // Traits, redrawn when a position gets a new occupant.
  std::vector<Category> category;
  std::array<std::vector<float>, kNeeds> need_weight;    // sums to 1 over the needs
  std::array<std::vector<float>, kNeeds> need_baseline;  // satisfaction it drifts back to
  // State.
  std::array<std::vector<float>, kNeeds> need;           // satisfaction s_k in [0, 1]
  std::vector<float> skill;
  std::vector<float> resistance;
  std::vector<Stage> stage;
  std::vector<std::uint8_t> flags;
  // A manager who responds to resistance in the method's style (§3.3.8): set by masterclasses, read
  // by the update of the manager's reports, who may be in another agent block. Not a bit of
  // `flags`, which the stage transition of the manager's own block writes that same week (a data
  // race on the byte, found by ThreadSanitizer).
  std::vector<std::uint8_t> masterclassed;
  std::vector<std::uint16_t> weeks_applying;             // consecutive weeks in change/maintenance
  std::vector<std::int16_t> adoption_week;               // first week applying, -1 never
  std::vector<std::int16_t> hire_week;                   // 0 for the original staff
  std::vector<std::uint16_t> relapses;
  std::vector<std::uint16_t> sessions;                   // sessions attended, all types
  std::array<std::vector<std::uint8_t>, kInterventionTypes> sessions_by_type;
  // What this week's sessions did, consumed by the weekly update (reset every week).
  std::vector<float> awareness_impulse, acceptance_impulse, practice_impulse, mandate_impulse;
  std::vector<float> norm_impulse;     // added to the exposure the social norm reads (ambassadors, shared results)
  std::vector<float> erosion_relief;   // share of the unsupported relapse hazard taken away (a project leader)
  std::vector<std::uint8_t> had_session;
  std::vector<std::int16_t> last_session_week;           // week of the last session that taught (hire week if none)
  // What neighbours read of each other: last week's state (synchronous update), already
  // multiplied by the person's weight as a role model, packed so one tie is one memory read.
  // The weekly update reads `visible_last` and writes `visible_next`; they swap at week's end.
  struct Visible {
    float applying;    // weight if applying last week, else 0
    float resistance;  // weight * resistance last week
  };
  std::vector<Visible> visible_last, visible_next;
  // Lasting ties to colleagues of other teams met in group sessions (§3.3.6.1): kSessionTies per
  // person, [person * kSessionTies + slot]; the week each was made (or last renewed); the slot
  // the next new tie takes (the oldest).
  std::vector<std::uint32_t> session_tie;
  std::vector<std::int16_t> session_tie_week;
  std::vector<std::uint8_t> session_tie_next;

  int size() const { return static_cast<int>(skill.size()); }
  bool has(int i, AgentFlag f) const { return (flags[i] & f) != 0; }
  bool applied_last_week(int i) const { return visible_last[static_cast<std::size_t>(i)].applying > 0.f; }

  void resize(int n) {
    const auto m = static_cast<std::size_t>(n);
    category.assign(m, Category::early_majority);
    for (int k = 0; k < kNeeds; ++k) {
      need_weight[k].assign(m, 0.25f);
      need_baseline[k].assign(m, 0.7f);
      need[k].assign(m, 0.7f);
    }
    skill.assign(m, 0.f);
    resistance.assign(m, 0.f);
    stage.assign(m, Stage::orientation);
    flags.assign(m, 0);
    masterclassed.assign(m, 0);
    weeks_applying.assign(m, 0);
    adoption_week.assign(m, -1);
    hire_week.assign(m, 0);
    relapses.assign(m, 0);
    sessions.assign(m, 0);
    for (auto& v : sessions_by_type) v.assign(m, 0);
    awareness_impulse.assign(m, 0.f);
    acceptance_impulse.assign(m, 0.f);
    practice_impulse.assign(m, 0.f);
    mandate_impulse.assign(m, 0.f);
    norm_impulse.assign(m, 0.f);
    erosion_relief.assign(m, 0.f);
    had_session.assign(m, 0);
    last_session_week.assign(m, 0);
    visible_last.assign(m, Visible{0.f, 0.f});
    visible_next.assign(m, Visible{0.f, 0.f});
    session_tie.assign(m * kSessionTies, kNoSessionTie);
    session_tie_week.assign(m * kSessionTies, 0);
    session_tie_next.assign(m, 0);
  }
};

}  // namespace adoptsim
