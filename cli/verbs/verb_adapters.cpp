// `dun adapters check`: a live check of every adapter of dun.toml (docs/delivery.md).
#include <cstdio>

#include "adapters/registry.hpp"
#include "cli/args/flags.hpp"
#include "cli/args/store_access.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun adapters check [--config dun.toml]\n"
    "\n"
    "Builds the adapters of dun.toml ([adapters.email], [adapters.letter], [adapters.task]) and\n"
    "checks each one live: the SMTP server answers EHLO and accepts the login, the print & mail\n"
    "provider's account endpoint answers, the outbox folder is writable. One line per adapter:\n"
    "its table, its kind, then `connected (…)` or why it is not.\n"
    "\n"
    "  --config FILE     the configuration (default ./dun.toml when present)\n"
    "\n"
    "exit status: 0 when every adapter is connected, 1 when one is not or the configuration is\n"
    "wrong, 2 for a usage error.\n"
    "\n"
    "example:\n"
    "  dun adapters check --config demo/dun.toml\n";

}  // namespace

int run_adapters(Args args) {
  std::optional<std::string> config_path;
  std::vector<std::string> positionals;
  FlagParser flags("adapters", kHelp);
  flags.value("config", config_path);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (positionals.size() != 1 || positionals[0] != "check") {
    return flags.usage_error("the only action is check: dun adapters check");
  }
  auto config = load_verb_config(config_path);
  if (!config) {
    std::fprintf(stderr, "dun adapters: %s\n", config.error().message.c_str());
    return 1;
  }
  auto adapter_set = adapters::build_adapters(*config);
  if (!adapter_set) {
    std::fprintf(stderr, "dun adapters: %s\n", adapter_set.error().message.c_str());
    return 1;
  }
  if (adapter_set->all().empty()) {
    std::printf(
        "no adapters: dun.toml has no [adapters.email], [adapters.letter] or "
        "[adapters.task] table (docs/delivery.md)\n");
    return 0;
  }
  bool all_connected = true;
  for (const adapters::ConfiguredAdapter& configured : adapter_set->all()) {
    const adapters::CheckReport report = configured.adapter->check();
    all_connected = all_connected && report.connected;
    std::printf("%-7s %-11s %s", configured.name.c_str(), configured.kind.c_str(),
                report.connected ? "connected" : "not connected");
    if (!report.detail.empty()) {
      std::printf(report.connected ? " (%s)" : ": %s", report.detail.c_str());
    }
    std::printf("\n");
  }
  return all_connected ? 0 : 1;
}

}  // namespace dun::cli
