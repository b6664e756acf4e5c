#include "cli/output/delivery_output.hpp"

#include <cstdio>

namespace dun::cli {

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
  if (summary.held_unknown > 0) {
    std::printf(
        "  held: %zu action%s whose last attempt has an unknown outcome (the server may have it):"
        " check with the receiving side, then `dun deliver --retry-unknown` sends the same "
        "message again (same Message-ID)\n",
        summary.held_unknown, summary.held_unknown == 1 ? "" : "s");
  }
  if (summary.postponed > 0) {
    std::printf("  postponed: %zu action%s not attempted in this pass (see the problems below)\n",
                summary.postponed, summary.postponed == 1 ? "" : "s");
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

}  // namespace dun::cli
