#include <array>

#include "adapters/adapter.hpp"

namespace dun::adapters {
namespace {

constexpr std::array<std::string_view, 12> kTrackingNames = {
    "accepted", "printed", "mailed", "in_transit", "delivered",          "returned",
    "signed",   "refused", "failed", "sent",       "awaiting_signature", "neglected"};

}  // namespace

std::string_view to_string(TrackingStatus status) {
  return kTrackingNames[static_cast<std::size_t>(status)];
}

std::optional<TrackingStatus> parse_tracking_status(std::string_view text) {
  for (std::size_t i = 0; i < kTrackingNames.size(); ++i) {
    if (kTrackingNames[i] == text) return static_cast<TrackingStatus>(i);
  }
  return std::nullopt;
}

}  // namespace dun::adapters
