#include "unit_journal.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace adoptsim {

namespace {

constexpr const char* kMagic = "adoptsim unit journal 1\n";

void write_all(std::FILE* f, const void* data, std::size_t n, const std::filesystem::path& path) {
  if (n > 0 && std::fwrite(data, 1, n, f) != n) throw std::runtime_error("cannot write the checkpoint " + path.string());
}

}  // namespace

UnitJournal::UnitJournal(const std::filesystem::path& path, const std::string& key) : path_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) throw std::runtime_error("cannot create the checkpoint " + path.string());
  const std::string head = kMagic + key + "\n";
  write_all(file_, head.data(), head.size(), path_);
  std::fflush(file_);
}

UnitJournal UnitJournal::resume(const std::filesystem::path& path, const std::string& key, std::vector<std::string>& records) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(fmt::format("--resume: no checkpoint to continue from at {}", path.string()));
  const std::string all{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const std::string head = kMagic + key + "\n";
  if (all.compare(0, head.size(), head) != 0)
    throw std::invalid_argument(fmt::format("--resume: the checkpoint {} was made by a different command, inputs, seed or number of "
                                            "replicates, or another version; run without --resume to start again",
                                            path.string()));
  std::size_t pos = head.size(), good = pos;
  records.clear();
  while (pos + sizeof(std::uint64_t) <= all.size()) {
    std::uint64_t n = 0;
    std::memcpy(&n, all.data() + pos, sizeof n);
    if (n > all.size() - pos - sizeof n) break;  // cut short by a crash
    records.push_back(all.substr(pos + sizeof n, n));
    pos += sizeof n + n;
    good = pos;
  }
  UnitJournal j;
  j.path_ = path;
  std::filesystem::resize_file(path, good);
  j.file_ = std::fopen(path.c_str(), "ab");
  if (!j.file_) throw std::runtime_error("cannot append to the checkpoint " + path.string());
  return j;
}

UnitJournal::UnitJournal(UnitJournal&& other) noexcept : path_(std::move(other.path_)), file_(other.file_) { other.file_ = nullptr; }

UnitJournal::~UnitJournal() {
  if (file_) std::fclose(file_);
}

void UnitJournal::append(const std::string& record) {
  const std::uint64_t n = record.size();
  write_all(file_, &n, sizeof n, path_);
  write_all(file_, record.data(), record.size(), path_);
  if (std::fflush(file_) != 0) throw std::runtime_error("cannot write the checkpoint " + path_.string());
}

void UnitJournal::remove() {
  if (file_) std::fclose(file_), file_ = nullptr;
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

}  // namespace adoptsim
