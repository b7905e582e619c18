#include "knob_space.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

namespace adoptsim {

namespace {

// What the knobs can change of a programme, as text: equal text, equal programme.
std::string fingerprint(const Scenario& s) {
  std::string f;
  for (const auto& iv : s.programme) {
    f += std::to_string(idx(iv.type)) + (iv.mandatory ? "m" : "v") + std::to_string(iv.group_size) + "c" + std::to_string(iv.capacity) + ":";
    for (int w : iv.weeks) f += std::to_string(w) + ",";
    f += ";";
  }
  return f;
}

std::size_t knob_index(const std::string& name) {
  for (std::size_t k = 0; k < kKnobTable.size(); ++k)
    if (kKnobTable[k].name == name) return k;
  std::string known;
  for (const auto& info : kKnobTable) known += (known.empty() ? "" : ", ") + std::string(info.name);
  throw std::invalid_argument("unknown programme knob '" + name + "' (knobs: " + known + ")");
}

}  // namespace

std::size_t KnobGrid::combinations() const {
  std::size_t n = 1;
  for (const auto& v : values) n *= std::max<std::size_t>(1, v.size());  // none given: the scenario's value
  return n;
}

KnobGrid default_grid() {
  KnobGrid g;
  g.values = {{{4, 6, 8, 10}, {3, 5, 7}, {0, 4, 8, 12}, {6, 8, 12}, {0, 2, 4}, {0, 2, 4}, {0, 13, 26}, {1, 0}, {1, 0}}};
  return g;
}

void set_grid_values(KnobGrid& grid, const std::string& knob, const std::vector<int>& values) {
  const std::size_t k = knob_index(knob);
  const KnobInfo& info = kKnobTable[k];
  if (values.empty()) throw std::invalid_argument("knob " + knob + ": no values given");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] < info.min || values[i] > info.max)
      throw std::invalid_argument("knob " + knob + ": " + std::to_string(values[i]) + " is outside its range " + std::to_string(info.min) + "-" +
                                  std::to_string(info.max) + " (" + std::string(info.meaning) + ")");
    if (std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i), values[i]) != values.begin() + static_cast<std::ptrdiff_t>(i))
      throw std::invalid_argument("knob " + knob + ": " + std::to_string(values[i]) + " is given twice");
  }
  grid.values[k] = values;
}

std::vector<ProgrammeKnobs> distinct_programmes(const KnobGrid& grid, const Scenario& base) {
  std::vector<ProgrammeKnobs> out;
  std::unordered_set<std::string> seen;
  const std::size_t n = grid.combinations();
  std::array<std::size_t, kKnobTable.size()> at{};
  for (std::size_t c = 0; c < n; ++c) {
    ProgrammeKnobs k = read_knobs(base);
    for (std::size_t i = 0; i < kKnobTable.size(); ++i)
      if (!grid.values[i].empty()) set_knob(k, kKnobTable[i].name, grid.values[i][at[i]]);
    if (seen.insert(fingerprint(apply_knobs(base, k))).second) out.push_back(k);
    // Next combination: the last knob varies fastest.
    for (std::size_t i = kKnobTable.size(); i-- > 0;) {
      if (++at[i] < std::max<std::size_t>(1, grid.values[i].size())) break;
      at[i] = 0;
    }
  }
  return out;
}

}  // namespace adoptsim
