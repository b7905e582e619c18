// Option values of the decision commands that are more than a number: a goal as SHARE@WEEK and a
// knob's grid as NAME=V1,V2,... Bad values throw std::invalid_argument (exit code 2).
#pragma once
#include <string>
#include <vector>

#include "scenario.hpp"

namespace adoptsim::cli {

// "0.65@52" or "65%@52": the share of the goal group applying by the week. The goal's roles stay.
void parse_goal(const std::string& text, Goal& goal, int horizon);

// "intervision_every=0,4,8": the knob's name and its values.
std::pair<std::string, std::vector<int>> parse_knob_values(const std::string& text);

}  // namespace adoptsim::cli
