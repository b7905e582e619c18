#include "memory_check.hpp"

namespace adoptsim::cli {

void add_memory_limit_option(CLI::App* sub, std::string& into) {
  sub->add_option("--memory-limit", into,
                  "Refuse to start when the estimated memory exceeds SIZE (e.g. 512M, 4G; 'none': no check). Default: "
                  "ADOPTSIM_MEMORY_LIMIT, else the available memory (/proc/meminfo, or the cgroup's memory.max when lower)");
}

MemoryNeed check_memory(const std::string& command, const Scenario& s, std::int64_t models, std::int64_t results,
                        const std::string& option) {
  MemoryNeed need{command, replicate_footprint(s), std::max<std::int64_t>(1, models), std::max<std::int64_t>(0, results)};
  require_memory(need, memory_limit(option));
  return need;
}

}  // namespace adoptsim::cli
