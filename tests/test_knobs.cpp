// Programme knobs: read off a programme, applied to it, each doing what it says.
#include <doctest/doctest.h>

#include <algorithm>

#include "fixtures.hpp"
#include "knobs.hpp"
#include "scenario_writer.hpp"

using namespace adoptsim;

namespace {
const Intervention* find(const Scenario& s, InterventionType t) {
  for (const auto& iv : s.programme)
    if (iv.type == t) return &iv;
  return nullptr;
}
}  // namespace

TEST_CASE("the reference programme's knobs, and applying them changes nothing") {
  const Scenario s = test::shipped("reference.toml");
  const ProgrammeKnobs k = read_knobs(s);
  CHECK(k.training_sessions == 8);
  CHECK(k.training_spacing == 5);
  CHECK(k.intervision_every == 8);
  CHECK(k.intervision_group_size == 8);
  CHECK(k.actor_sessions == 3);
  CHECK(k.coaching_capacity == 4);
  CHECK(k.refresher_every == 13);
  CHECK(k.masterclasses_first);
  CHECK(k.mandatory);
  CHECK(to_toml(apply_knobs(s, k)) == to_toml(s));
}

TEST_CASE("each knob does what it says, and the result is a valid scenario") {
  const Scenario s = test::shipped("reference.toml");
  ProgrammeKnobs k = read_knobs(s);
  k.training_sessions = 6;
  k.training_spacing = 4;
  k.intervision_every = 4;
  k.intervision_group_size = 16;
  k.actor_sessions = 5;
  k.coaching_capacity = 0;
  k.refresher_every = 26;
  k.masterclasses_first = false;
  k.mandatory = false;
  const Scenario t = apply_knobs(s, k);
  CHECK(check_scenario(t).empty());
  CHECK(find(t, InterventionType::basic_training)->weeks == std::vector<int>{12, 16, 20, 24, 28, 32});
  CHECK_FALSE(find(t, InterventionType::basic_training)->mandatory);
  CHECK(find(t, InterventionType::practice_exercise)->weeks == std::vector<int>{14, 18, 22, 26, 30, 34});
  CHECK(find(t, InterventionType::intervision)->weeks.front() == 20);
  CHECK(find(t, InterventionType::intervision)->weeks[1] == 24);
  CHECK(find(t, InterventionType::intervision)->group_size == 16);
  CHECK(find(t, InterventionType::actor_session)->weeks == std::vector<int>{36, 43, 50, 57, 64});
  CHECK(find(t, InterventionType::coaching_on_the_job) == nullptr);
  CHECK(find(t, InterventionType::refresher)->weeks == std::vector<int>{60, 86});
  CHECK(find(t, InterventionType::masterclass)->weeks == std::vector<int>{36, 38, 40});  // after the last training (32)
  CHECK(read_knobs(t) == k);
  CHECK(to_toml(apply_knobs(t, k)) == to_toml(t));  // idempotent
}

TEST_CASE("knobs add what a programme lacks and drop what is set to zero") {
  Scenario s = test::shipped("reference.toml");
  std::erase_if(s.programme, [](const Intervention& iv) {
    return iv.type == InterventionType::intervision || iv.type == InterventionType::coaching_on_the_job;
  });
  ProgrammeKnobs k = read_knobs(s);
  CHECK(k.intervision_every == 0);
  CHECK(k.coaching_capacity == 0);
  k.intervision_every = 6;
  k.coaching_capacity = 2;
  k.training_sessions = 0;
  const Scenario t = apply_knobs(s, k);
  CHECK(check_scenario(t).empty());
  CHECK(find(t, InterventionType::intervision) != nullptr);
  CHECK(find(t, InterventionType::coaching_on_the_job)->capacity == 2);
  CHECK(find(t, InterventionType::basic_training) == nullptr);
  CHECK(find(t, InterventionType::practice_exercise) == nullptr);
}

TEST_CASE("knobs by name") {
  ProgrammeKnobs k;
  for (const auto& info : kKnobTable) {
    set_knob(k, info.name, info.max);
    CHECK(knob_value(k, info.name) == info.max);
  }
  CHECK_THROWS_AS(set_knob(k, "colour", 1), std::invalid_argument);
  CHECK_THROWS_AS(knob_value(k, "colour"), std::invalid_argument);
}

TEST_CASE("each row of the knob table reads and writes its own member, and only it") {
  for (const auto& info : kKnobTable) {
    CAPTURE(info.name);
    ProgrammeKnobs k;
    const ProgrammeKnobs before = k;
    const int v = info.get(k) == info.min ? info.max : info.min;
    info.set(k, v);
    CHECK(info.get(k) == v);
    CHECK_FALSE(k == before);
    int changed = 0;
    for (const auto& other : kKnobTable) changed += other.get(k) != other.get(before);
    CHECK(changed == 1);
  }
}
