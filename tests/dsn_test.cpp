// Delivery status notifications (RFC 3464, adapters/bounces/dsn.hpp): the report's recipients,
// their hard or soft bounce, the original Message-ID (from text/rfc822-headers or a whole
// message/rfc822), a base64 status part, and what is not a report. Also the `bounces` URL of
// [adapters.email] (adapters/bounces/imap_mailbox.hpp).
#include <gtest/gtest.h>

#include <string>

#include "adapters/bounces/dsn.hpp"
#include "adapters/bounces/imap_mailbox.hpp"

namespace dun::adapters {
namespace {

const std::string kHardBounce =
    "From: MAILER-DAEMON@mx.example\r\n"
    "Date: Tue, 20 Jan 2026 10:00:00 +0100\r\n"
    "Content-Type: multipart/report; report-type=\"delivery-status\";\r\n"
    "\tboundary=\"=_b\"\r\n"
    "\r\n"
    "--=_b\r\n"
    "Content-Type: text/plain\r\n\r\nSorry.\r\n"
    "--=_b\r\n"
    "Content-Type: message/delivery-status\r\n\r\n"
    "Reporting-MTA: dns; mx.example\r\n"
    "Arrival-Date: Tue, 20 Jan 2026 09:59:58 +0100\r\n\r\n"
    "Final-Recipient: rfc822; ap@acme.example\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 user\r\n"
    "  unknown\r\n\r\n"
    "Final-Recipient: rfc822; boss@ourco.example\r\n"
    "Action: delivered\r\n"
    "Status: 2.0.0\r\n"
    "--=_b\r\n"
    "Content-Type: message/rfc822\r\n\r\n"
    "From: ar@ourco.example\r\n"
    "Message-ID: <0123abcd@ourco.example>\r\n"
    "Subject: Reminder\r\n\r\nPlease pay.\r\n"
    "--=_b--\r\n";

TEST(Dsn, AHardBounceNamesItsRecipientsAndTheOriginalMessage) {
  const auto notice = parse_dsn(kHardBounce);
  ASSERT_TRUE(notice);
  EXPECT_EQ(notice->original_message_id, "<0123abcd@ourco.example>");
  EXPECT_EQ(notice->arrival_date, "Tue, 20 Jan 2026 09:59:58 +0100");
  ASSERT_EQ(notice->recipients.size(), 2u);
  EXPECT_EQ(notice->recipients[0].address, "ap@acme.example");
  EXPECT_EQ(notice->recipients[0].status, "5.1.1");
  EXPECT_EQ(notice->recipients[0].diagnostic, "smtp; 550 5.1.1 user unknown") << "unfolded";
  EXPECT_EQ(bounce_kind(notice->recipients[0]), BounceKind::hard);
  EXPECT_EQ(bounce_kind(notice->recipients[1]), BounceKind::none) << "delivered is no bounce";
  EXPECT_EQ(action_id_of_message_id(notice->original_message_id), "0123abcd");
}

TEST(Dsn, ASoftBounceWithLfLinesAndABase64StatusPart) {
  // "Final-Recipient: rfc822;x@y.example\nAction: delayed\nStatus: 4.2.2\n", in base64.
  const std::string message =
      "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n"
      "Date: Wed, 21 Jan 2026 08:00:00 +0000\n\n"
      "--b\n"
      "Content-Type: message/delivery-status\n"
      "Content-Transfer-Encoding: base64\n\n"
      "UmVwb3J0aW5nLU1UQTogZG5zOyBteAoKRmluYWwtUmVjaXBpZW50OiByZmM4MjI7eEB5LmV4YW1wbGUK\n"
      "QWN0aW9uOiBkZWxheWVkClN0YXR1czogNC4yLjIK\n"
      "--b\n"
      "Content-Type: text/rfc822-headers\n\n"
      "Message-ID: <a1@ourco.example>\n"
      "--b--\n";
  const auto notice = parse_dsn(message);
  ASSERT_TRUE(notice);
  ASSERT_EQ(notice->recipients.size(), 1u);
  EXPECT_EQ(notice->recipients[0].address, "x@y.example");
  EXPECT_EQ(bounce_kind(notice->recipients[0]), BounceKind::soft);
  EXPECT_EQ(notice->arrival_date, "Wed, 21 Jan 2026 08:00:00 +0000") << "the report's Date";
  EXPECT_EQ(notice->original_message_id, "<a1@ourco.example>");
}

TEST(Dsn, WhatIsNotADeliveryReportIsNone) {
  EXPECT_FALSE(parse_dsn("From: a@b.example\r\nSubject: hi\r\n\r\nHello\r\n"));
  EXPECT_FALSE(
      parse_dsn("Content-Type: multipart/report; report-type=disposition-notification; "
                "boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nread\r\n--x--"));
  EXPECT_FALSE(
      parse_dsn("Content-Type: multipart/report; report-type=delivery-status; "
                "boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nno status\r\n"
                "--x--\r\n"));
  EXPECT_EQ(action_id_of_message_id("no-brackets@x"), "");
  EXPECT_EQ(action_id_of_message_id("<@x>"), "");
}

TEST(BouncesUrl, ImapsAnywhereImapOnlyOnLoopbackAndTheMailboxMadeExplicit) {
  EXPECT_EQ(*normalise_bounces_url("imaps://imap.example.com"), "imaps://imap.example.com/INBOX");
  EXPECT_EQ(*normalise_bounces_url("imaps://imap.example.com:993/"),
            "imaps://imap.example.com:993/INBOX");
  EXPECT_EQ(*normalise_bounces_url("imap://127.0.0.1:1143/Bounces"),
            "imap://127.0.0.1:1143/Bounces");
  const auto clear = normalise_bounces_url("imap://imap.example.com/INBOX");
  ASSERT_FALSE(clear);
  EXPECT_EQ(clear.error().message,
            "imap:// would send the mailbox's password in clear: it is allowed only for a "
            "loopback host (localhost, 127.0.0.1, ::1), not \"imap.example.com\"; use imaps://");
  const auto user = normalise_bounces_url("imaps://me@imap.example.com/INBOX");
  ASSERT_FALSE(user);
  EXPECT_NE(user.error().message.find("DUN_BOUNCES_USER"), std::string::npos);
  EXPECT_FALSE(normalise_bounces_url("https://imap.example.com"));
}

}  // namespace
}  // namespace dun::adapters
