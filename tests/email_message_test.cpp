// Emails as RFC 5322/MIME text, checked by an independent parser: Python's `email` package
// reads what build_email() wrote and reports every header and part. Also: header injection is
// refused, and invoice PDFs cannot be read from outside the snapshot folder.
#include "documents/email_message.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "documents/invoice_pdf.hpp"
#include "documents/mime_encoding.hpp"

namespace dun {
namespace {

// Parses the message with Python's email package (policy.default decodes RFC 2047 and the
// transfer encodings) and prints one `key: value` line per fact.
constexpr const char* kParser = R"PY(
import sys, email, email.policy
data = open(sys.argv[1], 'rb').read()
msg = email.message_from_bytes(data, policy=email.policy.default)
for name in ['From', 'To', 'Cc', 'Reply-To', 'Subject', 'Message-ID', 'Date', 'MIME-Version']:
    print(f"{name}: {msg[name]}")
print(f"content-type: {msg.get_content_type()}")
print(f"defects: {len(msg.defects)}")
for i, part in enumerate(msg.iter_parts()):
    print(f"part{i}.type: {part.get_content_type()}")
    print(f"part{i}.defects: {len(part.defects)}")
    if part.get_content_type() == 'text/plain':
        print(f"part{i}.charset: {part.get_content_charset()}")
        text = part.get_content().replace('\r\n', '\n')
        print(f"part{i}.text: {text.encode('utf-8').hex()}")
    else:
        print(f"part{i}.filename: {part.get_filename()}")
        print(f"part{i}.bytes: {part.get_content()!r}")
bare_lf = b'\n' in data.replace(b'\r\n', b'')
longest = max(len(l) for l in data.split(b'\r\n'))
print(f"crlf-only: {not bare_lf}")
print(f"max-line: {longest}")
)PY";

std::map<std::string, std::string> parse_with_python(const std::string& message) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("dun-email-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "message.eml", std::ios::binary) << message;
  std::ofstream(dir / "parse.py") << kParser;
  const std::string command =
      "python3 " + (dir / "parse.py").string() + " " + (dir / "message.eml").string();
  std::map<std::string, std::string> facts;
  FILE* pipe = popen(command.c_str(), "r");
  char line[65536];
  while (pipe != nullptr && fgets(line, sizeof line, pipe) != nullptr) {
    std::string text(line);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    const std::size_t colon = text.find(": ");
    if (colon != std::string::npos) facts[text.substr(0, colon)] = text.substr(colon + 2);
  }
  if (pipe != nullptr) pclose(pipe);
  std::filesystem::remove_all(dir);
  return facts;
}

RenderedDocument sample_document() {
  RenderedDocument document;
  document.language = "fr";
  document.subject = "Relance : factures échues pour Société Générale des Eaux — 13 345,20 €";
  document.body.emplace_back(Paragraph{"Bonjour,"});
  ItemsTable table;
  table.headers = {"Facture", "Solde"};
  table.numeric = {false, true};
  table.rows = {{"F-1", "12\u202f500,00\u00a0€"}, {"F-2", "845,20\u00a0€"}};
  table.totals = {{"Total", "13\u202f345,20\u00a0€"}};
  document.body.emplace_back(table);
  document.body.emplace_back(
      Paragraph{"Ligne = avec un signe égal et une très longue ligne qui "
                "dépasse largement les soixante-seize caractères permis."});
  return document;
}

EmailEnvelope sample_envelope() {
  EmailEnvelope envelope;
  envelope.from = {"Our Company SAS", "relances@ourco.example"};
  envelope.to = {{"Jean Dupont", "jean.dupont@sge.example"}};
  envelope.cc = {{"", "anna@ourco.example"}};
  envelope.reply_to = Mailbox{"Zoë Müller-Łukasiewicz", "zoe@ourco.example"};
  envelope.action_id = "0123456789abcdef0123456789abcdef";
  envelope.date = *Date::parse("2026-11-22");
  envelope.attachments.push_back({"FR-1.pdf", "application/pdf", "%PDF-1.4\n\x01\x02\xff binary"});
  envelope.attachments.push_back({"Facture é.pdf", "application/pdf", "%PDF-1.4 second"});
  return envelope;
}

TEST(EmailMessage, PythonsEmailPackageReadsEveryHeaderAndPart) {
  auto message = build_email(sample_document(), sample_envelope());
  ASSERT_TRUE(message.ok()) << message.error().message;
  auto facts = parse_with_python(*message);
  ASSERT_FALSE(facts.empty()) << "python3 could not parse the message";
  EXPECT_EQ(facts["From"], "Our Company SAS <relances@ourco.example>");
  EXPECT_EQ(facts["To"], "Jean Dupont <jean.dupont@sge.example>");
  EXPECT_EQ(facts["Cc"], "anna@ourco.example");
  EXPECT_EQ(facts["Reply-To"], "Zoë Müller-Łukasiewicz <zoe@ourco.example>");
  EXPECT_EQ(facts["Subject"],
            "Relance : factures échues pour Société Générale des Eaux — 13 345,20 €");
  EXPECT_EQ(facts["Message-ID"], "<0123456789abcdef0123456789abcdef@ourco.example>");
  EXPECT_EQ(facts["Date"], "Sun, 22 Nov 2026 00:00:00 +0000");
  EXPECT_EQ(facts["MIME-Version"], "1.0");
  EXPECT_EQ(facts["content-type"], "multipart/mixed");
  EXPECT_EQ(facts["defects"], "0");
  EXPECT_EQ(facts["part0.type"], "text/plain");
  EXPECT_EQ(facts["part0.defects"], "0");
  EXPECT_EQ(facts["part0.charset"], "utf-8");
  EXPECT_EQ(facts["part1.type"], "application/pdf");
  EXPECT_EQ(facts["part1.filename"], "FR-1.pdf");
  EXPECT_EQ(facts["part1.bytes"], "b'%PDF-1.4\\n\\x01\\x02\\xff binary'");
  EXPECT_EQ(facts["part2.filename"], "Facture é.pdf");
  EXPECT_EQ(facts["part2.bytes"], "b'%PDF-1.4 second'");
  EXPECT_EQ(facts["crlf-only"], "True");
  EXPECT_LE(std::stoi(facts["max-line"]), 78);
  // The text part decodes to exactly document_text() (CRLF read back as line ends).
  std::string hex;
  for (unsigned char c : document_text(sample_document())) {
    static constexpr char kDigits[] = "0123456789abcdef";
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  EXPECT_EQ(facts["part0.text"], hex);
}

TEST(EmailMessage, IsDeterministic) {
  EXPECT_EQ(*build_email(sample_document(), sample_envelope()),
            *build_email(sample_document(), sample_envelope()));
}

TEST(EmailMessage, ALineBreakInAnyHeaderValueIsRefused) {
  const RenderedDocument document = sample_document();
  auto expect_refused = [&](const EmailEnvelope& envelope, const RenderedDocument& doc) {
    auto message = build_email(doc, envelope);
    ASSERT_FALSE(message.ok());
    EXPECT_NE(message.error().message.find("line break"), std::string::npos)
        << message.error().message;
  };
  EmailEnvelope envelope = sample_envelope();
  envelope.to[0].name = "Jean\r\nBcc: victim@example.org";
  expect_refused(envelope, document);
  envelope = sample_envelope();
  envelope.to[0].address = "jean@sge.example\nBcc: x@y.z";
  expect_refused(envelope, document);
  envelope = sample_envelope();
  envelope.reply_to->name = "Zoë\r";
  expect_refused(envelope, document);
  envelope = sample_envelope();
  envelope.from.name = "Our\nCompany";
  expect_refused(envelope, document);
  RenderedDocument subject = document;
  subject.subject = "Hello\r\nBcc: x@y.z";
  expect_refused(sample_envelope(), subject);
}

TEST(EmailMessage, RefusesWhatIsNotAnEmail) {
  EmailEnvelope envelope = sample_envelope();
  envelope.to[0].address = "not an address";
  EXPECT_FALSE(build_email(sample_document(), envelope).ok());
  envelope = sample_envelope();
  envelope.to.clear();
  EXPECT_FALSE(build_email(sample_document(), envelope).ok());
  RenderedDocument document = sample_document();
  document.subject.reset();
  auto message = build_email(document, sample_envelope());
  ASSERT_FALSE(message.ok());
  EXPECT_EQ(message.error().message,
            "an email needs a subject: start the template with a 'Subject: …' line");
}

TEST(MimeEncoding, EncodedWordsKeepWholeCharactersAndFold) {
  EXPECT_EQ(mime::header_text("plain ASCII"), "plain ASCII");
  const std::string long_text(40, 'x');
  const std::string encoded = mime::header_text(long_text + "ééééé");
  EXPECT_NE(encoded.find("\r\n =?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(mime::base64_lines("Man"), "TWFu\r\n");
  EXPECT_EQ(mime::base64_lines("Ma"), "TWE=\r\n");
  EXPECT_EQ(mime::quoted_printable("a=b é \n"), "a=3Db =C3=A9=20\r\n");
}

class InvoicePdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("dun-pdf-" + std::to_string(getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "snapshot/pdf");
    std::ofstream(root_ / "snapshot/pdf/I1.pdf") << "%PDF-1.4 I1";
    std::ofstream(root_ / "secret.txt") << "secret";
    std::filesystem::create_symlink(root_ / "secret.txt", root_ / "snapshot/pdf/escape.pdf");
    std::filesystem::create_symlink("I1.pdf", root_ / "snapshot/pdf/inside.pdf");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::string refusal(std::string_view relative) {
    auto read = read_invoice_pdf(root_ / "snapshot", relative);
    return read.ok() ? "read" : read.error().message;
  }
  std::filesystem::path root_;
};

TEST_F(InvoicePdfTest, ReadsAFileInsideTheSnapshot) {
  auto read = read_invoice_pdf(root_ / "snapshot", "pdf/I1.pdf");
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->filename, "I1.pdf");
  EXPECT_EQ(read->bytes, "%PDF-1.4 I1");
  EXPECT_EQ(refusal("pdf/inside.pdf"), "read");  // a link that stays inside is fine
}

TEST_F(InvoicePdfTest, RefusesEveryWayOut) {
  EXPECT_NE(refusal("../secret.txt").find("refused: it climbs out with '..'"), std::string::npos);
  EXPECT_NE(refusal("pdf/../../secret.txt").find("climbs out"), std::string::npos);
  EXPECT_NE(refusal((root_ / "secret.txt").string()).find("refused: it is an absolute path"),
            std::string::npos);
  EXPECT_NE(refusal("pdf/escape.pdf").find("a symbolic link leads outside the folder"),
            std::string::npos);
  EXPECT_NE(refusal("pdf/missing.pdf").find("cannot be read"), std::string::npos);
  EXPECT_NE(refusal("pdf").find("it is not a file"), std::string::npos);
}

TEST_F(InvoicePdfTest, PathsAreRelativeToTheFolderOfASqliteSnapshot) {
  EXPECT_EQ(snapshot_folder(root_ / "snapshot"), root_ / "snapshot");
  EXPECT_EQ(snapshot_folder(root_ / "snapshot/day.db"), root_ / "snapshot");
}

}  // namespace
}  // namespace dun
