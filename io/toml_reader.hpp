// Reading TOML configuration files with diagnostics: typed values out of the tree, every key's
// line and column remembered, every problem collected (file:line:column: key: message) instead
// of stopping at the first. Shared by the scenario loader and the calibration reader.
#pragma once
#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

#include "scenario_loader.hpp"
#include "toml_guard.hpp"

namespace adoptsim::toml_reading {

struct Position {
  int line = 0, column = 0;
  std::string file;  // empty: the reader's file; else where the value came from (e.g. "--set NAME=VALUE")
};

// Where a node or key was read: its line and column, and its source when that is not `file`.
inline Position position_of(const toml::source_region& at, const std::string& file) {
  Position p{static_cast<int>(at.begin.line), static_cast<int>(at.begin.column), {}};
  if (at.path && *at.path != file) p.file = *at.path;
  return p;
}

template <class Names>
inline std::string closest(std::string_view word, const Names& names) {
  std::string best;
  int best_d = 1 << 20;
  for (const auto& n : names) {
    const int d = edit_distance(word, n);
    if (d < best_d) {
      best_d = d;
      best = std::string(n);
    }
  }
  const int allowed = std::max<int>(2, static_cast<int>(word.size()) / 3);
  return best_d <= allowed ? best : std::string();
}

template <class Names>
inline std::string name_list(const Names& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

// Reads typed values out of the TOML tree, remembering where each key was and collecting
// every problem instead of stopping at the first.
// Parses TOML text; a syntax error becomes a ScenarioError naming file, line and column.
// The bytes are checked first (io/toml_guard.hpp): toml++ misbehaves on some of them.
inline toml::table parse_toml(std::string_view text, const std::string& path) {
  if (auto bad = check_toml_bytes(text, path)) throw ScenarioError({*bad});
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw ScenarioError({{path, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column), "",
                          fmt::format("not valid TOML: {}", e.description())}});
  }
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  std::vector<Diagnostic> diagnostics;
  std::map<std::string, Position> positions;

  void error(Position at, const std::string& key, const std::string& message) {
    diagnostics.push_back({at.file.empty() ? file_ : at.file, at.line, at.column, key, message});
  }
  void error(const toml::node& n, const std::string& key, const std::string& message) { error(pos(n), key, message); }

  Position pos(const toml::node& n) const { return position_of(n.source(), file_); }
  Position pos(const toml::key& k) const { return position_of(k.source(), file_); }

  // Every key of `t` must be one of `allowed`.
  void keys(const toml::table& t, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (auto&& [k, v] : t) {
      const std::string key = path.empty() ? std::string(k.str()) : path + "." + std::string(k.str());
      positions[key] = pos(v);
      if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
      const std::string hint = closest(k.str(), allowed);
      error(pos(k), key,
            hint.empty() ? fmt::format("unknown key (allowed here: {})", name_list(allowed))
                         : fmt::format("unknown key; did you mean '{}'?", hint));
    }
  }

  // Calls read(table, "key[k]") for each table of `key`, written as [[key]] (k counts from 1).
  template <class F>
  void each_table(const toml::table& t, const std::string& path, std::string_view key, F read) {
    const toml::node* n = t.get(key);
    if (!n) return;
    const std::string full = join(path, key);
    if (!n->is_array_of_tables()) {
      error(*n, full, fmt::format("must be a list of tables: write each as [[{}]]", full));
      return;
    }
    int k = 0;
    for (const auto& node : *n->as_array()) {
      const std::string item = fmt::format("{}[{}]", full, ++k);
      positions[item] = pos(node);
      read(*node.as_table(), item);
    }
  }

  const toml::table* table(const toml::table& t, const std::string& path, std::string_view key) {
    const toml::node* n = t.get(key);
    if (!n) return nullptr;
    if (!n->is_table()) {
      error(*n, join(path, key), "must be a table");
      return nullptr;
    }
    return n->as_table();
  }

  template <class T>
  bool number(const toml::table& t, const std::string& path, std::string_view key, T& out, double lo, double hi) {
    const toml::node* n = t.get(key);
    if (!n) return false;
    const std::string k = join(path, key);
    double v;
    if constexpr (std::is_integral_v<T>) {
      if (!n->is_integer()) {
        error(*n, k, fmt::format("must be a whole number, got {}", type_name(*n)));
        return false;
      }
      v = static_cast<double>(*n->value<std::int64_t>());
    } else {
      if (!n->is_number()) {
        error(*n, k, fmt::format("must be a number, got {}", type_name(*n)));
        return false;
      }
      v = *n->value<double>();
    }
    if (!(v >= lo && v <= hi)) {
      error(*n, k, fmt::format("must be between {} and {}, got {}", fmt_num(lo), fmt_num(hi), fmt_num(v)));
      return false;
    }
    out = static_cast<T>(v);
    return true;
  }

  bool boolean(const toml::table& t, const std::string& path, std::string_view key, bool& out) {
    const toml::node* n = t.get(key);
    if (!n) return false;
    if (!n->is_boolean()) {
      error(*n, join(path, key), fmt::format("must be true or false, got {}", type_name(*n)));
      return false;
    }
    out = *n->value<bool>();
    return true;
  }

  bool string(const toml::table& t, const std::string& path, std::string_view key, std::string& out) {
    const toml::node* n = t.get(key);
    if (!n) return false;
    if (!n->is_string()) {
      error(*n, join(path, key), fmt::format("must be a string, got {}", type_name(*n)));
      return false;
    }
    out = *n->value<std::string>();
    return true;
  }

  // A string that must be one of `names`; returns its index.
  template <class Names>
  bool choice(const toml::node& n, const std::string& key, const Names& names, int& out) {
    if (!n.is_string()) {
      error(n, key, fmt::format("must be one of: {}", name_list(names)));
      return false;
    }
    const std::string v = *n.value<std::string>();
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == v) {
        out = static_cast<int>(i);
        return true;
      }
    const std::string hint = closest(v, names);
    error(n, key, hint.empty() ? fmt::format("'{}' is not one of: {}", v, name_list(names))
                               : fmt::format("'{}' is not known; did you mean '{}'?", v, hint));
    return false;
  }

  template <class E, class Names>
  bool choice(const toml::table& t, const std::string& path, std::string_view key, const Names& names, E& out) {
    const toml::node* n = t.get(key);
    if (!n) return false;
    int i = 0;
    if (!choice(*n, join(path, key), names, i)) return false;
    out = static_cast<E>(i);
    return true;
  }

  // An array of choices (roles, categories).
  template <class E, class Names>
  bool choices(const toml::table& t, const std::string& path, std::string_view key, const Names& names, std::vector<E>& out) {
    const toml::node* n = t.get(key);
    if (!n) return false;
    const std::string k = join(path, key);
    if (!n->is_array()) {
      error(*n, k, fmt::format("must be a list of: {}", name_list(names)));
      return false;
    }
    out.clear();
    bool ok = true;
    std::size_t i = 0;
    for (const auto& item : *n->as_array()) {
      int v = 0;
      if (choice(item, fmt::format("{}[{}]", k, ++i), names, v)) out.push_back(static_cast<E>(v));
      else ok = false;
    }
    return ok;
  }

  static std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }
  static std::string type_name(const toml::node& n) {
    switch (n.type()) {
      case toml::node_type::table: return "a table";
      case toml::node_type::array: return "a list";
      case toml::node_type::string: return "a string";
      case toml::node_type::integer: return "a whole number";
      case toml::node_type::floating_point: return "a number";
      case toml::node_type::boolean: return "a boolean";
      default: return "a date or time";
    }
  }
  static std::string fmt_num(double v) { return fmt::format("{:g}", v); }

  Position where(std::string key) const {
    for (;;) {
      if (auto it = positions.find(key); it != positions.end()) return it->second;
      const auto cut = key.find_last_of(".[");
      if (cut == std::string::npos) return {};
      key = key.substr(0, cut);
    }
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

}  // namespace adoptsim::toml_reading
