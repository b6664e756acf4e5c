// dun.toml (data-model.md, "Configuration"): read once per command, with every mistake reported
// as `FILE:LINE:COL: message` and what to do. Relative paths in the file are resolved against the
// file's own folder, so a command run from elsewhere finds the same snapshot and database.
// Command-line flags override the file; that happens in the CLI, after loading.
//
// A Config is a plain value that owns all it holds; once loaded it is not changed, so several
// threads may read it. Whatever is built from it keeps pointers into it (RunOptions::config,
// DayInputs' rates, a DocumentRenderer): the Config must outlive them. load_config reads only its
// file and may run on any thread.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/letter_layout.hpp"
#include "stdlib/custom_field.hpp"
#include "stdlib/late_interest.hpp"
#include "stdlib/money.hpp"
#include "stdlib/result.hpp"

namespace dun {

struct CompanyConfig {
  std::string name;
  std::string address;
  std::string email;
  std::string phone;
  std::string iban;
  std::string bic;  // the bank's BIC (SWIFT code), printed beside the IBAN
  std::filesystem::path logo;
  std::string language = "en";                      // default template language
  Currency currency = *Currency::from_code("EUR");  // base currency of [rates]
  // Parsed once here; every evaluation and document uses this one.
  LateInterestRate late_interest_rate = *LateInterestRate::parse("ECB+10");
  Money recovery_indemnity = default_recovery_indemnity();
};

struct EngineConfig {
  std::filesystem::path database = "dun.db";
  std::filesystem::path snapshot = "snapshot";
  std::filesystem::path scenarios = "scenarios";
  std::filesystem::path templates = "templates";
  std::string default_scenario;  // empty: customers without a scenario get no follow-up
};

// Where a value was written in dun.toml, so that an adapter's complaint about it names the line.
struct ConfigPosition {
  int line = 0;  // 0: not from a file (a default)
  int column = 0;
};

// One [adapters.NAME] table: its kind and its other settings as text, for the adapter to read
// (adapters/adapter_settings.hpp gives typed access with errors that name the dun.toml line).
struct AdapterConfig {
  std::string name;  // "email", "letter", "task", …: the NAME of [adapters.NAME]
  std::string kind;
  std::map<std::string, std::string> settings;
  std::filesystem::path file;                   // the dun.toml it came from (empty: none)
  ConfigPosition position;                      // of the [adapters.NAME] header
  ConfigPosition kind_position;                 // of `kind = …`
  std::map<std::string, ConfigPosition> where;  // of each setting
};

// [delivery] (docs/delivery.md): how often and how patiently an action is retried. After a failed
// or unknown outcome the next attempt is due backoff_seconds × 2^(attempts − 1) later (at most a
// day); after max_attempts attempts the action is failed for good.
// pass_timeout_seconds bounds one whole pass (what is not attempted by then waits for the next
// pass); after circuit_breaker_failures attempts in a row of one adapter end without reaching its
// server (no connection, a timeout), the pass stops using that adapter.
struct DeliveryConfig {
  int max_attempts = 5;
  int backoff_seconds = 60;
  int pass_timeout_seconds = 1800;
  int circuit_breaker_failures = 5;
};

// [store] (docs/reliability.md): how long a command that changes the state store waits for
// another that is changing it (engine/store/store_lock.hpp) before it gives up.
struct StoreConfig {
  int lock_wait_seconds = 60;
};

// [serve] (docs/workspace.md): where `dun serve` listens, its TLS certificate and key (both or
// neither: HTTPS when set), and the shared secret the providers' webhooks sign with (empty: the
// webhooks are off). The secret may also come from DUN_HOOK_SECRET, which wins.
struct ServeConfig {
  std::string listen = "127.0.0.1:8080";
  std::filesystem::path cert;
  std::filesystem::path key;
  std::string hook_secret;
};

// [safety] (docs/reliability.md). `dun run --date D` with D further than max_date_skew_days
// ahead needs --allow-date (a typo in a date must not move the store years ahead). The snapshot
// sanity gate of `dun run`: A run on a store that
// follows active sequences stops, commits nothing, and names `--accept-snapshot` when the new
// snapshot would close more than max_close_share of them, quarantines more than max_bad_share of
// its rows, or holds no invoice at all. The two shares are judged only once the store follows at
// least min_active_sequences sequences: a share of a handful says nothing.
struct SafetyConfig {
  double max_close_share = 0.20;
  double max_bad_share = 0.01;
  int min_active_sequences = 50;
  int max_date_skew_days = 7;
};

// [snapshot] (docs/reliability.md): what a snapshot row may hold before it is a bad row.
struct SnapshotConfig {
  int max_field_lines = 16;         // line breaks a quoted CSV field may run over
  int max_field_bytes = 64 * 1024;  // bytes of any one value (CSV field or SQLite cell)
};

struct Config {
  std::filesystem::path file;  // empty when no file was read (the defaults)
  CompanyConfig company;
  EngineConfig engine;
  RateTable rates{*Currency::from_code("EUR")};
  std::map<std::string, AdapterConfig> adapters;  // "email", "letter", "task"
  LetterLayout letters;                           // [letters]: window envelope positions
  DeliveryConfig delivery;
  StoreConfig store;
  SafetyConfig safety;
  SnapshotConfig snapshot;
  ServeConfig serve;
  // [fields]: the custom fields (data-model.md), in the order dun.toml lists them. That order is
  // the order of the portfolio's custom columns and of the field table's custom entries.
  std::vector<CustomFieldDeclaration> fields;
};

// Reads `path`. Unknown sections and keys are errors with a "did you mean" where one is close:
// a typo in a config file must not silently fall back to a default.
Result<Config> load_config(const std::filesystem::path& path);
// `--config FILE` when given, else ./dun.toml when present, else the defaults.
Result<Config> load_config_or_default(const std::optional<std::filesystem::path>& explicit_path);

}  // namespace dun
