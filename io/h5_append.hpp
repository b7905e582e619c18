// Datasets that grow along their first axis as results arrive: rows x inner, chunked, shuffled and
// deflated, extendible without limit. A writer appends rows in the order it wants them in the file
// (e.g. replicate order), whatever order they were computed in, so the file does not depend on
// timing. Reopening an existing dataset and cutting it back to a known number of rows is what a
// resumed command needs (the rows past its last checkpoint are dropped and computed again).
// Used by the streamed `run` results; meant for any writer that produces rows one unit at a time.
#pragma once
#include <H5Cpp.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "h5_helpers.hpp"

namespace adoptsim::h5 {

// The chunk of an appendable dataset: as many whole rows as fit kChunkTarget bytes (at most 4096,
// at least 1); a single row larger than that is split along its own axes like layout_for does.
inline Dims append_chunk(const Dims& inner, std::size_t element) {
  Dims chunk{1};
  for (hsize_t d : inner) chunk.push_back(std::max<hsize_t>(1, d));
  const std::size_t row = bytes_of(Dims(chunk.begin() + 1, chunk.end()), element);
  chunk[0] = static_cast<hsize_t>(std::clamp<std::size_t>(kChunkTarget / std::max<std::size_t>(1, row), 1, 4096));
  for (std::size_t k = 1; k < chunk.size(); ++k)
    while (bytes_of(chunk, element) > kChunkTarget && chunk[k] > 1) chunk[k] = (chunk[k] + 1) / 2;
  return chunk;
}

template <class T>
class Appendable {
 public:
  Appendable() = default;

  // A new, empty dataset `name` in `g` with rows of shape `inner`.
  static Appendable create(H5::Group& g, const char* name, const Dims& inner) {
    Dims dims{0}, max{H5S_UNLIMITED};
    dims.insert(dims.end(), inner.begin(), inner.end());
    max.insert(max.end(), inner.begin(), inner.end());
    const H5::DataSpace space(static_cast<int>(dims.size()), dims.data(), max.data());
    H5::DSetCreatPropList plist;
    const Dims chunk = append_chunk(inner, sizeof(T));
    plist.setChunk(static_cast<int>(chunk.size()), chunk.data());
    plist.setShuffle();
    plist.setDeflate(kDeflateLevel);
    Appendable a;
    a.ds_ = g.createDataSet(name, H5Of<T>::file(), space, plist);
    a.inner_ = inner;
    return a;
  }

  // An existing dataset made by create(); its rows so far are kept.
  static Appendable open(H5::Group& g, const char* name) {
    Appendable a;
    a.ds_ = g.openDataSet(name);
    const H5::DataSpace space = a.ds_.getSpace();
    Dims dims(static_cast<std::size_t>(space.getSimpleExtentNdims()));
    space.getSimpleExtentDims(dims.data());
    a.rows_ = dims.at(0);
    a.inner_.assign(dims.begin() + 1, dims.end());
    return a;
  }

  H5::DataSet& dataset() { return ds_; }
  hsize_t rows() const { return rows_; }
  std::size_t row_size() const { return bytes_of(inner_, 1); }  // values per row

  // Appends `count` rows from a row-major buffer of count * row_size() values.
  void append(const T* values, hsize_t count) {
    if (count == 0) return;
    Dims dims{rows_ + count}, start{rows_}, n{count};
    dims.insert(dims.end(), inner_.begin(), inner_.end());
    for (hsize_t d : inner_) start.push_back(0), n.push_back(d);
    set_extent(dims);
    rows_ += count;
    if (bytes_of(n, 1) == 0) return;
    H5::DataSpace file = ds_.getSpace();
    file.selectHyperslab(H5S_SELECT_SET, n.data(), start.data());
    const H5::DataSpace memory(static_cast<int>(n.size()), n.data());
    ds_.write(values, H5Of<T>::mem(), memory, file);
  }

  // Cuts the dataset back to its first `rows` rows (a resume point); never grows it.
  void truncate(hsize_t rows) {
    if (rows > rows_) throw std::runtime_error("dataset " + ds_.getObjName() + " has " + std::to_string(rows_) +
                                               " rows, fewer than the " + std::to_string(rows) + " of the checkpoint");
    Dims dims{rows};
    dims.insert(dims.end(), inner_.begin(), inner_.end());
    set_extent(dims);  // H5Dset_extent also shrinks (H5::DataSet::extend only grows)
    rows_ = rows;
  }

 private:
  void set_extent(const Dims& dims) {
    if (H5Dset_extent(ds_.getId(), dims.data()) < 0) throw std::runtime_error("HDF5: cannot resize dataset " + ds_.getObjName());
  }
  H5::DataSet ds_;
  Dims inner_;
  hsize_t rows_ = 0;
};

}  // namespace adoptsim::h5
