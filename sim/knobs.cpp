#include "knobs.hpp"

#include <array>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace adoptsim {

namespace {

using T = InterventionType;

Intervention* first_of(std::vector<Intervention>& programme, T type) {
  for (auto& iv : programme)
    if (iv.type == type) return &iv;
  return nullptr;
}
const Intervention* first_of(const std::vector<Intervention>& programme, T type) {
  return first_of(const_cast<std::vector<Intervention>&>(programme), type);
}

int spacing_of(const Intervention* iv, int fallback) {
  return iv && iv->weeks.size() >= 2 ? iv->weeks[1] - iv->weeks[0] : fallback;
}

// Weeks start, start + every, ... up to `last`, inside the horizon.
std::vector<int> every_weeks(int start, int every, int last, int horizon) {
  std::vector<int> w;
  for (int week = std::max(1, start); week <= std::min(last, horizon) && every > 0; week += every) w.push_back(week);
  return w;
}

// The reference programme's version of an intervention, for knobs that add what is missing.
Intervention template_for(T type) {
  Intervention iv;
  iv.type = type;
  iv.target.roles = {Role::supervisor, Role::foreman};
  iv.target.status = TargetStatus::trained;
  iv.trainer_quality = 0.75;
  switch (type) {
    case T::basic_training:
      iv.name = "Basic training";
      iv.target.status = TargetStatus::all;
      iv.grouping = GroupRule::by_team;
      iv.hours = 2.5, iv.trainer_fee = 650, iv.venue = 75, iv.materials = 10;
      break;
    case T::intervision:
      iv.name = "Guided intervision";
      iv.target.roles = {Role::supervisor, Role::foreman, Role::manager, Role::hr};
      iv.mandatory = false, iv.group_size = 8, iv.grouping = GroupRule::mixed_roles;
      iv.hours = 2, iv.trainer_quality = 0.7, iv.trainer_fee = 300;
      break;
    case T::actor_session:
      iv.name = "Actor sessions";
      iv.mandatory = false, iv.group_size = 8, iv.hours = 3, iv.trainer_quality = 0.8, iv.trainer_fee = 700, iv.actor_fee = 900;
      break;
    case T::coaching_on_the_job:
      iv.name = "Coaching on the job";
      iv.target.roles = {Role::supervisor};
      iv.mandatory = false, iv.capacity = 4, iv.group_size = 1, iv.hours = 1, iv.trainer_quality = 0.8, iv.trainer_fee = 120;
      break;
    case T::refresher:
      iv.name = "Refreshers";
      iv.grouping = GroupRule::by_team, iv.hours = 2, iv.trainer_fee = 600, iv.venue = 75;
      break;
    default: throw std::logic_error("no knob template for this intervention type");
  }
  return iv;
}

// The intervention of `type` to change: the scenario's first one, or a new one from the template.
Intervention& ensure(std::vector<Intervention>& programme, T type) {
  if (Intervention* iv = first_of(programme, type)) return *iv;
  Intervention iv = template_for(type);
  while (std::any_of(programme.begin(), programme.end(), [&](const Intervention& x) { return x.name == iv.name; })) iv.name += " (added)";
  programme.push_back(iv);
  return programme.back();
}

// A rule's threshold as a knob value: percent of a share or score, or whole weeks.
double knob_scale(const ProgrammeRule& r) { return r.observe == Observable::weeks_since_session ? 1.0 : 100.0; }

void drop(std::vector<Intervention>& programme, T type) {
  std::erase_if(programme, [type](const Intervention& iv) { return iv.type == type; });
}

}  // namespace

ProgrammeKnobs read_knobs(const Scenario& s) {
  ProgrammeKnobs k;
  const auto& p = s.programme;
  const Intervention* training = first_of(p, T::basic_training);
  k.training_sessions = training ? static_cast<int>(training->weeks.size()) : 0;
  k.training_spacing = spacing_of(training, k.training_spacing);
  const Intervention* intervision = first_of(p, T::intervision);
  k.intervision_every = intervision ? spacing_of(intervision, k.intervision_every) : 0;
  if (intervision) k.intervision_group_size = intervision->group_size;
  const Intervention* actor = first_of(p, T::actor_session);
  k.actor_sessions = actor ? static_cast<int>(actor->weeks.size()) : 0;
  const Intervention* coaching = first_of(p, T::coaching_on_the_job);
  k.coaching_capacity = coaching ? (coaching->capacity > 0 ? coaching->capacity : kKnobTable[5].max) : 0;
  const Intervention* refresher = first_of(p, T::refresher);
  k.refresher_every = refresher ? spacing_of(refresher, k.refresher_every) : 0;
  const Intervention* masterclass = first_of(p, T::masterclass);
  if (masterclass && training && !masterclass->weeks.empty() && !training->weeks.empty())
    k.masterclasses_first = masterclass->weeks.front() < training->weeks.front();
  if (training) k.mandatory = training->mandatory;
  if (s.rules.size() >= 1) k.rule_threshold_1 = static_cast<int>(std::lround(s.rules[0].threshold * knob_scale(s.rules[0])));
  if (s.rules.size() >= 2) k.rule_threshold_2 = static_cast<int>(std::lround(s.rules[1].threshold * knob_scale(s.rules[1])));
  return k;
}

Scenario apply_knobs(const Scenario& s, const ProgrammeKnobs& k) {
  Scenario out = s;
  auto& p = out.programme;
  const int horizon = out.weeks;

  // Basic training: keep its first week, set the number and spacing; practice follows it.
  const Intervention* existing = first_of(p, T::basic_training);
  const int start = existing && !existing->weeks.empty() ? existing->weeks.front() : 12;
  std::vector<int> training_weeks;
  for (int n = 0; n < k.training_sessions; ++n)
    if (start + n * k.training_spacing <= horizon) training_weeks.push_back(start + n * k.training_spacing);
  if (training_weeks.empty()) {
    drop(p, T::basic_training);
    drop(p, T::practice_exercise);
  } else {
    Intervention& training = ensure(p, T::basic_training);
    training.weeks = training_weeks;
    training.mandatory = k.mandatory;
    if (Intervention* practice = first_of(p, T::practice_exercise)) {
      practice->weeks.clear();
      for (int w : training_weeks)
        if (w + 2 <= horizon) practice->weeks.push_back(w + 2);
      practice->mandatory = k.mandatory;
      if (practice->weeks.empty()) drop(p, T::practice_exercise);
    }
  }
  const int training_end = training_weeks.empty() ? start : training_weeks.back();

  // Intervision: from its first week to its last, every so many weeks, in groups of at most n.
  if (k.intervision_every <= 0) {
    drop(p, T::intervision);
  } else {
    const Intervention* old = first_of(p, T::intervision);
    const int first = old ? old->weeks.front() : start + 8, last = old ? old->weeks.back() : horizon - 4;
    Intervention& iv = ensure(p, T::intervision);
    iv.weeks = every_weeks(first, k.intervision_every, std::max(first, last), horizon);
    iv.group_size = k.intervision_group_size;
    if (iv.weeks.empty()) drop(p, T::intervision);
  }

  // Actor sessions: spread evenly over the span the programme gives them.
  if (k.actor_sessions <= 0) {
    drop(p, T::actor_session);
  } else {
    const Intervention* old = first_of(p, T::actor_session);
    const int first = old ? old->weeks.front() : start + 24;
    int last = old && old->weeks.size() >= 2 ? old->weeks.back() : first + 14 * (k.actor_sessions - 1);
    last = std::max(last, first + 2 * (k.actor_sessions - 1));  // room for distinct weeks
    Intervention& iv = ensure(p, T::actor_session);
    iv.weeks.clear();
    for (int n = 0; n < k.actor_sessions; ++n) {
      const int week = k.actor_sessions == 1 ? first
                                             : first + static_cast<int>(std::lround(static_cast<double>(n) * (last - first) / (k.actor_sessions - 1)));
      if (week <= horizon && (iv.weeks.empty() || week > iv.weeks.back())) iv.weeks.push_back(week);
    }
    if (iv.weeks.empty()) drop(p, T::actor_session);
  }

  // Coaching on the job: how many can be coached at each occurrence.
  if (k.coaching_capacity <= 0) {
    drop(p, T::coaching_on_the_job);
  } else {
    const bool had = first_of(p, T::coaching_on_the_job) != nullptr;
    Intervention& iv = ensure(p, T::coaching_on_the_job);
    if (!had) iv.weeks = every_weeks(start + 12, 2, start + 62, horizon);
    iv.capacity = k.coaching_capacity;
    if (iv.weeks.empty()) drop(p, T::coaching_on_the_job);
  }

  // Refreshers: from their first week (by default a quarter after the training) to the horizon.
  if (k.refresher_every <= 0) {
    drop(p, T::refresher);
  } else {
    const Intervention* old = first_of(p, T::refresher);
    const int first = old ? old->weeks.front() : training_end + 13;
    Intervention& iv = ensure(p, T::refresher);
    iv.weeks = every_weeks(first, k.refresher_every, horizon, horizon);
    iv.mandatory = k.mandatory;
    if (iv.weeks.empty()) drop(p, T::refresher);
  }

  // Masterclasses keep their number and spacing; they end before the training starts, or
  // start after the training year.
  if (Intervention* mc = first_of(p, T::masterclass)) {
    const int n = static_cast<int>(mc->weeks.size()), gap = std::max(1, spacing_of(mc, 2));
    const int first = k.masterclasses_first ? std::max(1, start - 10) : training_end + 4;
    mc->weeks.clear();
    for (int i = 0; i < n; ++i)
      if (first + i * gap <= horizon) mc->weeks.push_back(first + i * gap);
    if (mc->weeks.empty()) drop(p, T::masterclass);
  }

  // Rule thresholds: changed only when the knob differs from what the rule says (so that a
  // threshold between whole percents survives knobs that leave it alone).
  const ProgrammeKnobs was = read_knobs(s);
  if (out.rules.size() >= 1 && k.rule_threshold_1 != was.rule_threshold_1) out.rules[0].threshold = k.rule_threshold_1 / knob_scale(out.rules[0]);
  if (out.rules.size() >= 2 && k.rule_threshold_2 != was.rule_threshold_2) out.rules[1].threshold = k.rule_threshold_2 / knob_scale(out.rules[1]);
  return out;
}

namespace {
const KnobInfo& knob_row(std::string_view name) {
  for (const KnobInfo& info : kKnobTable)
    if (info.name == name) return info;
  throw std::invalid_argument("unknown programme knob '" + std::string(name) + "'");
}
}  // namespace

int knob_value(const ProgrammeKnobs& k, std::string_view name) { return knob_row(name).get(k); }

void set_knob(ProgrammeKnobs& k, std::string_view name, int v) { knob_row(name).set(k, v); }

std::vector<InterventionType> borrowed_interventions(const Scenario& s, const std::vector<ProgrammeKnobs>& programmes) {
  std::array<bool, kInterventionTypes> has{}, added{};
  for (const auto& iv : s.programme) has[static_cast<std::size_t>(iv.type)] = true;
  for (const auto& k : programmes)
    for (const auto& iv : apply_knobs(s, k).programme)
      if (!has[static_cast<std::size_t>(iv.type)]) added[static_cast<std::size_t>(iv.type)] = true;
  std::vector<InterventionType> out;
  for (std::size_t t = 0; t < added.size(); ++t)
    if (added[t]) out.push_back(static_cast<InterventionType>(t));
  return out;
}

Intervention knob_template(InterventionType type) { return template_for(type); }

}  // namespace adoptsim
