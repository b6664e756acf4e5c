// Command-line flags of the dun verbs: `--name VALUE`, `--name=VALUE` and boolean `--name`,
// positional arguments, `--help`, and usage errors that name the verb and say what to do
// (an unknown flag suggests the closest known one).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/verbs.hpp"

namespace dun::cli {

class FlagParser {
 public:
  FlagParser(std::string_view verb, std::string_view help) : verb_(verb), help_(help) {}

  void value(std::string_view name, std::optional<std::string>& out) {
    values_.push_back({std::string(name), &out});
  }
  // A flag that may be repeated (`--invoice A --invoice B`); a comma list counts as several.
  void values(std::string_view name, std::vector<std::string>& out) {
    lists_.push_back({std::string(name), &out});
  }
  void flag(std::string_view name, bool& out) { flags_.push_back({std::string(name), &out}); }
  void positionals(std::vector<std::string>& out) { positionals_ = &out; }

  // nullopt when the arguments parsed; otherwise the exit code to return: 0 after --help
  // (printed on stdout), 2 after a usage error (printed on stderr).
  std::optional<int> parse(Args args);
  // Prints "dun VERB: MESSAGE" and the hint to --help; returns 2.
  int usage_error(std::string_view message) const;

 private:
  struct Value {
    std::string name;
    std::optional<std::string>* out;
  };
  struct List {
    std::string name;
    std::vector<std::string>* out;
  };
  struct Flag {
    std::string name;
    bool* out;
  };
  std::string verb_;
  std::string help_;
  std::vector<Value> values_;
  std::vector<List> lists_;
  std::vector<Flag> flags_;
  std::vector<std::string>* positionals_ = nullptr;
};

}  // namespace dun::cli
