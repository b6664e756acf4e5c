#include "adapters/bounces/sync_bounces.hpp"

#include <cstdlib>

#include "adapters/bounces/dsn.hpp"
#include "adapters/bounces/imap_mailbox.hpp"

namespace dun::adapters {
namespace {

// "ap@acme.example: 5.1.1 smtp; 550 5.1.1 user unknown": the address first, as the store's
// delivery facts read it (engine/store/store_delivery_facts.cpp).
std::string provider_words(const DsnRecipient& recipient) {
  std::string words = recipient.address + ": " + recipient.status;
  if (!recipient.diagnostic.empty()) words += " " + recipient.diagnostic;
  return words;
}

// Records what `notice` says of the email it is about; false when it is about no email of ours.
Result<bool> record_notice(StateStore& store, const DeliveryStatusNotice& notice, Date today,
                           BounceSummary& summary) {
  const std::string action_id = action_id_of_message_id(notice.original_message_id);
  if (action_id.empty()) return false;
  auto found = store.find_action(action_id);
  if (!found) return found.error();
  if (!*found || (*found)->channel != Channel::email || (*found)->status != ActionStatus::sent) {
    return false;
  }
  const Action& action = **found;
  bool hard_bounced = action.tracking == "bounced";
  for (const DsnRecipient& recipient : notice.recipients) {
    const BounceKind kind = bounce_kind(recipient);
    if (kind == BounceKind::none) continue;
    // A hard bounce is final: a later "still trying" report does not replace it.
    if (kind == BounceKind::soft && hard_bounced) continue;
    const std::string status = kind == BounceKind::hard ? "bounced" : "delayed";
    auto recorded = store.record_tracking_event(
        action.id, {status, notice.arrival_date, provider_words(recipient), today});
    if (!recorded) return recorded.error();
    if (*recorded) ++(kind == BounceKind::hard ? summary.bounced : summary.delayed);
    hard_bounced = hard_bounced || kind == BounceKind::hard;
  }
  return true;
}

}  // namespace

Result<BounceSummary> sync_bounces(StateStore& store, const AdapterSet& adapters, Date today) {
  BounceSummary summary;
  const ConfiguredAdapter* email = adapters.configured_for(Channel::email);
  if (email == nullptr) return summary;
  const std::optional<BounceMailboxSettings> settings = email->adapter->bounce_mailbox();
  if (!settings) return summary;
  summary.configured = true;
  summary.mailbox = settings->url;
  const char* user = std::getenv(kBouncesUserVariable);
  const char* password = std::getenv(kBouncesPasswordVariable);
  if (user == nullptr || *user == '\0' || password == nullptr) {
    summary.problems.push_back("the bounce mailbox " + settings->url + " needs a login: set " +
                               kBouncesUserVariable + " and " + kBouncesPasswordVariable +
                               " in the environment");
    return summary;
  }
  ImapMailbox mailbox(*settings, user, password);
  auto unseen = mailbox.unseen();
  if (!unseen) {
    summary.problems.push_back(unseen.error().message);
    return summary;
  }
  for (const std::uint64_t uid : *unseen) {
    auto message = mailbox.fetch(uid);
    if (!message) {
      summary.problems.push_back(message.error().message);
      return summary;
    }
    ++summary.read;
    const std::optional<DeliveryStatusNotice> notice = parse_dsn(*message);
    if (!notice) {
      ++summary.not_reports;
      continue;
    }
    auto matched = record_notice(store, *notice, today, summary);
    if (!matched) {
      (void)mailbox.mark_unseen(uid);  // read again next time; the store's error is the news
      return matched.error();
    }
    if (!*matched) {
      summary.unmatched.push_back(notice->original_message_id.empty()
                                      ? std::string("(no Message-ID)")
                                      : notice->original_message_id);
    }
  }
  return summary;
}

}  // namespace dun::adapters
