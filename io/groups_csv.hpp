// The trainer's planning list of a composition (issue 12): group,name,team,role, a header row
// and one row per person, groups numbered from 1. Written by `adoptsim groups` and by the live
// window's Groups panel; cells with commas or quotes are quoted (RFC 4180).
#pragma once
#include <string>

#include "group_constraints.hpp"
#include "organisation.hpp"

namespace adoptsim {

std::string groups_csv(const Composition& c, const Structure& st);

}  // namespace adoptsim
