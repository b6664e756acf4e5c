#include "dsl/letter_status.hpp"

#include <array>

namespace dun::dsl {
namespace {

// The action's own statuses (data-model.md), then the normalised tracking statuses
// (adapters/tracking_status.cpp), each once.
constexpr std::array<std::string_view, 15> kStatuses = {"",
                                                        "queued",
                                                        "pending_confirmation",
                                                        "sent",
                                                        "failed",
                                                        "accepted",
                                                        "printed",
                                                        "mailed",
                                                        "in_transit",
                                                        "delivered",
                                                        "returned",
                                                        "signed",
                                                        "refused",
                                                        "awaiting_signature",
                                                        "neglected"};

}  // namespace

std::span<const std::string_view> letter_statuses() { return kStatuses; }

std::uint8_t letter_status_code(std::string_view status) {
  for (std::size_t k = 1; k < kStatuses.size(); ++k) {
    if (kStatuses[k] == status) return static_cast<std::uint8_t>(k);
  }
  return 0;
}

std::string_view letter_status_word(std::uint8_t code) {
  return code < kStatuses.size() ? kStatuses[code] : std::string_view();
}

}  // namespace dun::dsl
