// The `print_mail` letter adapter: a client of the generic HTTP JSON print & mail API described
// in docs/adapters.md ("print_mail"), modelled on real providers. It posts each letter's PDF with
// its addresses, type, colour and duplex under an Idempotency-Key equal to the action id (so a
// retry after an unknown outcome can never print a second letter), and tracks sent letters:
// their status history and, once there is one, the proof of delivery (the signed
// acknowledgement of receipt, a PDF).
#pragma once

#include <memory>

#include "adapters/adapter.hpp"
#include "adapters/adapter_settings.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

// Validates the [adapters.letter] table (url, api_key_env, color, duplex, timeout_seconds,
// ca_file); no connection is made before the first deliver(), check() or track().
Result<std::unique_ptr<Adapter>> make_print_mail_adapter(const AdapterSettings& settings);

}  // namespace dun::adapters
