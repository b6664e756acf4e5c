#include "adapters/delivery_pass.hpp"

namespace dun::adapters {

Result<DeliverySummary> deliver_outbox(StateStore& store, const AdapterSet& adapters,
                                       const Config& config, DocumentSource& documents,
                                       const DeliveryRequest& request) {
  DeliveryOptions options;
  options.mode = request.mode;
  options.retry_exhausted = request.retry_exhausted;
  options.retry_unknown = request.retry_unknown;
  options.deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(config.delivery.pass_timeout_seconds);
  options.now = at_date(request.date, wall_clock_now());
  options.policy = config.delivery;
  options.only_actions = request.only_actions;
  return deliver_pending(store, adapters, documents, options);
}

bool delivered_everything(const DeliverySummary& summary) {
  return summary.failed == 0 && summary.uncertain == 0 && summary.exhausted == 0 &&
         summary.not_rendered == 0 && summary.problems.empty();
}

}  // namespace dun::adapters
