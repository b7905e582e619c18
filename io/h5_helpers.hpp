// Generic HDF5 writing helpers shared by the result writers (runs, calibration, sensitivity):
// fixed little-endian file types, self-describing datasets (`description`, `units`, `axes`),
// string and string-array attributes, chunked and compressed large datasets.
#pragma once
#include <H5Cpp.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace adoptsim::h5 {

using Dims = std::vector<hsize_t>;

// File types are fixed little-endian so files are identical across machines; memory types native.
template <class T> struct H5Of;
template <> struct H5Of<float> {
  static const H5::PredType& mem() { return H5::PredType::NATIVE_FLOAT; }
  static const H5::PredType& file() { return H5::PredType::IEEE_F32LE; }
};
template <> struct H5Of<double> {
  static const H5::PredType& mem() { return H5::PredType::NATIVE_DOUBLE; }
  static const H5::PredType& file() { return H5::PredType::IEEE_F64LE; }
};
template <> struct H5Of<std::int8_t> {
  static const H5::PredType& mem() { return H5::PredType::NATIVE_INT8; }
  static const H5::PredType& file() { return H5::PredType::STD_I8LE; }
};
template <> struct H5Of<std::int16_t> {
  static const H5::PredType& mem() { return H5::PredType::NATIVE_INT16; }
  static const H5::PredType& file() { return H5::PredType::STD_I16LE; }
};
template <> struct H5Of<std::int32_t> {
  static const H5::PredType& mem() { return H5::PredType::NATIVE_INT32; }
  static const H5::PredType& file() { return H5::PredType::STD_I32LE; }
};
template <> struct H5Of<std::uint64_t> {
  static const H5::PredType& mem() { return H5::PredType::NATIVE_UINT64; }
  static const H5::PredType& file() { return H5::PredType::STD_U64LE; }
};

inline constexpr std::size_t kChunkAbove = 64 * 1024;   // bytes: smaller datasets stay contiguous
inline constexpr std::size_t kChunkTarget = 256 * 1024; // bytes: well inside HDF5's default 1 MiB chunk cache
inline constexpr int kDeflateLevel = 4;  // level 1 was measured: 8 % less CPU for a run of 300 replicates, 15 % larger files (docs/scaling.md)

inline std::size_t bytes_of(const Dims& dims, std::size_t element) {
  std::size_t n = element;
  for (hsize_t d : dims) n *= static_cast<std::size_t>(d);
  return n;
}

// Large datasets are chunked and compressed. Chunks are halved along the leading (replicate) axis
// first, so one replicate's rows stay together for readers that load a replicate at a time.
inline H5::DSetCreatPropList layout_for(const Dims& dims, std::size_t element) {
  H5::DSetCreatPropList plist;
  if (bytes_of(dims, element) <= kChunkAbove) return plist;  // also every dataset with a zero axis
  Dims chunk = dims;
  for (std::size_t k = 0; k < chunk.size(); ++k)
    while (bytes_of(chunk, element) > kChunkTarget && chunk[k] > 1) chunk[k] = (chunk[k] + 1) / 2;
  plist.setChunk(static_cast<int>(chunk.size()), chunk.data());
  plist.setShuffle();  // byte shuffling makes floats compress far better; every HDF5 reader has it
  plist.setDeflate(kDeflateLevel);
  return plist;
}

inline H5::StrType text_type() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

// Variable-length strings: the scenario text may exceed the 64 KiB an attribute can hold inline.
inline void set_text(H5::H5Object& obj, const char* name, std::string_view value) {
  const H5::StrType type = text_type();
  H5::Attribute a = obj.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
  const std::string s(value);
  const char* p = s.c_str();
  a.write(type, &p);
}

template <class Range>
inline void set_names(H5::H5Object& obj, const char* name, const Range& names) {
  std::vector<std::string> owned;
  for (const auto& n : names) owned.emplace_back(n);
  std::vector<const char*> ptrs;
  for (const auto& s : owned) ptrs.push_back(s.c_str());
  const hsize_t n = ptrs.size();
  const H5::StrType type = text_type();
  H5::Attribute a = obj.createAttribute(name, type, H5::DataSpace(1, &n));
  if (n > 0) a.write(type, ptrs.data());
}

template <class T>
inline void set_number(H5::H5Object& obj, const char* name, T value) {
  H5::Attribute a = obj.createAttribute(name, H5Of<T>::file(), H5::DataSpace(H5S_SCALAR));
  a.write(H5Of<T>::mem(), &value);
}

// Dimension scales (HDF5 high-level library, H5DS), so netCDF readers such as xarray with
// h5netcdf see named dimensions with coordinate values. Axis k of `ds` is attached to the
// coordinate of that name in the dataset's own group: a 1-D dimension-scale dataset. A coordinate
// the writer has not made beforehand (with `coordinate` / `labels`) is made here as the indices
// 0 .. n-1; a dataset whose only axis is its own name becomes the coordinate itself.
// Throws std::logic_error when an axis name is taken by a dataset that is not a coordinate, or
// when a coordinate's length does not match the axis.
void attach_axes(H5::DataSet& ds, std::initializer_list<std::string_view> axes);

// The attributes every dataset has. `units` is left out where there is no unit (codes, indices).
// Also names its dimensions (attach_axes), so call it right after creating the dataset.
inline void describe(H5::DataSet& ds, std::string_view description, std::string_view units,
              std::initializer_list<std::string_view> axes) {
  set_text(ds, "description", description);
  set_text(ds, "long_name", description);  // the netCDF / CF name for it, shown by xarray's plots
  if (!units.empty()) set_text(ds, "units", units);
  set_names(ds, "axes", axes);
  attach_axes(ds, axes);
}

template <class T>
inline H5::DataSet create(H5::Group& g, const char* name, const Dims& dims) {
  const H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
  return g.createDataSet(name, H5Of<T>::file(), space, layout_for(dims, sizeof(T)));
}

// Writes an R x inner dataset one replicate at a time, straight from each RunResult: no copy of
// the whole ensemble in memory. `row(r)` points at replicate r's values.
template <class T, class Row>
inline H5::DataSet write_by_replicate(H5::Group& g, const char* name, std::size_t replicates, const Dims& inner, Row row) {
  Dims dims{replicates};
  dims.insert(dims.end(), inner.begin(), inner.end());
  H5::DataSet ds = create<T>(g, name, dims);
  if (bytes_of(dims, sizeof(T)) == 0) return ds;
  Dims start(dims.size(), 0), count = dims;
  count[0] = 1;
  const H5::DataSpace memory(static_cast<int>(count.size()), count.data());
  H5::DataSpace file = ds.getSpace();
  for (std::size_t r = 0; r < replicates; ++r) {
    start[0] = r;
    file.selectHyperslab(H5S_SELECT_SET, count.data(), start.data());
    const T* values = row(r);
    ds.write(values, H5Of<T>::mem(), memory, file);
  }
  return ds;
}

template <class T>
inline H5::DataSet write_column(H5::Group& g, const char* name, const std::vector<T>& values) {
  const Dims dims{values.size()};
  H5::DataSet ds = create<T>(g, name, dims);
  if (!values.empty()) ds.write(values.data(), H5Of<T>::mem());
  return ds;
}


// A rows x columns dataset from a row-major buffer.
template <class T>
inline H5::DataSet write_matrix(H5::Group& g, const char* name, const std::vector<T>& values, std::size_t rows, std::size_t columns) {
  const Dims dims{rows, columns};
  H5::DataSet ds = create<T>(g, name, dims);
  if (!values.empty()) ds.write(values.data(), H5Of<T>::mem());
  return ds;
}

// A dataset of variable-length UTF-8 strings.
inline H5::DataSet write_strings(H5::Group& g, const char* name, const std::vector<std::string>& values) {
  const hsize_t n = values.size();
  const H5::StrType type = text_type();
  H5::DataSet ds = g.createDataSet(name, type, H5::DataSpace(1, &n));
  std::vector<const char*> ptrs;
  for (const auto& s : values) ptrs.push_back(s.c_str());
  if (n > 0) ds.write(ptrs.data(), type);
  return ds;
}

// A row-major array of any shape, written whole.
template <class T>
inline H5::DataSet write_array(H5::Group& g, const char* name, const Dims& dims, const std::vector<T>& values) {
  H5::DataSet ds = create<T>(g, name, dims);
  if (!values.empty()) ds.write(values.data(), H5Of<T>::mem());
  return ds;
}

// A coordinate: the values along axis `name` of the datasets of group `g` (week numbers,
// replicate numbers, ...), written as a dimension scale. Call before the datasets that use it.
template <class T>
inline H5::DataSet coordinate(H5::Group& g, const char* name, const std::vector<T>& values, std::string_view description,
                              std::string_view units = "") {
  H5::DataSet ds = write_column(g, name, values);
  describe(ds, description, units, {name});
  return ds;
}

// A coordinate of names (stages, teams, intervention types, ...). Names live in datasets, never
// in attributes: an attribute's 64 KiB object-header limit is reached by a few thousand teams.
inline H5::DataSet labels(H5::Group& g, const char* name, const std::vector<std::string>& names, std::string_view description) {
  H5::DataSet ds = write_strings(g, name, names);
  describe(ds, description, "", {name});
  return ds;
}

template <class Range>
inline H5::DataSet labels(H5::Group& g, const char* name, const Range& names, std::string_view description) {
  return labels(g, name, std::vector<std::string>(std::begin(names), std::end(names)), description);
}

// Writes an HDF5 file atomically (see atomic_file.hpp): `fill` gets the open file; the file is
// closed, then renamed into place. HDF5 errors become std::runtime_error naming the file.
void write_file(const std::filesystem::path& path, const std::function<void(H5::H5File&)>& fill);

// The same file made in memory only (HDF5's core driver, no backing store): its bytes, which
// h5py / h5netcdf open as a file object. For the Python module.
std::vector<unsigned char> file_image(const std::function<void(H5::H5File&)>& fill);

}  // namespace adoptsim::h5
