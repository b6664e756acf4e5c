// From a print & mail provider's status words to dun's normalised tracking statuses
// (adapters/adapter.hpp). Providers name the same fate differently ("mailed", "posted",
// "dispatched"); the words below are those of the generic API and the usual synonyms.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "adapters/adapter.hpp"
#include "adapters/print_mail/letter_json.hpp"

namespace dun::adapters::print_mail {

// The normalised status of a provider word (case and '-'/' ' vs '_' ignored), nullopt when the
// word is not known.
std::optional<TrackingStatus> normalise_status(std::string_view provider_status);

// The tracking events of a letter's history, oldest first, each keeping the provider's word.
// A word that is not known is not dropped and does not invent a fate: it is recorded at the
// letter's last known normalised status (accepted when there is none yet — the provider holds
// the letter) with the unknown word as provider_status, and `unknown` receives it so that the
// caller can warn. A letter without an event list is read from its current status alone.
std::vector<TrackingEvent> tracking_events(const ProviderLetter& letter,
                                           std::vector<std::string>& unknown);

}  // namespace dun::adapters::print_mail
