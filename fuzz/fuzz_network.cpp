// Fuzz target: the external-network reader. The input is a node list and an edge list separated
// by a line "%%" (without one, the input serves as both).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "external_network.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace adoptsim;
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const auto cut = all.find("\n%%\n");
  const std::string_view nodes = cut == std::string_view::npos ? all : all.substr(0, cut + 1);
  const std::string_view edges = cut == std::string_view::npos ? all : all.substr(cut + 4);
  ExternalSource src;
  src.nodes = fuzz::as_file("nodes.csv", reinterpret_cast<const std::uint8_t*>(nodes.data()), nodes.size());
  src.edges = fuzz::as_file("edges.csv", reinterpret_cast<const std::uint8_t*>(edges.data()), edges.size());
  for (bool drop : {false, true}) {
    src.drop_unknown = drop;
    src.edge_filter.clear();
    if (drop) src.edge_filter.emplace_back("kind", "1");
    std::vector<Diagnostic> problems;
    (void)load_external_network(src, problems, [](const std::string& key, const std::string& message) {
      return Diagnostic{"fuzz.toml", 1, 1, key, message};
    });
  }
  return 0;
}
