#include "cli/args/flags.hpp"

#include <cstdio>

#include "stdlib/suggest.hpp"

namespace dun::cli {

int FlagParser::usage_error(std::string_view message) const {
  std::fprintf(stderr, "dun %s: %.*s\nRun `dun %s --help` for the options and an example.\n",
               verb_.c_str(), static_cast<int>(message.size()), message.data(), verb_.c_str());
  return 2;
}

std::optional<int> FlagParser::parse(Args args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(help_.c_str(), stdout);
      return 0;
    }
    if (!arg.starts_with("--") || arg == "--") {
      if (positionals_ == nullptr) {
        return usage_error("unexpected argument '" + std::string(arg) + "'");
      }
      positionals_->emplace_back(arg);
      continue;
    }
    std::string_view name = arg.substr(2);
    std::optional<std::string_view> inline_value;
    if (const auto equals = name.find('='); equals != std::string_view::npos) {
      inline_value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    bool matched = false;
    for (Value& value : values_) {
      if (value.name != name) continue;
      matched = true;
      if (inline_value) {
        *value.out = std::string(*inline_value);
      } else if (i + 1 < args.size()) {
        *value.out = std::string(args[++i]);
      } else {
        return usage_error("--" + value.name + " needs a value");
      }
    }
    for (List& list : lists_) {
      if (list.name != name) continue;
      matched = true;
      if (!inline_value && i + 1 >= args.size())
        return usage_error("--" + list.name + " needs a value");
      std::string_view text = inline_value ? *inline_value : args[++i];
      while (!text.empty()) {
        const std::size_t comma = text.find(',');
        if (comma != 0) list.out->emplace_back(text.substr(0, comma));
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
      }
    }
    for (Flag& flag : flags_) {
      if (flag.name != name) continue;
      if (inline_value) return usage_error("--" + flag.name + " takes no value");
      matched = true;
      *flag.out = true;
    }
    if (matched) continue;
    std::vector<std::string_view> known;
    for (const Value& value : values_) known.push_back(value.name);
    for (const List& list : lists_) known.push_back(list.name);
    for (const Flag& flag : flags_) known.push_back(flag.name);
    std::string message = "unknown flag '--" + std::string(name) + "'";
    if (auto close = closest_match(name, known)) message += "; did you mean '--" + *close + "'?";
    return usage_error(message);
  }
  return std::nullopt;
}

}  // namespace dun::cli
