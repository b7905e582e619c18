// Output file names made from names inside files (a scenario's or a calibration's name): they
// must stay inside the output folder whatever the name says ("../../x", "/etc/x", "").
#pragma once
#include <string>

namespace adoptsim {

// Letters, digits, '-', '_' and '.' are kept, every other byte becomes '-'; leading dots are
// dropped (no "..", no hidden files) and the result is at most 100 bytes. "scenario" if empty.
std::string safe_file_name(const std::string& name);

}  // namespace adoptsim
