#include "h5_helpers.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "atomic_file.hpp"

namespace adoptsim::h5 {

void write_file(const std::filesystem::path& path, const std::function<void(H5::H5File&)>& fill) {
  try {
    write_atomically(path, [&](const std::filesystem::path& tmp) {
      H5::H5File file(tmp.string(), H5F_ACC_TRUNC);
      fill(file);
      file.close();  // before the rename: HDF5 writes its last metadata on close
    });
  } catch (const H5::Exception& e) {
    // H5::Exception is not a std::exception; callers should not need HDF5 headers to catch it.
    throw std::runtime_error(fmt::format("writing {}: HDF5: {} {}", path.string(), e.getFuncName(), e.getDetailMsg()));
  }
}

}  // namespace adoptsim::h5
