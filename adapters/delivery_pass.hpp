// What `dun run`, `dun deliver` and `dun send` share to deliver from the outbox: the config's
// adapters (validated before anything else happens), one pass of the delivery loop
// (adapters/deliver.hpp) and whether it delivered everything (cli/output/delivery_output.hpp
// prints its summary). The caller says where the documents not kept
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

namespace dun::adapters {

struct DeliveryRequest {
  Date date;  // the day of the pass: now is this date at the current time of day
  DeliveryMode mode = DeliveryMode::after_run;
  bool retry_exhausted = false;
  bool retry_unknown = false;  // deliver.hpp's DeliveryOptions::retry_unknown
  std::vector<std::string> only_actions;
};

// One pass with the config's delivery policy, its deadline [delivery] pass_timeout_seconds from
// now. Fails only when the state store does.
Result<DeliverySummary> deliver_outbox(StateStore& store, const AdapterSet& adapters,
                                       const Config& config, DocumentSource& documents,
                                       const DeliveryRequest& request);

// Whether every attempt of the pass delivered (left-queued channels aside): the exit status of
// `dun deliver` and `dun send`.
bool delivered_everything(const DeliverySummary& summary);

}  // namespace dun::adapters
