#include "adapters/registry.hpp"

#include <algorithm>

#include "adapters/agenda/agenda_adapter.hpp"
#include "adapters/outbox/outbox_adapters.hpp"
#include "adapters/plugin/plugin_adapter.hpp"
#include "adapters/print_mail/print_mail_adapter.hpp"
#include "adapters/smtp/smtp_adapter.hpp"
#include "stdlib/suggest.hpp"

namespace dun::adapters {
namespace {

// One line per (channel, kind). The kinds of the design (docs/delivery.md): email: smtp, outbox,
// plugin; letter: print_mail, outbox, plugin; task: agenda.
constexpr AdapterKind kKinds[] = {
    {Channel::email, "smtp", make_smtp_adapter},
    {Channel::email, "outbox", make_email_outbox_adapter},
    {Channel::letter, "outbox", make_letter_outbox_adapter},
    {Channel::email, "plugin", make_plugin_adapter},
    {Channel::letter, "plugin", make_plugin_adapter},
    {Channel::letter, "print_mail", make_print_mail_adapter},
    {Channel::task, "agenda", make_agenda_adapter},
};

constexpr std::string_view kChannelNames[] = {"email", "letter", "task"};

std::string kinds_of(Channel channel) {
  std::string list;
  for (const AdapterKind& entry : kKinds) {
    if (entry.channel != channel) continue;
    if (!list.empty()) list += ", ";
    list += entry.kind;
  }
  return list.empty() ? "none in this build" : list;
}

std::string config_place(const AdapterConfig& adapter) {
  if (adapter.file.empty()) return "";
  return adapter.file.string() + ":" + std::to_string(adapter.position.line) + ":" +
         std::to_string(adapter.position.column) + ": ";
}

Result<ConfiguredAdapter> build_one(const AdapterConfig& adapter_config) {
  const auto channel = parse_channel(adapter_config.name);
  if (!channel) {
    std::string message = config_place(adapter_config) + "[adapters." + adapter_config.name +
                          "] is not a channel: use [adapters.email], [adapters.letter] or "
                          "[adapters.task]";
    if (auto close = closest_match(adapter_config.name, kChannelNames)) {
      message += "; did you mean [adapters." + *close + "]?";
    }
    return Error{message};
  }
  const AdapterSettings settings(adapter_config);
  const std::string channel_name(to_string(*channel));
  const auto same_kind = [&](const AdapterKind& entry) {
    return entry.kind == adapter_config.kind;
  };
  const auto found = std::find_if(std::begin(kKinds), std::end(kKinds), [&](const AdapterKind& e) {
    return same_kind(e) && e.channel == *channel;
  });
  if (found == std::end(kKinds)) {
    const std::string choices = " (" + channel_name + " adapters: " + kinds_of(*channel) + ")";
    const auto elsewhere = std::find_if(std::begin(kKinds), std::end(kKinds), same_kind);
    if (elsewhere != std::end(kKinds)) {
      return settings.error_at("kind", "\"" + adapter_config.kind + "\" is a " +
                                           std::string(to_string(elsewhere->channel)) +
                                           " adapter, not for [adapters." + channel_name + "]" +
                                           choices);
    }
    std::vector<std::string_view> names;
    for (const AdapterKind& entry : kKinds) {
      if (entry.channel == *channel) names.push_back(entry.kind);
    }
    std::string message = "unknown kind \"" + adapter_config.kind + "\"";
    if (auto close = closest_match(adapter_config.kind, names)) {
      message += "; did you mean \"" + *close + "\"?";
    }
    return settings.error_at("kind", message + choices);
  }
  auto made = found->make(settings);
  if (!made) return made.error();
  return ConfiguredAdapter{adapter_config.name, adapter_config.kind, *channel,
                           std::move(made).value()};
}

}  // namespace

std::span<const AdapterKind> adapter_kinds() { return kKinds; }

Adapter* AdapterSet::for_channel(Channel channel) const {
  const ConfiguredAdapter* configured = configured_for(channel);
  return configured != nullptr ? configured->adapter.get() : nullptr;
}

const ConfiguredAdapter* AdapterSet::configured_for(Channel channel) const {
  for (const ConfiguredAdapter& configured : adapters_) {
    if (configured.channel == channel) return &configured;
  }
  return nullptr;
}

const ConfiguredAdapter* AdapterSet::find(std::string_view name, std::string_view kind) const {
  for (const ConfiguredAdapter& configured : adapters_) {
    if (configured.name == name && configured.kind == kind) return &configured;
  }
  return nullptr;
}

Result<AdapterSet> build_adapters(const Config& config) {
  AdapterSet set;
  for (const auto& [name, adapter_config] : config.adapters) {
    if (!parse_channel(name)) return build_one(adapter_config).error();
  }
  // The config's map is ordered by name; the set is in channel order, as `dun adapters check`
  // prints it.
  for (const Channel channel : {Channel::email, Channel::letter, Channel::task}) {
    const auto found = config.adapters.find(std::string(to_string(channel)));
    if (found == config.adapters.end()) continue;
    auto built = build_one(found->second);
    if (!built) return built.error();
    set.add(std::move(built).value());
  }
  return set;
}

}  // namespace dun::adapters
