#include "scale_out.hpp"

#include <fmt/format.h>

#include <cstring>
#include <optional>
#include <stdexcept>
#include <vector>

#include "adoptsim_version.hpp"
#include "cluster.hpp"
#include "farm.hpp"
#include "unit_journal.hpp"

namespace adoptsim::cli {

namespace {
std::vector<std::string> g_args;

std::string shell_quote(const std::string& s) {
  if (!s.empty() && s.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~!") == std::string::npos) return s;
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q.append("'\\''");
    else q.push_back(c);
  }
  q.push_back('\'');
  return q;
}
}  // namespace

std::filesystem::path checkpoint_path(const std::filesystem::path& out, const std::string& key, const std::string& suffix) {
  std::filesystem::path p = out;
  p += ".checkpoint-" + (key.size() > 8 ? key.substr(key.size() - 8) : key) + suffix;
  return p;
}

std::string result_key(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  const std::string all = std::string(ADOPTSIM_VERSION) + '\n' + text;
  for (unsigned char c : all) h = (h ^ c) * 0x100000001b3ULL;
  return fmt::format("adoptsim {} {:016x}", ADOPTSIM_VERSION, h);
}

void require_checkpoint(const std::filesystem::path& out, const std::filesystem::path& checkpoint, const std::string& suffix) {
  std::error_code ec;
  if (std::filesystem::exists(checkpoint, ec)) return;
  std::vector<std::string> others;
  const std::string prefix = out.filename().string() + ".checkpoint-";
  const std::filesystem::path dir = out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path();
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());  // <key digits><suffix>
    if (rest.find('.') == (suffix.empty() ? std::string::npos : rest.size() - suffix.size()) && rest.ends_with(suffix))
      others.push_back(e.path().string());
  }
  if (others.empty()) throw std::invalid_argument(fmt::format("--resume: no checkpoint to continue from at {}", checkpoint.string()));
  throw std::invalid_argument(fmt::format("--resume: the checkpoint {} was made by a different scenario, seed, number of replicates "
                                          "or weeks, or another version; run without --resume to start again", others.front()));
}

std::string ranks_note() { return cluster::ranks() > 1 ? fmt::format(" x {} MPI ranks", cluster::ranks()) : std::string(); }

void set_command_line(int argc, char** argv) { g_args.assign(argv, argv + argc); }

std::string resume_command() {
  std::string cmd;
  bool has_resume = false;
  for (std::size_t i = 0; i < g_args.size(); ++i) {
    std::string a = i == 0 ? std::string("adoptsim") : g_args[i];
    if (a == "--resume") has_resume = true;
    cmd += (i ? " " : "") + shell_quote(a);
  }
  if (!has_resume) cmd += " --resume";
  return cmd;
}

UnitJournal open_unit_journal(const std::filesystem::path& out, const std::filesystem::path& journal, const std::string& key, bool resume,
                              const std::function<void(std::string&&)>& replay) {
  if (!resume) return UnitJournal(journal, key);
  require_checkpoint(out, journal, "");
  std::vector<std::string> records;
  UnitJournal j = UnitJournal::resume(journal, key, records);
  for (auto& r : records) replay(std::move(r));
  return j;
}

std::string command_key(const std::vector<std::string>& input_texts) {
  std::string text;
  for (std::size_t i = 1; i < g_args.size(); ++i) {
    const std::string& a = g_args[i];
    if (a == "--resume" || a == "--quiet" || a == "-q") continue;
    if (a == "--threads" || a == "-t") {
      ++i;  // and its value
      continue;
    }
    if (a.rfind("--threads=", 0) == 0 || (a.rfind("-t", 0) == 0 && a.size() > 2 && a[2] != '-')) continue;
    text += a + '\n';
  }
  for (const auto& t : input_texts) text += "--\n" + t;
  return result_key(text);
}

struct JournaledMap::State {
  std::filesystem::path path;
  std::optional<UnitJournal> journal;  // rank 0 only
  std::vector<std::string> records;    // to replay (rank 0)
  std::size_t next = 0;
  std::int64_t calls = 0;
  int threads = 1;
};

namespace {
// A record: the call, the first index of the unit, then the unit's values (count = size / width).
std::string unit_record(std::int64_t call, std::int64_t first, const std::string& values) {
  std::string r(2 * sizeof(std::int64_t), '\0');
  std::memcpy(r.data(), &call, sizeof call);
  std::memcpy(r.data() + sizeof call, &first, sizeof first);
  return r + values;
}
std::int64_t record_field(const std::string& r, int k) {
  std::int64_t v = -1;
  if (r.size() >= 2 * sizeof v) std::memcpy(&v, r.data() + k * sizeof v, sizeof v);
  return v;
}
}  // namespace

JournaledMap::JournaledMap(const std::filesystem::path& out, const std::string& key, bool resume, int threads)
    : state_(std::make_unique<State>()) {
  state_->path = checkpoint_path(out, key, "");
  state_->threads = std::max(1, threads);
  cluster::on_root([&] {
    if (resume) {
      require_checkpoint(out, state_->path, "");
      state_->journal.emplace(UnitJournal::resume(state_->path, key, state_->records));
    } else {
      state_->journal.emplace(state_->path, key);
    }
  });
}

JournaledMap::~JournaledMap() = default;

std::vector<double> JournaledMap::operator()(std::int64_t n, int width, const BatchBlock& block) {
  State& st = *state_;
  const std::int64_t call = st.calls++;
  const std::size_t item_bytes = static_cast<std::size_t>(width) * sizeof(double);
  std::string values;
  values.reserve(static_cast<std::size_t>(n) * item_bytes);
  // Replay: the items of this call the journal holds, from index 0 on without a gap. Records are
  // items, not units, so a command may continue with other threads or ranks (other unit sizes).
  std::int64_t done = 0;
  if (cluster::is_root())
    while (st.next < st.records.size() && record_field(st.records[st.next], 0) == call && record_field(st.records[st.next], 1) == done) {
      const std::string body = st.records[st.next].substr(2 * sizeof(std::int64_t));
      if (body.empty() || body.size() % item_bytes != 0) break;
      values += body;
      done += static_cast<std::int64_t>(body.size() / item_bytes);
      ++st.next;
    }
  done = std::min(cluster::broadcast(done), n);
  values.resize(static_cast<std::size_t>(done) * item_bytes);
  replayed_ += done;
  // Units of a few blocks of `threads` items: small enough to stop soon and share out, big enough
  // to keep the threads busy.
  const std::int64_t per_unit = 4 * static_cast<std::int64_t>(st.threads);
  const std::int64_t units = (n - done + per_unit - 1) / per_unit;
  auto compute = [&](std::int64_t u) -> std::optional<cluster::Bytes> {
    const std::int64_t from = done + u * per_unit, count = std::min(per_unit, n - from);
    std::vector<double> v(static_cast<std::size_t>(count * width));
    block(from, count, v.data());
    return cluster::Bytes(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
  };
  auto deliver = [&](std::int64_t u, cluster::Bytes&& bytes) {
    st.journal->append(unit_record(call, done + u * per_unit, bytes));
    values += bytes;
  };
  if (units > 0 && cluster::farm(0, units, compute, deliver) < units)
    throw cluster::Interrupted(fmt::format("in batch {} of the work", call + 1));
  values = cluster::broadcast(std::move(values));
  if (values.size() != static_cast<std::size_t>(n) * item_bytes)
    throw std::runtime_error(fmt::format("the checkpoint {} does not fit this command's work (batch {})", st.path.string(), call + 1));
  std::vector<double> out(static_cast<std::size_t>(n * width));
  if (!out.empty()) std::memcpy(out.data(), values.data(), values.size());
  return out;
}

void JournaledMap::finish() {
  if (state_->journal) state_->journal->remove();
}

}  // namespace adoptsim::cli
