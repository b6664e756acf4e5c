// The `smtp` email adapter (docs/adapters.md, "smtp"): one SMTP transaction per action through
// libcurl, STARTTLS required unless configured otherwise, AUTH with the password from the
// environment. The message is sent exactly as the outbox keeps it, so a retry after an unknown
// outcome carries the same Message-ID.
#pragma once

#include <memory>

#include "adapters/adapter.hpp"
#include "adapters/adapter_settings.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

// Validates every setting (errors name the dun.toml line); does not connect.
Result<std::unique_ptr<Adapter>> make_smtp_adapter(const AdapterSettings& settings);

}  // namespace dun::adapters
