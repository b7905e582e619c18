#include "h5_helpers.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "atomic_file.hpp"

namespace adoptsim::h5 {

namespace {

// The file is built in memory (HDF5's core driver, no backing store) and its image written by
// write_atomically. HDF5 never writes to disk itself: a full disk or a failing write is an error
// of ours, reported, the temporary removed. (When HDF5 1.10's own close failed on a full disk, the
// file stayed open in the library and crashed it at exit: exit 139 instead of 1.)
std::vector<char> file_image(const std::function<void(H5::H5File&)>& fill) {
  H5::Exception::dontPrint();  // its error stack is not for users: the exception is reported
  H5::FileAccPropList fapl;
  fapl.setCore(1 << 20, false);  // grows in 1 MiB steps; nothing written on close
  H5::H5File file("adoptsim-in-memory.h5", H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, fapl);
  fill(file);
  file.flush(H5F_SCOPE_GLOBAL);
  const ssize_t size = H5Fget_file_image(file.getId(), nullptr, 0);
  if (size < 0) throw std::runtime_error("HDF5 could not give the file image");
  std::vector<char> image(static_cast<std::size_t>(size));
  if (H5Fget_file_image(file.getId(), image.data(), image.size()) != size) throw std::runtime_error("HDF5 could not give the file image");
  file.close();
  return image;
}

}  // namespace

void write_file(const std::filesystem::path& path, const std::function<void(H5::H5File&)>& fill) {
  try {
    const std::vector<char> image = file_image(fill);
    write_atomically(path, [&](const std::filesystem::path& tmp) { write_bytes(tmp, image.data(), image.size()); });
  } catch (const H5::Exception& e) {
    // H5::Exception is not a std::exception; callers should not need HDF5 headers to catch it.
    throw std::runtime_error(fmt::format("writing {}: HDF5: {} {}", path.string(), e.getFuncName(), e.getDetailMsg()));
  }
}

}  // namespace adoptsim::h5
