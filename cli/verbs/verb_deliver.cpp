// `dun deliver [--sync] [--retry-exhausted]`: deliver what the outbox still holds, at once, and
// pull tracking statuses (docs/delivery.md).
#include <cstdio>

#include "adapters/bounces/sync_bounces.hpp"
#include "adapters/delivery_pass.hpp"
#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/args/store_access.hpp"
#include "cli/output/delivery_output.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun deliver [--sync] [--retry-exhausted] [--retry-unknown] [--config dun.toml]\n"
    "                   [--db FILE]\n"
    "                   [--snapshot PATH] [--templates DIR] [--date YYYY-MM-DD] [--shard K/N]\n"
    "\n"
    "Delivers every queued or failed email and letter of the outbox at once, through the\n"
    "adapters of dun.toml ([adapters.email], [adapters.letter]), without waiting for the\n"
    "backoff of failed ones. A document is rendered at its first attempt and kept: a retry sends\n"
    "the same bytes (same Message-ID, same PDF). An action failed for good (rejected, or\n"
    "[delivery] max_attempts reached) is left alone unless --retry-exhausted.\n"
    "\n"
    "  --sync             then ask every adapter that tracks deliveries about the sent actions:\n"
    "                     new tracking events go to the history, proofs (signed acknowledgements\n"
    "                     of receipt) to proofs/ACTION_ID.pdf beside the state store. Each action\n"
    "                     is asked of the adapter that delivered it ([adapters.NAME] and kind,\n"
    "                     recorded at its attempt), never another: the actions of an adapter no\n"
    "                     longer configured are counted in one line, not a failure. With\n"
    "                     [adapters.email] bounces = \"imaps://…\", the delivery status\n"
    "                     notifications of that mailbox (login from DUN_BOUNCES_USER and\n"
    "                     DUN_BOUNCES_PASSWORD) are read too: an email that bounced is\n"
    "                     `bounced` (hard, 5.x.x) or `delayed` (soft, 4.x.x) in the history,\n"
    "                     and the next run lists its customer if it was the collection address\n"
    "  --retry-exhausted  give the actions failed for good one more attempt\n"
    "  --retry-unknown    also send again the emails whose last attempt has an unknown outcome\n"
    "                     (the connection ended after the whole message was sent, before the\n"
    "                     server confirmed it): check first that they did not arrive; the same\n"
    "                     message goes again, with the same Message-ID (docs/delivery.md)\n"
    "  --config FILE      the configuration (default ./dun.toml when present)\n"
    "  --db FILE          the state store (default from dun.toml, else dun.db)\n"
    "  --snapshot PATH    the snapshot documents are rendered from (default from dun.toml)\n"
    "  --templates DIR    the templates (default from dun.toml)\n"
    "  --date D           the day of the delivery (default today)\n"
    "  --shard K/N        the outbox of shard K of N: the state store dun.K-of-N.db beside --db\n"
    "                     (docs/scale-out.md)\n"
    "\n"
    "Another command changing the same state store (a run, another delivery) is waited for up\n"
    "to [store] lock_wait_seconds (docs/reliability.md); the pass stops starting attempts after\n"
    "[delivery] pass_timeout_seconds, and stops using an adapter that could not be reached\n"
    "[delivery] circuit_breaker_failures times in a row.\n"
    "\n"
    "exit status: 0 when every attempt delivered (actions of a channel without an adapter stay\n"
    "queued and are reported), 1 when some failed or could not be made, 2 for a usage error.\n"
    "\n"
    "example:\n"
    "  dun deliver --db demo/dun.db --sync\n";

}  // namespace

int run_deliver(Args args) {
  std::optional<std::string> config_path, db, snapshot, templates, date;
  bool sync = false, retry_exhausted = false, retry_unknown = false;
  FlagParser flags("deliver", kHelp);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.value("snapshot", snapshot);
  flags.value("templates", templates);
  flags.value("date", date);
  flags.flag("sync", sync);
  flags.flag("retry-exhausted", retry_exhausted);
  flags.flag("retry-unknown", retry_unknown);
  ShardFlag shard_flag;
  shard_flag.add_to(flags);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  auto day = parse_run_date(date);
  if (!day) return flags.usage_error(day.error().message);
  if (auto exit_code = resolve_shard_store(shard_flag, flags, "deliver", config_path, db)) {
    return *exit_code;
  }

  auto state =
      open_verb_state("deliver", config_path,
                      {.snapshot = snapshot, .templates = templates, .db = db}, StoreUse::write);
  if (!state) return 1;
  auto adapter_set = adapters::build_adapters(state->config);
  if (!adapter_set) {
    std::fprintf(stderr, "dun deliver: %s\n", adapter_set.error().message.c_str());
    return 1;
  }
  auto documents = snapshot_documents(state->config, state->config.engine.snapshot,
                                      state->config.engine.templates, *day);
  adapters::DeliveryRequest request;
  request.date = *day;
  request.mode = adapters::DeliveryMode::at_once;
  request.retry_exhausted = retry_exhausted;
  request.retry_unknown = retry_unknown;
  auto pass =
      adapters::deliver_outbox(state->store, *adapter_set, state->config, *documents, request);
  if (!pass) {
    std::fprintf(stderr, "dun deliver: %s\n", pass.error().message.c_str());
    return 1;
  }
  std::printf("dun deliver %s\n", day->to_string().c_str());
  print_delivery_summary(*pass);
  bool ok = adapters::delivered_everything(*pass);
  if (sync) {
    const std::filesystem::path proofs =
        std::filesystem::path(state->store.file_name()).parent_path() / "proofs";
    auto synced = adapters::sync_tracking(state->store, *adapter_set, proofs, *day);
    if (!synced) {
      std::fprintf(stderr, "dun deliver: %s\n", synced.error().message.c_str());
      return 1;
    }
    std::printf(
        "  sync: %zu sent action%s asked about, %zu new tracking event%s, %zu proof%s "
        "written\n",
        synced->tracked, synced->tracked == 1 ? "" : "s", synced->new_events,
        synced->new_events == 1 ? "" : "s", synced->proofs, synced->proofs == 1 ? "" : "s");
    for (const auto& [adapter, count] : synced->unreachable) {
      std::printf(
          "  sync: %zu sent action%s of adapter %s not tracked: that adapter is no longer "
          "configured\n",
          count, count == 1 ? "" : "s", adapter.c_str());
    }
    for (const std::string& problem : synced->problems) {
      std::printf("  sync problem: %s\n", problem.c_str());
    }
    ok = ok && synced->problems.empty();
    auto bounces = adapters::sync_bounces(state->store, *adapter_set, *day);
    if (!bounces) {
      std::fprintf(stderr, "dun deliver: %s\n", bounces.error().message.c_str());
      return 1;
    }
    if (bounces->configured) {
      std::printf(
          "  bounces: %zu message%s read from %s, %zu new bounced, %zu new delayed, %zu not a "
          "delivery report\n",
          bounces->read, bounces->read == 1 ? "" : "s", bounces->mailbox.c_str(), bounces->bounced,
          bounces->delayed, bounces->not_reports);
    }
    for (const std::string& id : bounces->unmatched) {
      std::printf("  bounces: a report about %s, which is no sent email of this outbox\n",
                  id.c_str());
    }
    for (const std::string& problem : bounces->problems) {
      std::printf("  sync problem: %s\n", problem.c_str());
    }
    ok = ok && bounces->problems.empty();
  }
  return ok ? 0 : 1;
}

}  // namespace dun::cli
