// `dun deliver --sync`: tracking statuses and proof documents of sent actions (docs/delivery.md).
#include "adapters/atomic_file.hpp"
#include "adapters/deliver.hpp"

namespace dun::adapters {
namespace {

// Nothing more will happen to the action: no need to ask again. A registered letter is followed
// until its acknowledgement of receipt is signed (and its proof kept), returned or refused. An
// electronic one until the recipient accepted it (its proof kept: the provider's first
// "accepted", its own, comes without one), refused or neglected it.
bool settled(const Action& action) {
  const std::string& last = action.tracking;
  if (last == "returned" || last == "refused" || last == "failed" || last == "neglected") {
    return true;
  }
  if (action.letter_type == LetterType::electronic) {
    return last == "accepted" && !action.proof_path.empty();
  }
  const bool registered = action.letter_type == LetterType::registered;
  if (last == "signed") return !action.proof_path.empty() || !registered;
  return last == "delivered" && !registered;
}

// The adapter that delivered `action`, and no other: the one its last attempt recorded, if that
// [adapters.NAME] still names the same kind. An action delivered before dun recorded adapters has
// none recorded: the channel's adapter is asked, as then.
const ConfiguredAdapter* delivering_adapter(const AdapterSet& adapters, const Action& action) {
  if (action.adapter_kind.empty()) return adapters.configured_for(action.channel);
  return adapters.find(action.adapter_name, action.adapter_kind);
}

}  // namespace

Result<SyncSummary> sync_tracking(StateStore& store, const AdapterSet& adapters,
                                  const std::filesystem::path& proofs_folder, Date today) {
  auto sent = store.sent_actions();
  if (!sent) return sent.error();
  SyncSummary summary;
  for (const Action& action : *sent) {
    if (settled(action)) continue;
    const ConfiguredAdapter* configured = delivering_adapter(adapters, action);
    if (configured == nullptr) {
      // Its adapter is gone from dun.toml (or is now another kind): nobody can be asked. One
      // line per adapter in the summary, not a problem: nothing failed.
      if (!action.adapter_kind.empty()) {
        ++summary.unreachable[action.adapter_name + " (" + action.adapter_kind + ")"];
      }
      continue;
    }
    Adapter* adapter = configured->adapter.get();
    if (!adapter->tracks()) continue;
    ++summary.tracked;
    auto update = adapter->track(action);
    if (!update) {
      summary.problems.push_back("action " + action.id + ": " + update.error().message);
      continue;
    }
    for (const TrackingEvent& event : update->events) {
      auto recorded = store.record_tracking_event(
          action.id,
          {std::string(to_string(event.status)), event.occurred_at, event.provider_status, today});
      if (!recorded) return recorded.error();
      summary.new_events += *recorded ? 1 : 0;
    }
    if (update->proof_pdf && action.proof_path.empty()) {
      const std::filesystem::path path = proofs_folder / (action.id + ".pdf");
      // Atomically: a crash leaves either no proof or the whole file, never half a PDF.
      std::error_code ignored;
      std::filesystem::create_directories(proofs_folder, ignored);
      if (auto written = write_file_atomically(path, *update->proof_pdf); !written) {
        summary.problems.push_back("action " + action.id + ": " + written.error().message);
        continue;
      }
      if (auto set = store.set_proof_path(action.id, path.string()); !set) return set.error();
      ++summary.proofs;
    }
  }
  return summary;
}

}  // namespace dun::adapters
