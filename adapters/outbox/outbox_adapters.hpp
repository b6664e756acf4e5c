// The `outbox` adapters, for users without an SMTP server or a print & mail
// provider: deliveries become files in a folder that a mail client, a pickup script or a print
// shop takes from there.
//
//   [adapters.email]          DIR/ACTION_ID.eml: the RFC 5322 message, ready to send as it is
//   kind = "outbox"
//   dir = "out/emails"        (relative to dun.toml; created when missing)
//
//   [adapters.letter]         DIR/ACTION_ID.pdf, one row per letter in DIR/manifest.csv, and
//   kind = "outbox"           per delivery pass DIR/batch-YYYY-MM-DD[-N].pdf: the pass's letters
//   dir = "out/letters"       in one PDF for duplex printing (batch = false: no batch PDF)
//
// Every file is written atomically (temporary file + rename in the same folder). A retried
// action whose file is already there with the same bytes is `sent` without writing anything, so
// a retry never makes a second file, manifest row or batch page. See docs/delivery-outbox.md.
#pragma once

#include <functional>
#include <memory>

#include "adapters/adapter.hpp"
#include "adapters/adapter_settings.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

Result<std::unique_ptr<Adapter>> make_email_outbox_adapter(const AdapterSettings& settings);

Result<std::unique_ptr<Adapter>> make_letter_outbox_adapter(const AdapterSettings& settings);
// `today` dates the batch PDF (default: today in UTC, like `dun run` without --date).
Result<std::unique_ptr<Adapter>> make_letter_outbox_adapter(const AdapterSettings& settings,
                                                            std::function<Date()> today);

}  // namespace dun::adapters
