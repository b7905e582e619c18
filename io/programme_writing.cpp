#include "programme_writing.hpp"

#include <fmt/format.h>

namespace adoptsim {

namespace {

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<int>(c));
    else out += c;
  }
  return out + "\"";
}

std::string team_list(const std::vector<int>& teams, const Structure& st) {
  std::string out = "teams = [";
  for (std::size_t k = 0; k < teams.size(); ++k) out += (k ? ", " : "") + quoted(st.team_names[static_cast<std::size_t>(teams[k])]);
  return out + "]\n";
}

// Check weeks as a cadence when evenly spaced (three or more), else as a list.
std::string check_weeks_text(const std::vector<int>& w) {
  bool regular = w.size() >= 3 && w[1] > w[0];
  for (std::size_t k = 2; regular && k < w.size(); ++k) regular = w[k] - w[k - 1] == w[1] - w[0];
  if (regular) return fmt::format("check_from = {}\ncheck_every = {}\ncheck_until = {}\n", w.front(), w[1] - w[0], w.back());
  std::string out = "check_weeks = [";
  for (std::size_t k = 0; k < w.size(); ++k) out += (k ? ", " : "") + std::to_string(w[k]);
  return out + "]\n";
}

}  // namespace

std::string programme_structure_toml(const Scenario& s, const Structure& st) {
  std::string out;
  for (const ProgrammeRule& r : s.rules) {
    out += "\n[[rule]]\nname = " + quoted(r.name) + "\n";
    out += "observe = " + quoted(kObservableNames[static_cast<std::size_t>(idx(r.observe))]) + "\n";
    out += "scope = " + quoted(kRuleScopeNames[static_cast<std::size_t>(idx(r.scope))]) + "\n";
    if (!r.teams.empty()) out += team_list(r.teams, st);
    out += fmt::format("{} = {}\n", kComparisonNames[static_cast<std::size_t>(idx(r.when))], r.threshold);
    out += check_weeks_text(r.check_weeks);
    out += fmt::format("delay = {}\nmax_firings = {}\n", r.delay, r.max_firings);
  }
  for (const Phase& ph : s.phases) {
    out += "\n[[phase]]\nname = " + quoted(ph.name) + "\n";
    if (!ph.teams.empty()) out += team_list(ph.teams, st);
    if (ph.start >= 1) out += fmt::format("start = {}\n", ph.start);
    if (ph.start_rule >= 0) out += "start_on_rule = " + quoted(s.rules[static_cast<std::size_t>(ph.start_rule)].name) + "\n";
  }
  const Conditions plain;
  std::string pre, bar;
  for (int k = 0; k < kPreconditions; ++k)
    if (s.conditions.state[static_cast<std::size_t>(k)] != plain.state[static_cast<std::size_t>(k)])
      pre += fmt::format("{} = {}\n", kPreconditionNames[static_cast<std::size_t>(k)],
                         quoted(kPreconditionStateNames[static_cast<std::size_t>(s.conditions.state[static_cast<std::size_t>(k)])]));
  for (int k = 0; k < kBarrierLevels; ++k)
    if (const Barrier& b = s.conditions.barrier[static_cast<std::size_t>(k)]; b.rating > 0)
      bar += fmt::format("{} = {{ rating = {}, changeable = {} }}\n", kBarrierLevelNames[static_cast<std::size_t>(k)], b.rating, b.changeable);
  if (!pre.empty()) out += "\n[preconditions]   # secured unless stated (docs/ODD.md \"Preconditions and barriers\")\n" + pre;
  if (!bar.empty()) out += "\n[barriers]        # seed 004: rating 1-3 per level\n" + bar;
  return out;
}

std::string intervention_links_toml(const Scenario& s, const Intervention& iv) {
  std::string out;
  if (iv.phase >= 0) out += "phase = " + quoted(s.phases[static_cast<std::size_t>(iv.phase)].name) + "\n";
  if (iv.on_rule >= 0) out += "on_rule = " + quoted(s.rules[static_cast<std::size_t>(iv.on_rule)].name) + "\n";
  return out;
}

}  // namespace adoptsim
