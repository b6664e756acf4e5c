// What `dun run`, `dun deliver` and `dun send` share to deliver from the outbox: the config's
// adapters (validated before anything else happens), one pass of the delivery loop
// (adapters/deliver.hpp) and its summary lines. The caller says where the documents not kept
// yet come from (documents/document_source.hpp): `dun run` hands over the snapshot it has just
// evaluated, `dun deliver` loads one when needed, `dun send` the reminder it has rendered.
#pragma once

#include <string>
#include <vector>

#include "adapters/deliver.hpp"
#include "adapters/registry.hpp"
#include "documents/document_source.hpp"
#include "engine/base/config.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun::cli {

struct DeliveryRequest {
  Date date;  // the day of the pass: now is this date at the current time of day
  adapters::DeliveryMode mode = adapters::DeliveryMode::after_run;
  bool retry_exhausted = false;
  std::vector<std::string> only_actions;
};

// One pass with the config's delivery policy. Fails only when the state store does.
Result<adapters::DeliverySummary> deliver_outbox(StateStore& store,
                                                 const adapters::AdapterSet& adapters,
                                                 const Config& config, DocumentSource& documents,
                                                 const DeliveryRequest& request);

// "  delivery: 3 sent, 1 failed (retried later), …" and the actions failed for good, the
// channels without an adapter and the problems, each on its own line.
void print_delivery_summary(const adapters::DeliverySummary& summary);

// Whether every attempt of the pass delivered (left-queued channels aside): the exit status of
// `dun deliver` and `dun send`.
bool delivered_everything(const adapters::DeliverySummary& summary);

}  // namespace dun::cli
