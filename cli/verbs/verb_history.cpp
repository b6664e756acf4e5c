// `dun history INVOICE` / `dun history --customer ID`: the events of data-model.md in time order
// (date, then the order they were written), and the actions that name the invoice or customer
// with their delivery status.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

#include "cli/args/flags.hpp"
#include "cli/args/store_access.hpp"
#include "cli/args/unknown_id.hpp"
#include "cli/output/action_fields.hpp"
#include "cli/output/json_fields.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun history INVOICE [--json] [--db FILE] [--config FILE]\n"
    "       dun history --customer ID [--json] [--db FILE] [--config FILE]\n"
    "\n"
    "The history of one invoice, or of every invoice of a customer, from the state store: each\n"
    "event in time order (steps fired and skipped, paused, resumed, closed, stopped, tasks,\n"
    "deliveries, the collectors' overrides), then the actions with their delivery status:\n"
    "attempts, last error, the provider's reference, the next attempt (or failed for good),\n"
    "the tracking events in the order they occurred and the proof document, if any.\n"
    "`dun show ACTION_ID` prints one action with the document it sent.\n"
    "\n"
    "  INVOICE           the invoice id\n"
    "  --customer ID     the customer's history instead (customer-level events included)\n"
    "  --json            one JSON object: {\"invoice\"|\"customer\", \"events\": […], \"actions\": "
    "[…]}\n"
    "  --db FILE         the state store (default from dun.toml, else dun.db)\n"
    "  --config FILE     the configuration (default ./dun.toml when present)\n"
    "\n"
    "example:\n"
    "  dun history INV-1001 --db demo/dun.db\n"
    "  dun history --customer C0042 --json --db demo/dun.db\n";

std::string text_or_dash(const std::string& text) { return text.empty() ? "-" : text; }

using TrackingByAction = std::map<std::string, std::vector<TrackingRecord>>;

// The delivery lines under an action of the text form.
void print_delivery(const Action& action, const std::vector<TrackingRecord>& tracking) {
  const char* indent = "            ";
  if (!action.last_error.empty()) {
    std::printf("%s last error: %s%s\n", indent, action.last_error.c_str(),
                action.uncertain ? " (outcome unknown)" : "");
  }
  if (!action.provider_ref.empty()) {
    std::printf("%s provider ref: %s\n", indent, action.provider_ref.c_str());
  }
  if (!action.adapter_kind.empty()) {
    std::printf("%s adapter: %s (%s)\n", indent, action.adapter_name.c_str(),
                action.adapter_kind.c_str());
  }
  if (action.status == ActionStatus::failed) {
    if (action.next_attempt_at.empty()) {
      std::printf("%s failed for good (dun deliver --retry-exhausted tries again)\n", indent);
    } else {
      std::printf("%s next attempt: %s\n", indent, action.next_attempt_at.c_str());
    }
  }
  for (const TrackingRecord& event : tracking) {
    std::printf("%s tracking: %-10s  %s", indent, event.status.c_str(),
                text_or_dash(event.occurred_at).c_str());
    if (!event.provider_status.empty()) std::printf("  (%s)", event.provider_status.c_str());
    std::printf("\n");
  }
  if (!action.proof_path.empty()) std::printf("%s proof: %s\n", indent, action.proof_path.c_str());
}

void print_text(const std::string& title, bool by_customer, const std::vector<HistoryEvent>& events,
                const std::vector<Action>& actions, const TrackingByAction& tracking) {
  std::printf("%s: %zu event%s, %zu action%s\n", title.c_str(), events.size(),
              events.size() == 1 ? "" : "s", actions.size(), actions.size() == 1 ? "" : "s");
  if (!events.empty()) {
    std::printf("\n%-10s  %-14s  %s%s\n", "date", "event", by_customer ? "invoice       " : "",
                "detail");
    for (const HistoryEvent& event : events) {
      std::printf("%-10s  %-14s  ", event.date.to_string().c_str(),
                  std::string(to_string(event.kind)).c_str());
      if (by_customer) std::printf("%-12s  ", text_or_dash(event.invoice_id).c_str());
      std::printf("%s\n", event.detail.c_str());
    }
  }
  if (!actions.empty()) {
    std::printf("\n%-10s  %-14s  %-7s  %-7s  %-20s  %-8s  %s\n", "created", "step", "channel",
                "mode", "status", "attempts", "action");
    for (const Action& action : actions) {
      std::string status(to_string(action.status));
      if (!action.tracking.empty()) status += " (" + action.tracking + ")";
      std::printf("%-10s  %-14s  %-7s  %-7s  %-20s  %-8d  %s\n",
                  action.created_on.to_string().c_str(), action.step.c_str(),
                  std::string(to_string(action.channel)).c_str(),
                  std::string(to_string(action.mode)).c_str(), status.c_str(), action.attempts,
                  action.id.c_str());
      print_delivery(action, tracking.at(action.id));
    }
  }
}

void print_json(const std::string& key, const std::string& id,
                const std::vector<HistoryEvent>& events, const std::vector<Action>& actions,
                const TrackingByAction& tracking) {
  nlohmann::ordered_json out;
  out[key] = id;
  out["events"] = nlohmann::ordered_json::array();
  for (const HistoryEvent& event : events) {
    nlohmann::ordered_json item;
    item["date"] = event.date.to_string();
    item["invoice"] = text_or_null(event.invoice_id);
    item["customer"] = text_or_null(event.customer_id);
    item["kind"] = to_string(event.kind);
    item["detail"] = event.detail;
    out["events"].push_back(std::move(item));
  }
  out["actions"] = nlohmann::ordered_json::array();
  for (const Action& action : actions) {
    out["actions"].push_back(action_with_delivery(action, tracking.at(action.id)));
  }
  std::printf("%s\n", out.dump(2).c_str());
}

}  // namespace

int run_history(Args args) {
  std::optional<std::string> config_path, db, customer;
  bool json = false;
  std::vector<std::string> positionals;
  FlagParser flags("history", kHelp);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.value("customer", customer);
  flags.flag("json", json);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (customer && !positionals.empty()) {
    return flags.usage_error("give an INVOICE or --customer ID, not both");
  }
  if (!customer && positionals.size() != 1) {
    return flags.usage_error("give one INVOICE id, or --customer ID");
  }

  auto opened = open_verb_state("history", config_path, {.db = db}, StoreUse::read);
  if (!opened) return 1;
  StateStore& state = opened->store;
  const std::string id = customer ? *customer : positionals[0];
  auto events = customer ? state.customer_history(id) : state.invoice_history(id);
  auto actions = customer ? state.actions_of_customer(id) : state.actions_of_invoice(id);
  if (!events || !actions) {
    std::fprintf(stderr, "dun history: %s\n",
                 (!events ? events.error() : actions.error()).message.c_str());
    return 1;
  }
  if (events->empty() && actions->empty()) {
    auto known = customer ? state.customers_with_history() : state.invoices_with_history();
    const std::string where = "the history of " + state.file_name();
    std::fprintf(stderr, "dun history: %s\n",
                 unknown_id(customer ? "customer" : "invoice", id, where,
                            known ? *known : std::vector<std::string>{})
                     .c_str());
    return 1;
  }
  TrackingByAction tracking;
  for (const Action& action : *actions) {
    auto recorded = state.tracking_events(action.id);
    if (!recorded) {
      std::fprintf(stderr, "dun history: %s\n", recorded.error().message.c_str());
      return 1;
    }
    tracking[action.id] = std::move(recorded).value();
  }
  if (json) {
    print_json(customer ? "customer" : "invoice", id, *events, *actions, tracking);
    return 0;
  }
  std::string title = customer ? "customer " + id : "invoice " + id;
  if (!customer && !events->empty() && !events->front().customer_id.empty()) {
    title += " (customer " + events->front().customer_id + ")";
  }
  print_text(title, customer.has_value(), *events, *actions, tracking);
  return 0;
}

}  // namespace dun::cli
