// The small pure rules: hazards, need pressure, turnover rate, the learning rule of MODEL.md §7.
#include <doctest/doctest.h>

#include <cmath>

#include "learning.hpp"
#include "rules.hpp"

using namespace adoptsim;

TEST_CASE("a weekly hazard becomes the probability 1 - exp(-h)") {
  CHECK(hazard_probability(0.0) == 0.0);
  CHECK(hazard_probability(-1.0) == 0.0);
  CHECK(hazard_probability(std::log(2.0)) == doctest::Approx(0.5));
  CHECK(hazard_probability(50.0) == doctest::Approx(1.0));
}

TEST_CASE("need pressure weighs the unmet needs by what matters to the person") {
  const float w[4] = {0.7f, 0.1f, 0.1f, 0.1f};
  const float content[4] = {1, 1, 1, 1};
  const float no_autonomy[4] = {0, 1, 1, 1};
  const float no_competence[4] = {1, 1, 1, 0};
  CHECK(need_pressure(w, content) == doctest::Approx(0.0));
  CHECK(need_pressure(w, no_autonomy) == doctest::Approx(0.7));
  CHECK(need_pressure(w, no_competence) == doctest::Approx(0.1));
}

TEST_CASE("the weekly leaving probability compounds to the annual turnover rate") {
  const double week = weekly_leave_probability(0.10);
  CHECK(1.0 - std::pow(1.0 - week, 52) == doctest::Approx(0.10).epsilon(1e-12));
  CHECK(weekly_leave_probability(0.0) == 0.0);
}

TEST_CASE("learning zone: gain is eta * c * safety * (1 - skill)") {
  Parameters p;
  SessionInput in;
  in.challenge = 0.5;
  in.learning_rate = 0.3;
  in.skill = 0.2;
  in.group_size = 6;
  const SessionOutcome out = session_outcome(p, in);
  REQUIRE(out.stress == 0.0);  // challenge within safety + margin
  CHECK(out.gain == doctest::Approx(0.3 * 0.5 * out.safety * 0.8));
}

TEST_CASE("comfort zone: low challenge teaches little but is liked; stress zone harms") {
  Parameters p;
  SessionInput comfort, learning, stress;
  comfort.challenge = 0.05;
  learning.challenge = 0.55;
  stress.challenge = 1.0;
  for (SessionInput* in : {&comfort, &learning, &stress}) {
    in->learning_rate = 0.3;
    in->group_size = 6;
    in->trainer_quality = 0.3;
  }
  const auto c = session_outcome(p, comfort), l = session_outcome(p, learning), s = session_outcome(p, stress);
  CHECK(c.gain < 0.2 * l.gain);
  CHECK(c.reaction > l.reaction);     // a positive evaluation can mean a comfort-zone session
  CHECK(s.stress > 0.0);
  CHECK(s.gain < l.gain);             // learning impaired under stress
  CHECK(s.reaction < l.reaction);
}

TEST_CASE("safety: big groups, strangers and an incongruent manager make sessions less safe") {
  Parameters p;
  SessionInput base;
  base.group_size = 8;
  base.familiarity = 0.5;
  const double s0 = session_safety(p, base);
  SessionInput big = base;
  big.group_size = 16;
  SessionInput strangers = base;
  strangers.familiarity = 0.0;
  SessionInput boss = base;
  boss.manager_incongruent_present = true;
  SessionInput better_trainer = base;
  better_trainer.trainer_quality = 0.95;
  CHECK(session_safety(p, big) < s0);
  CHECK(session_safety(p, strangers) < s0);
  CHECK(session_safety(p, boss) == doctest::Approx(s0 - p[Param::safety_manager_presence]));
  CHECK(session_safety(p, better_trainer) > s0);
  // Plenary sessions (kick-off) are not penalised for their size.
  SessionInput plenary = base;
  plenary.group_size = 200;
  plenary.plenary = true;
  CHECK(session_safety(p, plenary) == doctest::Approx(s0));
}

TEST_CASE("groups above the ideal size share the airtime: less learning per person") {
  Parameters p;
  SessionInput eight, sixteen;
  eight.group_size = 8;
  sixteen.group_size = 16;
  eight.challenge = sixteen.challenge = 0.4;
  eight.learning_rate = sixteen.learning_rate = 0.2;
  const auto a = session_outcome(p, eight), b = session_outcome(p, sixteen);
  CHECK(b.gain < a.gain);
  // Airtime alone, at equal safety, scales by (8/16)^exponent.
  const double airtime = std::pow(8.0 / 16.0, p[Param::airtime_exponent]);
  CHECK(b.gain / a.gain == doctest::Approx(airtime * b.safety / a.safety));
}
