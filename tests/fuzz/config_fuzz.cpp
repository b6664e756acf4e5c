// libFuzzer target: arbitrary bytes as dun.toml. The loader must answer every input with a
// Config or an Error naming the file (never a crash, an exception or a sanitizer report), and a
// Config it accepts must hold values within the documented ranges.
#include <cstdint>

#include "engine/base/config.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = dun::fuzz::write_temp_file(
      "dun.toml", std::string_view(reinterpret_cast<const char*>(data), size));
  const auto config = dun::load_config(path);
  if (!config.ok()) {
    dun::fuzz::require(config.error().message.rfind(path.string(), 0) == 0);
    return 0;
  }
  const dun::Config& c = *config;
  dun::fuzz::require(c.delivery.max_attempts >= 1 && c.delivery.max_attempts <= 100);
  dun::fuzz::require(c.safety.max_close_share >= 0 && c.safety.max_close_share <= 1);
  dun::fuzz::require(c.safety.max_bad_share >= 0 && c.safety.max_bad_share <= 1);
  dun::fuzz::require(c.snapshot.max_field_bytes >= 1);
  dun::fuzz::require(c.snapshot.max_field_lines >= 0);
  for (const auto& [name, adapter] : c.adapters) dun::fuzz::require(!adapter.kind.empty());
  return 0;
}
