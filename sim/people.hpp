// Drawing a person's traits: Rogers category, the weights and baselines of the four needs, and
// the starting skill and resistance. Used for the original staff and for every new hire.
#pragma once
#include "agents.hpp"
#include "parameters.hpp"
#include "rng.hpp"

namespace adoptsim {

Category draw_category(const Parameters& p, Engine& rng);

// Gives person i of `a` category c, fresh traits and the state of someone who has not yet heard
// of the method. Bookkeeping (sessions, flags, weeks) is reset too; what neighbours see of the
// position (Agents::visible_*) is the caller's to set.
void draw_person(Agents& a, int i, Category c, const Parameters& p, Engine& rng);

// Resistance a person rests at: the category's base plus the effect of need pressure.
double resting_resistance(const Parameters& p, Category c, double need_pressure);

}  // namespace adoptsim
