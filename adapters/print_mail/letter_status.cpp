#include "adapters/print_mail/letter_status.hpp"

#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace dun::adapters::print_mail {
namespace {

using enum TrackingStatus;

constexpr std::array<std::pair<std::string_view, TrackingStatus>, 42> kProviderWords = {{
    {"accepted", accepted},
    {"created", accepted},
    {"received", accepted},
    {"queued", accepted},
    {"processing", accepted},
    {"validated", accepted},
    {"printed", printed},
    {"in_production", printed},
    {"produced", printed},
    {"mailed", mailed},
    {"posted", mailed},
    {"dispatched", mailed},
    {"handed_to_carrier", mailed},
    {"in_transit", in_transit},
    {"transit", in_transit},
    {"in_local_area", in_transit},
    {"out_for_delivery", in_transit},
    {"delivered", delivered},
    {"returned", returned},
    {"returned_to_sender", returned},
    {"re_routed", in_transit},
    {"signed", signed_for},
    {"signed_for", signed_for},
    {"acknowledged", signed_for},
    {"receipt_signed", signed_for},
    {"refused", refused},
    {"refused_by_recipient", refused},
    {"failed", failed},
    {"undeliverable", failed},
    {"cancelled", failed},
    {"canceled", failed},
    // Electronic registered mail (AR24, Maileva's LRE, MySendingBox's electronic letters).
    {"sent", sent},
    {"notified", sent},
    {"awaiting_signature", awaiting_signature},
    {"pending_signature", awaiting_signature},
    {"waiting", awaiting_signature},
    {"neglected", neglected},
    {"expired", neglected},
    {"unclaimed", neglected},
    {"negligence", neglected},
    {"recipient_accepted", accepted},
    {"rejected", refused},
}};

std::string canonical(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (char c : word) {
    if (c == '-' || c == ' ') {
      out += '_';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace

std::optional<TrackingStatus> normalise_status(std::string_view provider_status) {
  const std::string word = canonical(provider_status);
  for (const auto& [name, status] : kProviderWords) {
    if (name == word) return status;
  }
  return std::nullopt;
}

std::vector<TrackingEvent> tracking_events(const ProviderLetter& letter,
                                           std::vector<std::string>& unknown) {
  std::vector<ProviderEvent> history = letter.events;
  if (history.empty() && !letter.status.empty()) history.push_back({letter.status, ""});
  std::vector<TrackingEvent> events;
  TrackingStatus last_known = accepted;
  for (const ProviderEvent& event : history) {
    std::optional<TrackingStatus> status = normalise_status(event.status);
    if (!status) unknown.push_back(event.status);
    if (status) last_known = *status;
    events.push_back({status.value_or(last_known), event.at, event.status});
  }
  return events;
}

}  // namespace dun::adapters::print_mail
