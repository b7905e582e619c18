#include "preconditions.hpp"

#include <algorithm>

namespace adoptsim {

Parameters apply_conditions(const Parameters& p, const Conditions& c, std::vector<ConditionEffect>* effects) {
  Parameters out = p;
  for (const ConditionRow& row : kConditionTable) {
    double gap = 0;
    std::string input;
    if (row.kind == ConditionKind::precondition) {
      const int state = c.state[static_cast<std::size_t>(row.input)];
      gap = 1.0 - kPreconditionStateLevels[static_cast<std::size_t>(state)];
      input = std::string("preconditions.") + std::string(kPreconditionNames[static_cast<std::size_t>(row.input)]) + " = " +
              std::string(kPreconditionStateNames[static_cast<std::size_t>(state)]);
    } else {
      const Barrier& b = c.barrier[static_cast<std::size_t>(row.input)];
      gap = b.rating / 3.0;
      input = std::string("barriers.") + std::string(kBarrierLevelNames[static_cast<std::size_t>(row.input)]) + " = " +
              std::to_string(b.rating) + (b.changeable ? " (changeable)" : " (not changeable)");
    }
    if (gap == 0) continue;  // secured / not rated: the parameter is left exactly as it is
    const double factor = 1.0 + row.slope * gap;
    const double before = out[row.param];
    for (int k = 0; k < row.rows; ++k) {
      const auto id = static_cast<Param>(static_cast<int>(row.param) + k);
      const ParamInfo& pi = info(id);
      out[id] = std::clamp(out[id] * factor, pi.min, pi.max);
    }
    if (effects) effects->push_back({&row, input, row.param, before, out[row.param]});
  }
  return out;
}

}  // namespace adoptsim
