// An action in the verbs' --json output (`dun history`, `dun show`): its own JSON form
// (data-model.md, "Actions") followed by the outbox's delivery bookkeeping: attempts, last error,
// provider reference, latest tracking status and every tracking event, next attempt, proof, and
// the adapter of the last attempt with what it did (print options, postage).
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "engine/model/action.hpp"
#include "engine/model/delivery_records.hpp"

namespace dun::cli {

nlohmann::ordered_json action_with_delivery(const Action& action,
                                            const std::vector<TrackingRecord>& tracking);

}  // namespace dun::cli
