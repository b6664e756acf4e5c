// The adapter registry: which `kind` of dun.toml serves which channel, and how it is made
// (docs/delivery.md). `[adapters.email]`, `[adapters.letter]` and `[adapters.task]` each name one
// kind; build_adapters validates them all before anything is delivered, with errors that name the
// dun.toml line.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/adapter.hpp"
#include "adapters/adapter_settings.hpp"
#include "engine/base/config.hpp"
#include "engine/model/action.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

using AdapterFactory = Result<std::unique_ptr<Adapter>> (*)(const AdapterSettings& settings);

struct AdapterKind {
  Channel channel;
  std::string_view kind;
  AdapterFactory make;
};

// Every kind this build knows, by channel (a kind such as "outbox" serves two channels with two
// factories).
std::span<const AdapterKind> adapter_kinds();

// One configured adapter: the [adapters.NAME] table it came from, and the adapter.
struct ConfiguredAdapter {
  std::string name;  // "email", "letter", "task"
  std::string kind;
  Channel channel = Channel::email;
  std::unique_ptr<Adapter> adapter;
};

// The adapters of a config, at most one per channel. A channel without one keeps its actions
// queued.
class AdapterSet {
 public:
  // nullptr when the channel has no [adapters.NAME] table.
  Adapter* for_channel(Channel channel) const;
  const ConfiguredAdapter* configured_for(Channel channel) const;
  // The adapter of [adapters.NAME] if it is still of `kind`; nullptr when that table is gone or
  // now names another kind (`dun deliver --sync` then asks nobody about that adapter's actions).
  const ConfiguredAdapter* find(std::string_view name, std::string_view kind) const;
  const std::vector<ConfiguredAdapter>& all() const { return adapters_; }
  void add(ConfiguredAdapter adapter) { adapters_.push_back(std::move(adapter)); }

 private:
  std::vector<ConfiguredAdapter> adapters_;  // in channel order: email, letter, task
};

// Makes every [adapters.NAME] of `config` (no I/O: `check()` connects). The first mistake is an
// error naming its dun.toml line: a NAME that is not a channel, an unknown kind ("did you mean"),
// a kind of another channel, or a bad setting (the factory's own message).
Result<AdapterSet> build_adapters(const Config& config);

}  // namespace dun::adapters
