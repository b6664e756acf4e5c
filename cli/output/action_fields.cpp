#include "cli/output/action_fields.hpp"

#include "cli/output/json_fields.hpp"
#include "engine/model/action_json.hpp"

namespace dun::cli {

nlohmann::ordered_json action_with_delivery(const Action& action,
                                            const std::vector<TrackingRecord>& tracking) {
  auto item = nlohmann::ordered_json::parse(action_to_json(action));
  item["created"] = action.created_on.to_string();
  item["postage"] = action.postage ? nlohmann::ordered_json(to_string(*action.postage))
                                   : nlohmann::ordered_json();
  item["attempts"] = action.attempts;
  item["last_error"] = text_or_null(action.last_error);
  item["provider_ref"] = text_or_null(action.provider_ref);
  item["tracking"] = text_or_null(action.tracking);
  item["next_attempt_at"] = text_or_null(action.next_attempt_at);
  item["uncertain"] = action.uncertain;
  item["proof"] = text_or_null(action.proof_path);
  item["adapter"] =
      action.adapter_kind.empty()
          ? nlohmann::ordered_json()
          : nlohmann::ordered_json{{"name", action.adapter_name}, {"kind", action.adapter_kind}};
  item["delivery_settings"] = text_or_null(action.delivery_settings);
  item["tracking_events"] = nlohmann::ordered_json::array();
  for (const TrackingRecord& event : tracking) {
    item["tracking_events"].push_back({{"status", event.status},
                                       {"occurred_at", text_or_null(event.occurred_at)},
                                       {"provider_status", text_or_null(event.provider_status)},
                                       {"recorded_on", event.recorded_on.to_string()}});
  }
  return item;
}

}  // namespace dun::cli
