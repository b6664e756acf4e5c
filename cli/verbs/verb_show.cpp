// `dun show ACTION_ID [--out FILE] [--json]`: one action as it was sent or will be
// (architecture.md): what it is, whom it went to, every delivery attempt's outcome, the adapter
// that made the last one and what it did (print options, postage), the provider's reference,
// every tracking status with its date and the proof; then its document: the .eml or PDF kept in
// the state store at the first attempt, byte for byte, or, for an action not attempted yet, a
// preview rendered now from the snapshot (and said to be one).
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>

#include "adapters/atomic_file.hpp"
#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/args/store_access.hpp"
#include "cli/args/unknown_id.hpp"
#include "cli/output/action_fields.hpp"
#include "cli/output/json_fields.hpp"
#include "documents/document_source.hpp"
#include "documents/stored_document.hpp"
#include "engine/analyst/action_record.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun show ACTION_ID [--out FILE] [--json] [--db FILE] [--config FILE]\n"
    "                [--snapshot PATH] [--templates DIR]\n"
    "\n"
    "One action of the outbox, as it was sent or will be: its channel and letter type, customer,\n"
    "invoices, template and recipient, its status and delivery attempts, the last error, the\n"
    "adapter that made the last attempt ([adapters.NAME] and kind) with its print options and\n"
    "postage, the provider's reference, every tracking status with its date, and the proof\n"
    "(the signed acknowledgement of receipt). Then its document: the email (.eml, printed in\n"
    "full) or the letter (PDF, written with --out) exactly as the state store kept it at the\n"
    "first attempt. An action not attempted yet (queued, awaiting confirmation) has no kept\n"
    "document: a preview is rendered from the snapshot and labelled as one.\n"
    "`dun history INVOICE` lists the action ids; a unique prefix of 6 characters or more is\n"
    "enough.\n"
    "\n"
    "  ACTION_ID        the action's id (or a unique prefix of it)\n"
    "  --out FILE       write the document (the .eml or the PDF) to FILE\n"
    "  --json           one JSON object: the action with its delivery bookkeeping, and\n"
    "                   \"document\": {\"content_type\", \"size\", \"kept\", \"envelope\"}\n"
    "  --db FILE        the state store (default from dun.toml, else dun.db)\n"
    "  --config FILE    the configuration (default ./dun.toml when present)\n"
    "  --snapshot PATH  the snapshot a preview is rendered from (default from dun.toml)\n"
    "  --templates DIR  the templates of a preview (default from dun.toml)\n"
    "\n"
    "exit status: 0 when shown, 1 for an unknown id or a document that cannot be had, 2 for a\n"
    "usage error.\n"
    "\n"
    "example:\n"
    "  dun show 3f2a9c --db demo/dun.db\n"
    "  dun show 3f2a9c0d5e7b41a6 --out letter.pdf --db demo/dun.db\n";

// The document shown: the kept one, or a preview rendered now (or why there is none).
struct ShownDocument {
  std::optional<StoredDocument> document;
  bool kept = false;
  std::string unavailable;  // why there is no document (a task, or the preview failed)
};

ShownDocument document_of(const ActionRecord& record, const Config& config) {
  if (record.document) return {record.document, true, ""};
  if (record.action.channel == Channel::task) return {std::nullopt, false, "a task has none"};
  auto today = parse_run_date(std::nullopt);
  auto source = snapshot_documents(config, config.engine.snapshot, config.engine.templates,
                                   today ? *today : Date());
  if (auto ready = source->ready(); !ready) {
    return {std::nullopt, false, "no preview: " + ready.error().message};
  }
  // Not confirmed yet: shown as it would be if confirmed today.
  Action preview = record.action;
  if (preview.status == ActionStatus::pending_confirmation && today) preview.status_on = *today;
  auto rendered = source->render(preview);
  if (!rendered) return {std::nullopt, false, "no preview: " + rendered.error().message};
  return {to_stored(*rendered), false, ""};
}

std::string text_or_dash(const std::string& text) { return text.empty() ? "-" : text; }

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text.empty() ? "-" : text;
}

void print_text(const ActionRecord& record, const ShownDocument& shown) {
  const Action& action = record.action;
  std::string what(to_string(action.channel));
  if (action.letter_type) {  // appended piece by piece: GCC 12 -O3 misreads " " + string
    what += ' ';             // (a false -Wrestrict, GCC bug 105329)
    what += to_string(*action.letter_type);
  }
  std::printf("action %s: %s, %s\n", action.id.c_str(), what.c_str(),
              std::string(to_string(action.mode)).c_str());
  std::printf("  created       %s  scenario %s, step %s\n", action.created_on.to_string().c_str(),
              action.scenario.c_str(), action.step.c_str());
  std::printf("  customer      %s\n", action.customer.c_str());
  std::printf("  invoices      %s\n", joined(action.invoices).c_str());
  if (!action.template_name.empty()) {
    std::printf("  template      %s (%s)\n", action.template_name.c_str(),
                text_or_dash(action.language).c_str());
  }
  if (!action.to.empty()) {
    std::string to = action.to;
    for (std::size_t at = to.find('\n'); at != std::string::npos; at = to.find('\n', at)) {
      to.replace(at, 1, " / ");
    }
    std::printf("  to            %s\n", to.c_str());
  }
  if (!action.copy.empty()) std::printf("  copy          %s\n", joined(action.copy).c_str());
  if (action.postage) {
    std::printf("  postage       %s\n", std::string(to_string(*action.postage)).c_str());
  }
  std::printf("  status        %s since %s\n", std::string(to_string(action.status)).c_str(),
              action.status_on.to_string().c_str());
  std::printf("  attempts      %d%s\n", action.attempts,
              action.in_flight ? " (one in flight)" : "");
  if (!action.last_error.empty()) {
    std::printf("  last error    %s%s\n", action.last_error.c_str(),
                action.uncertain ? " (outcome unknown)" : "");
  }
  if (action.status == ActionStatus::failed) {
    std::printf("  next attempt  %s\n",
                action.next_attempt_at.empty()
                    ? "none: failed for good (dun deliver --retry-exhausted tries again)"
                    : action.next_attempt_at.c_str());
  }
  if (!action.adapter_kind.empty()) {
    std::printf("  adapter       %s (%s)%s%s\n", action.adapter_name.c_str(),
                action.adapter_kind.c_str(), action.delivery_settings.empty() ? "" : ": ",
                action.delivery_settings.c_str());
  }
  if (!action.provider_ref.empty()) {
    std::printf("  provider ref  %s\n", action.provider_ref.c_str());
  }
  for (const TrackingRecord& event : record.tracking) {
    std::printf("  tracking      %-18s  %s", event.status.c_str(),
                text_or_dash(event.occurred_at).c_str());
    if (!event.provider_status.empty()) std::printf("  (%s)", event.provider_status.c_str());
    std::printf("  recorded %s\n", event.recorded_on.to_string().c_str());
  }
  if (!action.proof_path.empty()) std::printf("  proof         %s\n", action.proof_path.c_str());
  if (!shown.document) {
    std::printf("  document      none: %s\n", shown.unavailable.c_str());
    return;
  }
  const StoredDocument& document = *shown.document;
  std::printf("  document      %s, %zu bytes, %s\n", document.content_type.c_str(),
              document.bytes.size(),
              shown.kept ? "as kept at the first attempt"
                         : "PREVIEW rendered now: not sent yet, the sent one may differ");
  if (document.content_type == kEmailContentType) {
    std::printf("\n%s", document.bytes.c_str());
    if (!document.bytes.empty() && document.bytes.back() != '\n') std::printf("\n");
  } else {
    std::printf("                (--out FILE writes it)\n");
  }
}

void print_json(const ActionRecord& record, const ShownDocument& shown,
                const std::optional<std::string>& out) {
  auto item = action_with_delivery(record.action, record.tracking);
  if (shown.document) {
    item["document"] = {
        {"content_type", shown.document->content_type},
        {"size", shown.document->bytes.size()},
        {"kept", shown.kept},
        {"envelope", nlohmann::ordered_json::parse(shown.document->envelope, nullptr, false)},
        {"file", out ? nlohmann::ordered_json(*out) : nlohmann::ordered_json()}};
    if (shown.document->content_type == kEmailContentType) {
      item["document"]["text"] = shown.document->bytes;
    }
  } else {
    item["document"] = nullptr;
    item["document_unavailable"] = shown.unavailable;
  }
  std::printf("%s\n", item.dump(2).c_str());
}

}  // namespace

int run_show(Args args) {
  std::optional<std::string> config_path, db, snapshot, templates, out;
  bool json = false;
  std::vector<std::string> positionals;
  FlagParser flags("show", kHelp);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.value("snapshot", snapshot);
  flags.value("templates", templates);
  flags.value("out", out);
  flags.flag("json", json);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (positionals.size() != 1) {
    return flags.usage_error("give one ACTION_ID (`dun history INVOICE` lists them)");
  }
  auto state =
      open_verb_state("show", config_path, {.snapshot = snapshot, .templates = templates, .db = db},
                      StoreUse::read);
  if (!state) return 1;
  const std::string& id = positionals[0];
  auto record = find_action_record(state->store, id);
  if (!record) {
    std::fprintf(stderr, "dun show: %s\n", record.error().message.c_str());
    return 1;
  }
  if (!*record) {
    auto known = state->store.action_ids();
    std::fprintf(stderr, "dun show: %s; `dun history INVOICE` lists the ids of its actions\n",
                 unknown_id("action", id, "the outbox of " + state->store.file_name(),
                            known ? *known : std::vector<std::string>{})
                     .c_str());
    return 1;
  }
  const ShownDocument shown = document_of(**record, state->config);
  if (out) {
    if (!shown.document) {
      std::fprintf(stderr, "dun show: action %s has no document to write to %s: %s\n",
                   (*record)->action.id.c_str(), out->c_str(), shown.unavailable.c_str());
      return 1;
    }
    if (auto written = adapters::write_file_atomically(*out, shown.document->bytes); !written) {
      std::fprintf(stderr, "dun show: %s\n", written.error().message.c_str());
      return 1;
    }
  }
  if (json) {
    print_json(**record, shown, out);
  } else {
    print_text(**record, shown);
    if (out) {
      std::printf("  written to    %s%s\n", out->c_str(), shown.kept ? "" : " (the preview)");
    }
  }
  return 0;
}

}  // namespace dun::cli
