#include "option_values.hpp"

#include <charconv>
#include <stdexcept>

namespace adoptsim::cli {

namespace {

bool to_double(std::string s, double& out) {
  try {
    std::size_t used = 0;
    out = std::stod(s, &used);
    return used == s.size();
  } catch (const std::exception&) {
    return false;
  }
}

bool to_int(const std::string& s, int& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

}  // namespace

void parse_goal(const std::string& text, Goal& goal, int horizon) {
  const auto at = text.find('@');
  const std::string usage = "--goal " + text + ": expected SHARE@WEEK, e.g. 0.65@52 or 65%@52";
  if (at == std::string::npos) throw std::invalid_argument(usage);
  std::string share_text = text.substr(0, at);
  const bool percent = !share_text.empty() && share_text.back() == '%';
  if (percent) share_text.pop_back();
  double share = 0;
  int week = 0;
  if (!to_double(share_text, share) || !to_int(text.substr(at + 1), week)) throw std::invalid_argument(usage);
  if (percent) share /= 100;
  if (!(share > 0 && share <= 1)) throw std::invalid_argument("--goal " + text + ": the share must be above 0 and at most 1 (100%)");
  if (week < 1 || week > horizon)
    throw std::invalid_argument("--goal " + text + ": the week must be within the horizon, 1-" + std::to_string(horizon));
  goal.share = share;
  goal.week = week;
}

std::pair<std::string, std::vector<int>> parse_knob_values(const std::string& text) {
  const auto eq = text.find('=');
  const std::string usage = "--knob " + text + ": expected NAME=V1,V2,..., e.g. intervision_every=0,4,8";
  if (eq == std::string::npos || eq == 0) throw std::invalid_argument(usage);
  std::vector<int> values;
  std::size_t start = eq + 1;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    int v = 0;
    if (!to_int(text.substr(start, end - start), v)) throw std::invalid_argument(usage);
    values.push_back(v);
    start = end + 1;
  }
  return {text.substr(0, eq), values};
}

CLI::Option* add_set_option(CLI::App* sub, std::vector<std::string>& set) {
  return sub
      ->add_option("--set", set,
                   "Override a parameter or scenario key, validated like the file: NAME=VALUE (repeatable), "
                   "e.g. --set stage.apply_rate=0.1 --set goal.share=0.7; result files record the effective scenario")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void one_value_per_occurrence(CLI::App& app) {
  for (CLI::Option* option : app.get_options())
    if (!option->get_positional() && option->get_items_expected_max() > 1) option->allow_extra_args(false);
  for (CLI::App* sub : app.get_subcommands({})) one_value_per_occurrence(*sub);
}

}  // namespace adoptsim::cli
