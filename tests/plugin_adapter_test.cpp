// kind = "plugin" (adapters/plugin/plugin_adapter.hpp): loading real shared libraries through a
// real dun.toml — the example spool plugin writing real documents, a probe plugin that answers
// as its settings say, a probe built for another ABI version, a library that is no plugin.
#include "adapters/plugin/plugin_adapter.hpp"

#include "adapters/plugin/dun_adapter.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "documents/letter_pdf.hpp"
#include "engine/base/config.hpp"
#include "engine/base/temp_folder.hpp"
#include "tests/example_action.hpp"
#include "tests/letter_sample.hpp"

namespace dun::adapters {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The file a system library is loaded from (libm.so.6 → /lib/x86_64-linux-gnu/libm.so.6), found
// through one of its symbols so the test needs no knowledge of the machine's library folders.
std::string file_of_library(const char* soname, const char* symbol) {
  void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) return "";
  std::string file;
  Dl_info info{};
  if (void* address = dlsym(handle, symbol);
      address != nullptr && dladdr(address, &info) != 0 && info.dli_fname != nullptr) {
    file = info.dli_fname;
  }
  dlclose(handle);
  return file;
}

// data-model.md's example action: an automatic first reminder by email.
Action email_action() { return test::data_model_example_action(); }

OutgoingDocument email_document() {
  OutgoingDocument document;
  document.content_type = std::string(kEmailContentType);
  document.bytes =
      "From: Our Company SAS <ar@ourco.example>\r\nTo: ap@client.example\r\n"
      "Cc: anna@ourco.example\r\nSubject: =?UTF-8?Q?Relance_=E2=80=94_INV-1001?=\r\n"
      "Message-ID: "
      "<4c1131c6ba6370326dc71f697e0555c5@ourco.example>\r\n\r\nBonjour,\r\n\"citation\"\r\n";
  document.envelope_from = "ar@ourco.example";
  document.envelope_to = {"ap@client.example", "anna@ourco.example"};
  return document;
}

Action letter_action() {
  Action action = email_action();
  action.id = "7f3a9c1e00aa";
  action.step = "formal_notice";
  action.channel = Channel::letter;
  action.letter_type = LetterType::registered;
  action.to.clear();
  action.copy.clear();
  return action;
}

OutgoingDocument letter_document() {
  const LetterInfo info = test::formal_notice_info();
  auto pdf = render_letter_pdf(test::formal_notice(3), info);
  EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().message);
  OutgoingDocument document;
  document.content_type = std::string(kLetterContentType);
  document.bytes = pdf.ok() ? pdf.value() : std::string();
  document.recipient = info.recipient;
  document.recipient_country = "FR";
  document.sender = info.sender;
  return document;
}

class PluginAdapterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto folder = make_temp_folder("dun-plugin-test");
    ASSERT_TRUE(folder.ok()) << folder.error().message;
    folder_ = folder.value();
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(folder_);
  }

  // Writes dun.toml with `table` under [adapters.letter] and makes its adapter.
  Result<std::unique_ptr<Adapter>> load(const std::string& table) {
    const fs::path file = folder_ / "dun.toml";
    std::ofstream(file) << "[adapters.letter]\n" << table;
    auto config = load_config(file);
    if (!config) return config.error();
    config_ = std::move(config.value());
    return make_plugin_adapter(AdapterSettings(config_.adapters.at("letter")));
  }

  std::unique_ptr<Adapter> load_ok(const std::string& table) {
    auto adapter = load(table);
    EXPECT_TRUE(adapter.ok()) << (adapter.ok() ? "" : adapter.error().message);
    return adapter.ok() ? std::move(adapter.value()) : nullptr;
  }

  std::string load_error(const std::string& table) {
    auto adapter = load(table);
    EXPECT_FALSE(adapter.ok());
    return adapter.ok() ? "" : adapter.error().message;
  }

  static std::string plugin_line(const char* library) {
    return "kind = \"plugin\"\npath = \"" + std::string(library) + "\"\n";
  }

  fs::path folder_;
  Config config_;
};

TEST_F(PluginAdapterTest, SpoolPluginWritesTheEmailAndItsSidecar) {
  auto adapter = load_ok(plugin_line(DUN_EXAMPLE_PLUGIN) + "dir = \"out/spool\"\n");
  ASSERT_NE(adapter, nullptr);
  EXPECT_EQ(adapter->kind(), "plugin");
  const OutgoingDocument document = email_document();

  const DeliveryReport report = adapter->deliver(email_action(), document);

  const fs::path spool = folder_ / "out" / "spool";  // relative to dun.toml's folder
  ASSERT_EQ(report.outcome, DeliveryOutcome::sent) << report.error;
  EXPECT_EQ(report.provider_ref, (spool / "4c1131c6ba6370326dc71f697e0555c5.eml").string());
  EXPECT_TRUE(report.error.empty());
  EXPECT_EQ(read_file(spool / "4c1131c6ba6370326dc71f697e0555c5.eml"), document.bytes);
  const auto sidecar =
      nlohmann::json::parse(read_file(spool / "4c1131c6ba6370326dc71f697e0555c5.json"));
  EXPECT_EQ(sidecar["id"], "4c1131c6ba6370326dc71f697e0555c5");
  EXPECT_EQ(sidecar["date"], "2026-11-22");
  EXPECT_EQ(sidecar["scenario"], "standard_b2b");
  EXPECT_EQ(sidecar["step"], "first");
  EXPECT_EQ(sidecar["channel"], "email");
  EXPECT_TRUE(sidecar["letter_type"].is_null());
  EXPECT_EQ(sidecar["mode"], "auto");
  EXPECT_EQ(sidecar["customer"], "C0042");
  EXPECT_EQ(sidecar["invoices"], nlohmann::json({"INV-1001", "INV-1007"}));
  EXPECT_EQ(sidecar["template"], "first_reminder");
  EXPECT_EQ(sidecar["language"], "fr");
  EXPECT_EQ(sidecar["to"], "ap@client.example");
  EXPECT_EQ(sidecar["copy"], nlohmann::json({"anna@ourco.example"}));
  EXPECT_EQ(sidecar["document"]["file"], "4c1131c6ba6370326dc71f697e0555c5.eml");
  EXPECT_EQ(sidecar["document"]["content_type"], "message/rfc822");
  EXPECT_EQ(sidecar["document"]["size"], document.bytes.size());
  EXPECT_EQ(sidecar["document"]["envelope_from"], "ar@ourco.example");
  EXPECT_EQ(sidecar["document"]["envelope_to"],
            nlohmann::json({"ap@client.example", "anna@ourco.example"}));
}

TEST_F(PluginAdapterTest, SpoolPluginWritesTheLetterPdfWithItsAddresses) {
  auto adapter = load_ok(plugin_line(DUN_EXAMPLE_PLUGIN) + "dir = \"" +
                         (folder_ / "letters").string() + "\"\nfsync = false\n");
  ASSERT_NE(adapter, nullptr);
  const OutgoingDocument document = letter_document();
  ASSERT_GT(document.bytes.size(), 1000u);

  const DeliveryReport report = adapter->deliver(letter_action(), document);

  ASSERT_EQ(report.outcome, DeliveryOutcome::sent) << report.error;
  const std::string written = read_file(folder_ / "letters" / "7f3a9c1e00aa.pdf");
  EXPECT_EQ(written, document.bytes);  // every byte, NULs included
  EXPECT_EQ(written.substr(0, 5), "%PDF-");
  const auto sidecar = nlohmann::json::parse(read_file(folder_ / "letters" / "7f3a9c1e00aa.json"));
  EXPECT_EQ(sidecar["channel"], "letter");
  EXPECT_EQ(sidecar["letter_type"], "registered");
  EXPECT_EQ(sidecar["copy"], nlohmann::json::array());
  const auto& recipient = sidecar["document"]["recipient"];
  EXPECT_EQ(recipient["name"], "Boulangerie Martin SARL");
  EXPECT_EQ(
      recipient["address_lines"],
      nlohmann::json({"Service comptabilité", "8 avenue Jean Jaurès", "69007 Lyon", "France"}));
  EXPECT_EQ(recipient["country"], "FR");
  EXPECT_EQ(sidecar["document"]["sender"]["name"], "Our Company SAS");
}

TEST_F(PluginAdapterTest, SpoolPluginRetryRewritesTheSameFiles) {
  auto adapter = load_ok(plugin_line(DUN_EXAMPLE_PLUGIN) + "dir = \"spool\"\n");
  ASSERT_NE(adapter, nullptr);
  for (int attempt = 0; attempt < 3; ++attempt) {
    ASSERT_EQ(adapter->deliver(email_action(), email_document()).outcome, DeliveryOutcome::sent);
  }
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder_ / "spool")) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  // No temporary file left, no second copy.
  EXPECT_EQ(names, (std::vector<std::string>{"4c1131c6ba6370326dc71f697e0555c5.eml",
                                             "4c1131c6ba6370326dc71f697e0555c5.json"}));
}

TEST_F(PluginAdapterTest, SpoolPluginFailsWhenItsFolderCannotBeMadeAndChecksSay) {
  std::ofstream(folder_ / "taken") << "a file where the spool folder should be";
  auto adapter = load_ok(plugin_line(DUN_EXAMPLE_PLUGIN) + "dir = \"taken/spool\"\n");
  ASSERT_NE(adapter, nullptr);

  const DeliveryReport report = adapter->deliver(email_action(), email_document());
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_NE(report.error.find("taken"), std::string::npos) << report.error;
  EXPECT_NE(report.error.find("Not a directory"), std::string::npos) << report.error;

  const CheckReport check = adapter->check();
  EXPECT_FALSE(check.connected);
  EXPECT_NE(check.detail.find("plugin \"spool\""), std::string::npos) << check.detail;
  EXPECT_NE(check.detail.find("Not a directory"), std::string::npos) << check.detail;
}

TEST_F(PluginAdapterTest, SpoolPluginCheckWritesAProbeAndSaysConnected) {
  auto adapter = load_ok(plugin_line(DUN_EXAMPLE_PLUGIN) + "dir = \"spool\"\n");
  ASSERT_NE(adapter, nullptr);
  const CheckReport check = adapter->check();
  EXPECT_TRUE(check.connected) << check.detail;
  EXPECT_NE(check.detail.find("spool folder " + (folder_ / "spool").string() + " is writable"),
            std::string::npos)
      << check.detail;
  EXPECT_NE(check.detail.find(DUN_EXAMPLE_PLUGIN), std::string::npos) << check.detail;
  EXPECT_TRUE(fs::is_empty(folder_ / "spool"));  // the probe is removed
}

TEST_F(PluginAdapterTest, SpoolPluginRejectsADocumentItDoesNotTake) {
  auto adapter = load_ok(plugin_line(DUN_EXAMPLE_PLUGIN) + "dir = \"spool\"\n");
  ASSERT_NE(adapter, nullptr);
  OutgoingDocument document = email_document();
  document.content_type = "text/plain";
  const DeliveryReport report = adapter->deliver(email_action(), document);
  EXPECT_EQ(report.outcome, DeliveryOutcome::rejected);
  EXPECT_NE(report.error.find("text/plain"), std::string::npos) << report.error;
}

TEST_F(PluginAdapterTest, SpoolPluginRejectsAnIdThatWouldLeaveItsFolder) {
  auto adapter = load_ok(plugin_line(DUN_EXAMPLE_PLUGIN) + "dir = \"spool\"\n");
  ASSERT_NE(adapter, nullptr);
  Action action = email_action();
  action.id = "../escaped";
  const DeliveryReport report = adapter->deliver(action, email_document());
  EXPECT_EQ(report.outcome, DeliveryOutcome::rejected);
  EXPECT_NE(report.error.find("cannot name a file"), std::string::npos) << report.error;
  EXPECT_FALSE(fs::exists(folder_ / "escaped.eml"));
  EXPECT_FALSE(fs::exists(folder_ / "spool"));  // nothing written at all
}

TEST_F(PluginAdapterTest, SpoolPluginSettingErrorsNameTheirDunTomlLine) {
  const std::string unknown =
      load_error(plugin_line(DUN_EXAMPLE_PLUGIN) + "dir = \"spool\"\nfolder = \"x\"\n");
  EXPECT_NE(unknown.find("dun.toml:5:10: [adapters.letter] folder: plugin \"spool\": unknown"),
            std::string::npos)
      << unknown;
  const std::string missing = load_error(plugin_line(DUN_EXAMPLE_PLUGIN));
  EXPECT_NE(missing.find("dun.toml:1:1: [adapters.letter] plugin \"spool\": needs dir (e.g. dir"),
            std::string::npos)
      << missing;
  const std::string bad_bool =
      load_error(plugin_line(DUN_EXAMPLE_PLUGIN) + "dir = \"spool\"\nfsync = \"sometimes\"\n");
  EXPECT_NE(bad_bool.find("dun.toml:5:9: [adapters.letter] fsync: plugin \"spool\": must be true"),
            std::string::npos)
      << bad_bool;
}

TEST_F(PluginAdapterTest, SettingsButKindAndPathReachThePluginWithTheConfigFolder) {
  auto adapter =
      load_ok(plugin_line(DUN_PROBE_PLUGIN) + "account = \"acme\"\nretries = 3\nsandbox = true\n");
  ASSERT_NE(adapter, nullptr);
  const CheckReport check = adapter->check();
  EXPECT_TRUE(check.connected);
  // Sorted by key (the table's order is not kept), numbers and booleans as their TOML text.
  EXPECT_NE(check.detail.find(": account=acme;retries=3;sandbox=true;|" +
                              fs::absolute(folder_).lexically_normal().string()),
            std::string::npos)
      << check.detail;
}

TEST_F(PluginAdapterTest, OutcomeCodesMapToDeliveryOutcomes) {
  const std::pair<int, DeliveryOutcome> cases[] = {{0, DeliveryOutcome::sent},
                                                   {1, DeliveryOutcome::failed},
                                                   {2, DeliveryOutcome::rejected},
                                                   {3, DeliveryOutcome::uncertain}};
  for (const auto& [code, outcome] : cases) {
    auto adapter = load_ok(plugin_line(DUN_PROBE_PLUGIN) + "outcome = " + std::to_string(code) +
                           "\nerror = \"provider said no\"\n");
    ASSERT_NE(adapter, nullptr);
    const DeliveryReport report = adapter->deliver(email_action(), email_document());
    EXPECT_EQ(report.outcome, outcome) << code;
    // The views reached the plugin: it echoes the action id, content type and size.
    EXPECT_EQ(report.provider_ref, "4c1131c6ba6370326dc71f697e0555c5/message/rfc822/" +
                                       std::to_string(email_document().bytes.size()));
    EXPECT_EQ(report.error, code == 0 ? "" : "provider said no") << code;
  }
}

TEST_F(PluginAdapterTest, AnUnknownOutcomeCodeIsAFailureThatSaysSo) {
  auto adapter = load_ok(plugin_line(DUN_PROBE_PLUGIN) + "outcome = 7\nerror = \"half done\"\n");
  ASSERT_NE(adapter, nullptr);
  const DeliveryReport report = adapter->deliver(email_action(), email_document());
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_EQ(report.error,
            "plugin \"probe\" returned the unknown outcome code 7 (sent 0, failed 1, rejected 2, "
            "uncertain 3): treated as failed; its message: half done");
}

TEST_F(PluginAdapterTest, AFailureWithoutAReasonGetsOne) {
  auto adapter = load_ok(plugin_line(DUN_PROBE_PLUGIN) + "outcome = 1\n");
  ASSERT_NE(adapter, nullptr);
  EXPECT_EQ(adapter->deliver(email_action(), email_document()).error,
            "plugin \"probe\" gave no reason");
}

TEST_F(PluginAdapterTest, ABufferFilledWithoutANulIsCutAtItsSize) {
  auto adapter = load_ok(plugin_line(DUN_PROBE_PLUGIN) + "outcome = 1\nfill_error = true\n");
  ASSERT_NE(adapter, nullptr);
  const DeliveryReport report = adapter->deliver(email_action(), email_document());
  EXPECT_EQ(report.error, std::string(DUN_ADAPTER_TEXT_SIZE - 1, 'x'));
}

TEST_F(PluginAdapterTest, CheckReportsNotConnected) {
  auto adapter = load_ok(plugin_line(DUN_PROBE_PLUGIN) + "connected = false\n");
  ASSERT_NE(adapter, nullptr);
  EXPECT_FALSE(adapter->check().connected);
}

TEST_F(PluginAdapterTest, DestroyingTheAdapterDestroysThePluginInstance) {
  const fs::path marker = folder_ / "destroyed";
  auto adapter =
      load_ok(plugin_line(DUN_PROBE_PLUGIN) + "destroy_marker = \"" + marker.string() + "\"\n");
  ASSERT_NE(adapter, nullptr);
  EXPECT_FALSE(fs::exists(marker));
  adapter.reset();
  EXPECT_TRUE(fs::exists(marker));
}

TEST_F(PluginAdapterTest, ASettingThePluginRefusesNamesItsLine) {
  const std::string named =
      load_error(plugin_line(DUN_PROBE_PLUGIN) + "colour = \"mauve\"\nrefuse = \"colour\"\n");
  EXPECT_NE(named.find("dun.toml:4:10: [adapters.letter] colour: plugin \"probe\": refused as "
                       "asked"),
            std::string::npos)
      << named;
  const std::string silent = load_error(plugin_line(DUN_PROBE_PLUGIN) + "refuse_silently = 1\n");
  EXPECT_NE(silent.find("dun.toml:1:1: [adapters.letter] plugin \"probe\": refused its settings "
                        "without saying why"),
            std::string::npos)
      << silent;
}

TEST_F(PluginAdapterTest, AMissingPathIsAnErrorAtTheTable) {
  const std::string message = load_error("kind = \"plugin\"\ndir = \"spool\"\n");
  EXPECT_NE(message.find("dun.toml:1:1: [adapters.letter] kind \"plugin\" needs path (e.g. path = "
                         "\"plugins/libdun_example.so\")"),
            std::string::npos)
      << message;
}

TEST_F(PluginAdapterTest, AMissingFileNamesThePathLineAndTheResolvedFile) {
  const std::string message = load_error(plugin_line("plugins/libnothing.so"));
  EXPECT_NE(message.find("dun.toml:3:8: [adapters.letter] path: plugin file not found: " +
                         (fs::absolute(folder_) / "plugins" / "libnothing.so").string()),
            std::string::npos)
      << message;
}

TEST_F(PluginAdapterTest, ALibraryWithoutTheEntryIsNotADunPlugin) {
  const std::string libm = file_of_library("libm.so.6", "cos");
  ASSERT_FALSE(libm.empty());
  const std::string message = load_error(plugin_line(libm.c_str()));
  EXPECT_NE(message.find("dun.toml:3:8: [adapters.letter] path: " + libm +
                         " is not a dun adapter plugin: it exports no dun_adapter_entry"),
            std::string::npos)
      << message;
}

TEST_F(PluginAdapterTest, AFileThatIsNoLibraryCannotBeLoaded) {
  std::ofstream(folder_ / "notes.so") << "not an ELF file\n";
  const std::string message = load_error(plugin_line("notes.so"));
  EXPECT_NE(
      message.find("path: cannot load plugin " + (fs::absolute(folder_) / "notes.so").string()),
      std::string::npos)
      << message;
  EXPECT_NE(message.find("dun_adapter.h"), std::string::npos) << message;
}

TEST_F(PluginAdapterTest, AnotherAbiVersionIsRefusedNamingBothVersions) {
  const std::string message = load_error(plugin_line(DUN_PROBE_PLUGIN_ABI99));
  EXPECT_NE(
      message.find("dun.toml:3:8: [adapters.letter] path: " + std::string(DUN_PROBE_PLUGIN_ABI99) +
                   " was built for dun adapter ABI version 99, but this dun loads version "
                   "1: rebuild the plugin against this dun's adapters/plugin/dun_adapter.h"),
      std::string::npos)
      << message;
}

}  // namespace
}  // namespace dun::adapters
