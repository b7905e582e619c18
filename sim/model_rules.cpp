// The model's side of phases and rules (docs/ODD.md §3.3.13): step 0 of the week, and the
// occurrences the rule book puts in the week, run after the calendar's.
#include "model.hpp"

namespace adoptsim {

namespace {
// Sessions, not messages or evaluations, count for "weeks since the last session" (the type's row).
bool is_session(InterventionType t) { return type_info(t).session; }
}  // namespace

void Model::begin_rules_week() {
  if (!rule_book_.active() || scenario_.kind != ModelKind::full) return;
  rule_book_.begin_week(week_, structure_, agents_, result_, result_.firings, result_.phase_start);
}

void Model::run_due_occurrences(const ProgrammeContext& ctx, ReactionTally& reactions) {
  if (!rule_book_.active()) return;
  // The calendar's occurrences of this week reached their targets' teams.
  for (const Occurrence& o : this_week_)
    if (o.attendees > 0 && is_session(o.type)) rule_book_.note_session(week_, scenario_.programme[static_cast<std::size_t>(o.intervention)].target.teams);
  for (const DueOccurrence& d : rule_book_.due(week_)) {
    auto& teams = scenario_.programme[static_cast<std::size_t>(d.intervention)].target.teams;
    const std::vector<int> own = teams;
    if (!d.all) {
      teams = narrow_teams(own, d.teams);
      if (teams.empty()) {
        teams = own;
        continue;
      }
    }
    Occurrence o = run_occurrence(ctx, d.intervention, costs_, reactions);
    if (o.attendees > 0 && is_session(o.type)) rule_book_.note_session(week_, teams);
    this_week_.push_back(std::move(o));
    teams = own;
  }
}

}  // namespace adoptsim
