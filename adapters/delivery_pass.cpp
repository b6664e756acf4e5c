#include "adapters/delivery_pass.hpp"

#include <cstdio>

namespace dun::cli {

Result<adapters::DeliverySummary> deliver_outbox(StateStore& store,
                                                 const adapters::AdapterSet& adapters,
                                                 const Config& config, DocumentSource& documents,
                                                 const DeliveryRequest& request) {
  adapters::DeliveryOptions options;
  options.mode = request.mode;
  options.retry_exhausted = request.retry_exhausted;
  options.now = adapters::at_date(request.date, adapters::wall_clock_now());
  options.policy = config.delivery;
  options.only_actions = request.only_actions;
  return adapters::deliver_pending(store, adapters, documents, options);
}

void print_delivery_summary(const adapters::DeliverySummary& summary) {
  std::printf("  delivery: %zu sent, %zu failed (retried later), %zu with an unknown outcome",
              summary.sent, summary.failed, summary.uncertain);
  if (summary.interrupted > 0) {
    std::printf(" (%zu interrupted by an earlier crash)", summary.interrupted);
  }
  std::printf(", %zu failed for good, %zu waiting for their next attempt\n", summary.exhausted,
              summary.waiting);
  for (std::size_t i = 0; i < summary.gave_up.size() && i < 20; ++i) {
    std::printf("    failed for good: action %s: %s\n", summary.gave_up[i].first.c_str(),
                summary.gave_up[i].second.c_str());
  }
  if (summary.gave_up.size() > 20) {
    std::printf("    … and %zu more (dun deliver --retry-exhausted tries them again)\n",
                summary.gave_up.size() - 20);
  }
  for (const auto& [channel, count] : summary.no_adapter) {
    const std::string name(to_string(channel));
    std::printf("  queued: %zu %s action%s, no [adapters.%s] in dun.toml to deliver %s\n", count,
                name.c_str(), count == 1 ? "" : "s", name.c_str(), count == 1 ? "it" : "them");
  }
  if (summary.not_rendered > 0) {
    std::printf("  queued: %zu action%s whose document cannot be rendered now\n",
                summary.not_rendered, summary.not_rendered == 1 ? "" : "s");
  }
  for (const std::string& problem : summary.problems) {
    std::printf("  delivery problem: %s\n", problem.c_str());
  }
}

bool delivered_everything(const adapters::DeliverySummary& summary) {
  return summary.failed == 0 && summary.uncertain == 0 && summary.exhausted == 0 &&
         summary.not_rendered == 0 && summary.problems.empty();
}

}  // namespace dun::cli
