// libFuzzer target: what dun reads from delivery providers. The first byte picks the reader, the
// rest is the provider's answer: the print & mail API's JSON (a letter with its status history,
// the account, an error body) and an SMTP server's replies (codes, queue ids, Message-IDs). Every
// reader must answer every input (a value or an Error, never a throw or a crash).
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/print_mail/letter_json.hpp"
#include "adapters/print_mail/letter_status.hpp"
#include "adapters/smtp/smtp_outcome.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  namespace pm = dun::adapters::print_mail;
  switch (data[0] % 3) {
    case 0: {
      const auto letter = pm::parse_letter(body);
      if (letter.ok()) {
        std::vector<std::string> unknown;
        (void)pm::tracking_events(*letter, unknown);
      }
      break;
    }
    case 1: {
      (void)pm::parse_account_name(body);
      (void)pm::error_message(400, body);
      break;
    }
    default: {
      const auto lines = dun::fuzz::split(data + 1, size - 1, '\n');
      const std::string last = dun::adapters::last_reply(lines);
      (void)dun::adapters::whole_replies(lines, lines.size() / 2);
      (void)dun::adapters::failing_reply(lines);
      const int code = dun::adapters::reply_code(last);
      dun::fuzz::require(code == 0 || (code >= 100 && code <= 999));
      (void)dun::adapters::queue_id(last);
      (void)dun::adapters::message_id(body);
      break;
    }
  }
  return 0;
}
