#include "engine/run/snapshot_gate.hpp"

#include <cstdio>

namespace dun {
namespace {

std::string percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %%", share * 100.0);
  return text;
}

std::string share_of(std::size_t part, std::size_t whole) {
  return std::to_string(part) + " of " + std::to_string(whole) + " (" +
         percent(static_cast<double>(part) / static_cast<double>(whole)) + ")";
}

}  // namespace

std::optional<std::string> snapshot_gate_refusal(const SnapshotGateCounts& counts,
                                                 const SafetyConfig& safety) {
  if (counts.active_sequences == 0) return std::nullopt;  // nothing the snapshot could close
  std::string seen;
  if (counts.invoices == 0) {
    seen = "it holds no invoice at all, while the store follows " +
           std::to_string(counts.active_sequences) + " active sequences";
  }
  const bool shares_count =
      counts.active_sequences >= static_cast<std::size_t>(safety.min_active_sequences);
  if (seen.empty() && shares_count &&
      static_cast<double>(counts.closing) >
          safety.max_close_share * static_cast<double>(counts.active_sequences)) {
    seen = "it would close " + share_of(counts.closing, counts.active_sequences) +
           " active sequences, more than [safety] max_close_share (" +
           percent(safety.max_close_share) + ")";
  }
  if (seen.empty() && shares_count && counts.rows > 0 &&
      static_cast<double>(counts.bad_rows) >
          safety.max_bad_share * static_cast<double>(counts.rows)) {
    seen = "it quarantines " + share_of(counts.bad_rows, counts.rows) +
           " rows, more than [safety] max_bad_share (" + percent(safety.max_bad_share) + ")";
  }
  if (seen.empty()) return std::nullopt;
  return "the snapshot looks wrong and nothing was committed: " + seen + "; the run would close " +
         std::to_string(counts.closing) + " sequences and cancel " +
         std::to_string(counts.tasks_cancelled) + " agenda tasks. Check the export" +
         (counts.bad_rows > 0 ? " (the quarantined rows follow)" : "") +
         "; if the snapshot is right, run again with --accept-snapshot";
}

}  // namespace dun
