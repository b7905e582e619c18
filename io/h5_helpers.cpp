#include "h5_helpers.hpp"

#include <fmt/format.h>

#include <H5DSpublic.h>

#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "atomic_file.hpp"

namespace adoptsim::h5 {

namespace {

// The file is built in memory (HDF5's core driver, no backing store) and its image written by
// write_atomically. HDF5 never writes to disk itself: a full disk or a failing write is an error
// of ours, reported, the temporary removed. (When HDF5 1.10's own close failed on a full disk, the
// file stayed open in the library and crashed it at exit: exit 139 instead of 1.)
std::vector<char> disk_image(const std::function<void(H5::H5File&)>& fill) {
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

std::string object_path(hid_t id) {
  const ssize_t n = H5Iget_name(id, nullptr, 0);
  if (n <= 0) throw std::logic_error("HDF5 object without a name");
  std::string s(static_cast<std::size_t>(n) + 1, '\0');
  H5Iget_name(id, s.data(), s.size());
  s.resize(static_cast<std::size_t>(n));
  return s;
}

void make_scale(hid_t id, const std::string& name) {
  if (H5DSis_scale(id) > 0) return;
  if (H5DSset_scale(id, name.c_str()) < 0) throw std::runtime_error("HDF5: cannot make " + name + " a dimension scale");
}

// The coordinate `name` of length `n` in `g`: the existing one, or the indices 0 .. n-1.
H5::DataSet coordinate_for(H5::Group& g, const std::string& name, hsize_t n, const std::string& user) {
  if (!g.nameExists(name)) {
    std::vector<std::int32_t> index(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < index.size(); ++i) index[i] = static_cast<std::int32_t>(i);
    H5::DataSet ds = write_column(g, name.c_str(), index);
    set_text(ds, "description", "Position along the axis (0-based).");
    set_names(ds, "axes", std::vector<std::string>{name});
    make_scale(ds.getId(), name);
    return ds;
  }
  H5::DataSet ds = g.openDataSet(name);
  const H5::DataSpace space = ds.getSpace();
  hsize_t length = 0;
  if (H5DSis_scale(ds.getId()) <= 0 || space.getSimpleExtentNdims() != 1)
    throw std::logic_error(fmt::format("{}: axis '{}' is the name of a dataset that is not a coordinate", user, name));
  space.getSimpleExtentDims(&length);
  if (length != n)
    throw std::logic_error(fmt::format("{}: axis '{}' has {} entries, its coordinate {}", user, name, n, length));
  return ds;
}

}  // namespace

void attach_axes(H5::DataSet& ds, std::initializer_list<std::string_view> axes) {
  const std::string path = object_path(ds.getId());
  const std::size_t slash = path.rfind('/');
  const std::string self = path.substr(slash + 1);
  const std::string parent = slash == 0 ? "/" : path.substr(0, slash);
  const H5::DataSpace space = ds.getSpace();
  const int rank = space.getSimpleExtentNdims();
  if (rank != static_cast<int>(axes.size()))
    throw std::logic_error(fmt::format("{}: {} axes named for {} dimensions", path, axes.size(), rank));
  Dims dims(static_cast<std::size_t>(rank));
  if (rank > 0) space.getSimpleExtentDims(dims.data());
  if (rank == 1 && *axes.begin() == self) {  // a coordinate variable
    make_scale(ds.getId(), self);
    return;
  }
  const hid_t file = H5Iget_file_id(ds.getId());
  const hid_t gid = H5Gopen2(file, parent.c_str(), H5P_DEFAULT);
  H5Fclose(file);  // only this handle: the file stays open
  if (gid < 0) throw std::runtime_error("HDF5: cannot open the group of " + path);
  H5::Group group(gid);  // the wrapper takes its own reference
  H5Gclose(gid);
  unsigned k = 0;
  for (std::string_view axis : axes) {
    const H5::DataSet scale = coordinate_for(group, std::string(axis), dims[k], path);
    if (H5DSattach_scale(ds.getId(), scale.getId(), k) < 0)
      throw std::runtime_error(fmt::format("HDF5: cannot attach coordinate '{}' to {}", axis, path));
    ++k;
  }
}

void write_file(const std::filesystem::path& path, const std::function<void(H5::H5File&)>& fill) {
  // Fault injection for the tests of what commands do when their HDF5 file cannot be written
  // (a full disk, a quota): the write fails as HDF5 would, before anything is created.
  if (std::getenv("ADOPTSIM_TEST_FAIL_HDF5") != nullptr)
    throw std::runtime_error(fmt::format("writing {}: HDF5: write failed (ADOPTSIM_TEST_FAIL_HDF5 is set)", path.string()));
  try {
    const std::vector<char> image = disk_image(fill);
    write_atomically(path, [&](const std::filesystem::path& tmp) { write_bytes(tmp, image.data(), image.size()); });
  } catch (const H5::Exception& e) {
    // H5::Exception is not a std::exception; callers should not need HDF5 headers to catch it.
    throw std::runtime_error(fmt::format("writing {}: HDF5: {} {}", path.string(), e.getFuncName(), e.getDetailMsg()));
  }
}

std::vector<unsigned char> file_image(const std::function<void(H5::H5File&)>& fill) {
  try {
    H5::FileAccPropList fapl;
    fapl.setCore(1 << 20, false);  // grow by 1 MiB, never written to disk
    H5::H5File file("adoptsim-in-memory.h5", H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, fapl);
    fill(file);
    file.flush(H5F_SCOPE_GLOBAL);
    const ssize_t n = H5Fget_file_image(file.getId(), nullptr, 0);
    if (n < 0) throw std::runtime_error("HDF5: no file image");
    std::vector<unsigned char> bytes(static_cast<std::size_t>(n));
    if (H5Fget_file_image(file.getId(), bytes.data(), bytes.size()) < 0) throw std::runtime_error("HDF5: no file image");
    return bytes;
  } catch (const H5::Exception& e) {
    throw std::runtime_error(fmt::format("HDF5 in memory: {} {}", e.getFuncName(), e.getDetailMsg()));
  }
}

}  // namespace adoptsim::h5
