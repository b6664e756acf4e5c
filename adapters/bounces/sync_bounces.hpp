// `dun deliver --sync`'s second half: the delivery status notifications (RFC 3464) waiting in the
// email adapter's bounce mailbox ([adapters.email] bounces) become tracking events of the emails
// they are about (docs/delivery.md, "Bounces"): `bounced` for a hard bounce, `delayed` for a soft
// one, matched by the original message's Message-ID (<ACTION_ID@DOMAIN>). The run then reads the
// bounced addresses (customer.email_bounced) and lists them in its summary.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "adapters/registry.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

struct BounceSummary {
  bool configured = false;      // the email adapter has a bounce mailbox
  std::string mailbox;          // its URL
  std::size_t read = 0;         // unread messages read (and so marked read)
  std::size_t bounced = 0;      // hard bounces recorded (new ones)
  std::size_t delayed = 0;      // soft bounces recorded (new ones)
  std::size_t not_reports = 0;  // messages that are not delivery status reports
  // Reports about a message dun did not send (or no longer has): their Message-IDs.
  std::vector<std::string> unmatched;
  std::vector<std::string> problems;  // the mailbox could not be read, no login in the environment
};

// Reads the unread messages of the mailbox of `adapters`' email adapter, if it has one, and
// records what they report. A message is marked read (\Seen) by reading it; when recording fails
// it is put back to unread and the error returned (the next sync reads it again: recording twice
// records nothing twice). REQUIRES: the caller holds the store's lock.
Result<BounceSummary> sync_bounces(StateStore& store, const AdapterSet& adapters, Date today);

}  // namespace dun::adapters
