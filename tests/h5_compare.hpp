// Comparing two HDF5 files dataset by dataset, bit for bit: the test of "same results on any
// number of ranks and threads". Attributes are not compared (the root ones say when and with how
// many threads a file was made); every dataset's type, shape and stored bytes are.
#pragma once
#include <H5Cpp.h>

#include <cstring>
#include <algorithm>
#include <string>
#include <vector>

namespace adoptsim::test {

inline void dataset_paths(const H5::Group& g, const std::string& prefix, std::vector<std::string>& out) {
  for (hsize_t i = 0; i < g.getNumObjs(); ++i) {
    const std::string name = g.getObjnameByIdx(i);
    const std::string path = prefix + "/" + name;
    const H5G_obj_t type = g.getObjTypeByIdx(i);
    if (type == H5G_GROUP) dataset_paths(g.openGroup(name), path, out);
    else if (type == H5G_DATASET) out.push_back(path);
  }
}

inline std::vector<std::string> dataset_paths(const std::string& file) {
  const H5::H5File f(file, H5F_ACC_RDONLY);
  std::vector<std::string> out;
  dataset_paths(f.openGroup("/"), "", out);
  return out;
}

// Differences between the datasets of two files, one line each; empty when every dataset is
// identical. `count` is set to the number of datasets compared.
// `timings`: datasets of wall-clock times (e.g. /generations/seconds), compared by shape only.
inline std::vector<std::string> dataset_differences(const std::string& a, const std::string& b, int* count = nullptr,
                                                    const std::vector<std::string>& timings = {}) {
  std::vector<std::string> diffs;
  const std::vector<std::string> pa = dataset_paths(a), pb = dataset_paths(b);
  if (pa != pb) diffs.push_back("the files hold different datasets");
  const H5::H5File fa(a, H5F_ACC_RDONLY), fb(b, H5F_ACC_RDONLY);
  int n = 0;
  for (const std::string& p : pa) {
    if (!fb.nameExists(p)) continue;
    const H5::DataSet da = fa.openDataSet(p), db = fb.openDataSet(p);
    const H5::DataType ta = da.getDataType(), tb = db.getDataType();
    const H5::DataSpace sa = da.getSpace(), sb = db.getSpace();
    ++n;
    if (!(ta == tb) || sa.getSimpleExtentNpoints() != sb.getSimpleExtentNpoints() || sa.getSimpleExtentNdims() != sb.getSimpleExtentNdims()) {
      diffs.push_back(p + ": type or shape differs");
      continue;
    }
    std::vector<hsize_t> dims_a(static_cast<std::size_t>(sa.getSimpleExtentNdims())), dims_b(dims_a.size());
    sa.getSimpleExtentDims(dims_a.data());
    sb.getSimpleExtentDims(dims_b.data());
    if (dims_a != dims_b) {
      diffs.push_back(p + ": shape differs");
      continue;
    }
    if (ta.isVariableStr()) continue;  // strings: names, compared by the shapes above
    if (std::find(timings.begin(), timings.end(), p) != timings.end()) continue;
    const std::size_t bytes = static_cast<std::size_t>(sa.getSimpleExtentNpoints()) * ta.getSize();
    std::vector<unsigned char> va(bytes), vb(bytes);
    if (bytes > 0) {
      da.read(va.data(), ta);
      db.read(vb.data(), tb);
    }
    if (bytes > 0 && std::memcmp(va.data(), vb.data(), bytes) != 0) diffs.push_back(p + ": values differ");  // memcmp of an empty dataset: null pointers (UBSan)
  }
  if (count) *count = n;
  return diffs;
}

}  // namespace adoptsim::test
