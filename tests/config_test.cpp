#include "engine/base/config.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace dun {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& text) {
    const auto dir =
        std::filesystem::temp_directory_path() /
        ("dun-config-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
    const auto path = dir / "dun.toml";
    std::ofstream(path) << text;
    return path;
  }
  Currency code(std::string_view text) { return *Currency::from_code(text); }
};

TEST_F(ConfigTest, ReadsTheDataModelExample) {
  const auto path = write(R"([company]
name = "Our Company SAS"
address = "12 rue de la Paix\n75002 Paris\nFrance"
email = "ar@ourco.example"
iban = "FR76 3000 6000 0112 3456 7890 189"
language = "fr"
late_interest_rate = "ECB+10"
recovery_indemnity = "40 EUR"

[engine]
database = "state/dun.db"
snapshot = "snapshot/"
default_scenario = "standard_b2b"

[rates]
USD = 0.92
GBP = "1.17"

[adapters.email]
kind = "smtp"
host = "localhost"
port = 2525

[adapters.task]
kind = "agenda"
)");
  const auto config = load_config(path);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->company.name, "Our Company SAS");
  EXPECT_EQ(config->company.address, "12 rue de la Paix\n75002 Paris\nFrance");
  EXPECT_EQ(config->company.language, "fr");
  EXPECT_EQ(config->engine.default_scenario, "standard_b2b");
  EXPECT_EQ(config->engine.database, path.parent_path() / "state/dun.db");
  EXPECT_EQ(config->rates.convert(10000, code("USD"), code("EUR")), 9200);
  EXPECT_EQ(config->rates.convert(10000, code("GBP"), code("EUR")), 11700);
  EXPECT_EQ(config->adapters.at("email").kind, "smtp");
  EXPECT_EQ(config->adapters.at("email").settings.at("port"), "2525");
  EXPECT_EQ(config->adapters.at("task").kind, "agenda");
}

TEST_F(ConfigTest, DefaultsWhenSectionsAreAbsent) {
  const auto config = load_config(write(""));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->company.language, "en");
  EXPECT_EQ(format_money(config->company.recovery_indemnity), "40.00 EUR");
  EXPECT_EQ(config->engine.database.filename(), "dun.db");
  EXPECT_EQ(config->delivery.max_attempts, 5);
  EXPECT_EQ(config->delivery.backoff_seconds, 60);
}

TEST_F(ConfigTest, ReadsTheDeliveryPolicy) {
  const auto config = load_config(write("[delivery]\nmax_attempts = 3\nbackoff_seconds = 300\n"));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->delivery.max_attempts, 3);
  EXPECT_EQ(config->delivery.backoff_seconds, 300);
}

TEST_F(ConfigTest, ReadsTheSafetySettings) {
  const auto defaults = load_config(write(""));
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  EXPECT_EQ(defaults->store.lock_wait_seconds, 60);
  EXPECT_EQ(defaults->safety.max_date_skew_days, 7);
  EXPECT_EQ(defaults->delivery.pass_timeout_seconds, 1800);
  EXPECT_EQ(defaults->delivery.circuit_breaker_failures, 5);
  const auto config =
      load_config(write("[store]\nlock_wait_seconds = 0\n\n[safety]\nmax_date_skew_days = 30\n\n"
                        "[delivery]\npass_timeout_seconds = 600\ncircuit_breaker_failures = 3\n"));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->store.lock_wait_seconds, 0);
  EXPECT_EQ(config->safety.max_date_skew_days, 30);
  EXPECT_EQ(config->delivery.pass_timeout_seconds, 600);
  EXPECT_EQ(config->delivery.circuit_breaker_failures, 3);
}

TEST_F(ConfigTest, ReadsTheWorkspaceSettings) {
  const auto defaults = load_config(write("[company]\nname = \"x\"\n"));
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  EXPECT_EQ(defaults->serve.listen, "127.0.0.1:8080") << "loopback unless told otherwise";
  EXPECT_TRUE(defaults->serve.cert.empty());
  const auto config =
      load_config(write("[serve]\nlisten = \"0.0.0.0:8443\"\ncert = \"tls/cert.pem\"\n"
                        "key = \"tls/key.pem\"\nhook_secret = \"s3\"\n"));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->serve.listen, "0.0.0.0:8443");
  EXPECT_EQ(config->serve.cert.filename(), "cert.pem");
  EXPECT_TRUE(config->serve.cert.is_absolute()) << "resolved beside dun.toml";
  EXPECT_EQ(config->serve.hook_secret, "s3");
}

TEST_F(ConfigTest, ReadsTheSafetyAndSnapshotLimits) {
  const auto defaults = load_config(write("[company]\nname = \"x\"\n"));
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  EXPECT_DOUBLE_EQ(defaults->safety.max_close_share, 0.20);
  EXPECT_DOUBLE_EQ(defaults->safety.max_bad_share, 0.01);
  EXPECT_EQ(defaults->safety.min_active_sequences, 50);
  EXPECT_EQ(defaults->snapshot.max_field_lines, 16);
  EXPECT_EQ(defaults->snapshot.max_field_bytes, 65536);
  const auto config = load_config(
      write("[safety]\nmax_close_share = 0.5\nmax_bad_share = 0\nmin_active_sequences = 10\n"
            "[snapshot]\nmax_field_lines = 4\nmax_field_bytes = 1024\n"));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_DOUBLE_EQ(config->safety.max_close_share, 0.5);
  EXPECT_DOUBLE_EQ(config->safety.max_bad_share, 0.0);
  EXPECT_EQ(config->safety.min_active_sequences, 10);
  EXPECT_EQ(config->snapshot.max_field_lines, 4);
  EXPECT_EQ(config->snapshot.max_field_bytes, 1024);
}

TEST_F(ConfigTest, AFolderIsNotAConfigFile) {
  const auto folder = write("").parent_path();
  const auto config = load_config(folder);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message, folder.string() +
                                        ": is a folder, not a file (pass --config FILE, e.g. " +
                                        (folder / "dun.toml").string() + ")");
}

struct BadConfig {
  const char* text;
  const char* message;  // the expected message after "FILE:"
};

class BadConfigTest : public ConfigTest, public ::testing::WithParamInterface<BadConfig> {};

TEST_P(BadConfigTest, NamesTheLineAndSaysWhatToDo) {
  const auto path = write(GetParam().text);
  const auto config = load_config(path);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message, path.string() + ":" + GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Config, BadConfigTest,
    ::testing::Values(
        BadConfig{"[engine]\ndatabse = \"x.db\"\n",
                  "2:1: unknown key 'databse' in [engine]; did you mean 'database'?"},
        BadConfig{"[compnay]\nname = \"x\"\n",
                  "1:2: unknown section or key 'compnay'; did you mean [company]?"},
        BadConfig{"[rates]\nUSX = 0.92\n",
                  "2:7: [rates] 'USX' is not an ISO 4217 currency code (like USD = 0.92)"},
        BadConfig{"[rates]\nUSD = -1.0\n", "2:7: [rates] USD: rate '-1' must be positive"},
        BadConfig{"[rates]\nUSD = true\n", "2:7: [rates] USD must be a number like 0.92"},
        BadConfig{"[engine]\ndatabase = 3\n", "2:12: 'database' must be a string in quotes"},
        BadConfig{"[company]\nrecovery_indemnity = \"forty\"\n",
                  "2:22: recovery_indemnity: 'forty' is not an amount of money (expected like "
                  "40 EUR)"},
        BadConfig{"[adapters.email]\nhost = \"x\"\n",
                  "1:1: [adapters.email] needs a kind (e.g. kind = \"outbox\")"},
        BadConfig{"[delivery]\nmax_attempts = 0\n",
                  "2:16: [delivery] max_attempts must be a whole number from 1 to 100 (e.g. "
                  "max_attempts = 5)"},
        BadConfig{"[delivery]\nbackoff_seconds = \"60\"\n",
                  "2:19: [delivery] backoff_seconds must be a whole number from 1 to 86400 (e.g. "
                  "backoff_seconds = 60)"},
        // A float too large for an integer is refused, never converted (the config fuzzer's
        // `port = 25E25` was undefined behaviour under UBSan).
        BadConfig{"[adapters.email]\nkind = \"smtp\"\nport = 25E25\n",
                  "3:8: [adapters.email] port must be a string, a whole number or true/false"},
        BadConfig{"[delivery]\nmax_attempts = 5E25\n",
                  "2:16: [delivery] max_attempts must be a whole number from 1 to 100 (e.g. "
                  "max_attempts = 5)"},
        BadConfig{"[delivery]\nmax_attempt = 3\n",
                  "2:1: unknown key 'max_attempt' in [delivery]; did you mean 'max_attempts'?"},
        BadConfig{"[store]\nlock_wait_seconds = -1\n",
                  "2:21: [store] lock_wait_seconds must be a whole number from 0 to 86400 (e.g. "
                  "lock_wait_seconds = 60)"},
        BadConfig{"[store]\nlock_wait_second = 5\n",
                  "2:1: unknown key 'lock_wait_second' in [store]; did you mean "
                  "'lock_wait_seconds'?"},
        BadConfig{"[safety]\nmax_date_skew_days = 1.5\n",
                  "2:22: [safety] max_date_skew_days must be a whole number from 0 to 36500 (e.g. "
                  "max_date_skew_days = 7)"},
        BadConfig{"[delivery]\npass_timeout_seconds = 0\n",
                  "2:24: [delivery] pass_timeout_seconds must be a whole number from 1 to 86400 "
                  "(e.g. pass_timeout_seconds = 1800)"},
        BadConfig{"[serve]\ncert = \"cert.pem\"\n",
                  "1:1: [serve] needs both cert and key for HTTPS (or neither)"},
        BadConfig{"[serve]\nlistn = \"127.0.0.1:80\"\n",
                  "2:1: unknown key 'listn' in [serve]; did you mean 'listen'?"},
        BadConfig{"[safety]\nmax_close_share = 20\n",
                  "2:19: [safety] max_close_share must be a share from 0 to 1 (e.g. "
                  "max_close_share = 0.2 for 20 %)"},
        BadConfig{"[safety]\nmax_bad_share = \"1%\"\n",
                  "2:17: [safety] max_bad_share must be a share from 0 to 1 (e.g. "
                  "max_bad_share = 0.01 for 1 %)"},
        BadConfig{"[safety]\nmax_close_shares = 0.2\n",
                  "2:1: unknown key 'max_close_shares' in [safety]; did you mean "
                  "'max_close_share'?"},
        BadConfig{"[snapshot]\nmax_field_bytes = 0\n",
                  "2:19: [snapshot] max_field_bytes must be a whole number from 1 to 1073741824 "
                  "(e.g. max_field_bytes = 65536)"},
        BadConfig{"[engine\n", "1:8: Error while parsing table header: expected ']', saw '\\n'"}));

TEST_F(ConfigTest, AMissingFileSaysHowToPassOne) {
  const auto config = load_config("/nonexistent/dun.toml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message,
            "/nonexistent/dun.toml: no such file (pass --config FILE, or create ./dun.toml)");
}

}  // namespace
}  // namespace dun
