#include "engine/base/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <sstream>

#include "engine/base/config_fields.hpp"
#include "engine/base/config_letters.hpp"
#include "stdlib/suggest.hpp"

namespace dun {
namespace {

// Collects the first error with its position; later code checks `failed()` once per section.
class ConfigReader {
 public:
  explicit ConfigReader(std::filesystem::path file) : file_(std::move(file)) {}

  bool failed() const { return error_.has_value(); }
  const std::filesystem::path& file() const { return file_; }
  Error error() const { return *error_; }

  void fail(const toml::source_region& where, const std::string& message) {
    if (error_) return;
    std::ostringstream text;
    text << file_.string() << ":" << where.begin.line << ":" << where.begin.column << ": "
         << message;
    error_ = Error{text.str()};
  }

  // Rejects keys of `table` not in `known`, suggesting the closest.
  void check_keys(const toml::table& table, std::string_view section,
                  std::span<const std::string_view> known) {
    for (const auto& [key, node] : table) {
      if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
      std::string message =
          "unknown key '" + std::string(key.str()) + "' in [" + std::string(section) + "]";
      if (auto close = closest_match(key.str(), known))
        message += "; did you mean '" + *close + "'?";
      fail(key.source(), message);
    }
  }

  std::optional<std::string> string(const toml::table& table, std::string_view key) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    if (auto value = node->value<std::string>(); value && node->is_string()) return *value;
    fail(node->source(), "'" + std::string(key) + "' must be a string in quotes");
    return std::nullopt;
  }

  void read_string(const toml::table& table, std::string_view key, std::string& out) {
    if (auto value = string(table, key)) out = *value;
  }
  void read_path(const toml::table& table, std::string_view key, std::filesystem::path& out) {
    if (auto value = string(table, key)) out = resolve(*value);
  }

  std::filesystem::path resolve(const std::string& value) const {
    const std::filesystem::path path(value);
    if (path.is_absolute() || file_.empty()) return path;
    return (file_.parent_path() / path).lexically_normal();
  }

 private:
  std::filesystem::path file_;
  std::optional<Error> error_;
};

constexpr std::string_view kSections[] = {"company",  "engine",   "rates", "adapters",
                                          "letters",  "delivery", "store", "safety",
                                          "snapshot", "serve",    "fields"};
constexpr std::string_view kServeKeys[] = {"listen", "cert", "key", "hook_secret"};
constexpr std::string_view kCompanyKeys[] = {"name",
                                             "address",
                                             "email",
                                             "phone",
                                             "iban",
                                             "bic",
                                             "logo",
                                             "language",
                                             "currency",
                                             "late_interest_rate",
                                             "recovery_indemnity"};
constexpr std::string_view kEngineKeys[] = {"database", "snapshot", "scenarios", "templates",
                                            "default_scenario"};

void read_company(ConfigReader& reader, const toml::table& table, CompanyConfig& company) {
  reader.check_keys(table, "company", kCompanyKeys);
  reader.read_string(table, "name", company.name);
  reader.read_string(table, "address", company.address);
  reader.read_string(table, "email", company.email);
  reader.read_string(table, "phone", company.phone);
  reader.read_string(table, "iban", company.iban);
  reader.read_string(table, "bic", company.bic);
  if (auto logo = reader.string(table, "logo")) {
    if (auto problem = logo_path_problem(reader.file(), *logo)) {
      reader.fail(table.get("logo")->source(), *problem);
    }
    company.logo = reader.resolve(*logo);
  }
  reader.read_string(table, "language", company.language);
  if (auto code = reader.string(table, "currency")) {
    if (auto currency = Currency::from_code(*code)) {
      company.currency = *currency;
    } else {
      reader.fail(table.get("currency")->source(),
                  "currency '" + *code + "' is not an ISO 4217 code (like \"EUR\")");
    }
  }
  if (auto rate = reader.string(table, "late_interest_rate")) {
    if (auto parsed = LateInterestRate::parse(*rate); !parsed.ok()) {
      reader.fail(table.get("late_interest_rate")->source(),
                  "late_interest_rate: " + parsed.error().message +
                      " (write \"ECB+10\" or a yearly percentage like \"12.5\")");
    } else {
      company.late_interest_rate = std::move(parsed).value();
    }
  }
  if (auto indemnity = reader.string(table, "recovery_indemnity")) {
    if (auto parsed = parse_recovery_indemnity(*indemnity)) {
      company.recovery_indemnity = *parsed;
    } else {
      reader.fail(table.get("recovery_indemnity")->source(), parsed.error().message);
    }
  }
}

void read_engine(ConfigReader& reader, const toml::table& table, EngineConfig& engine) {
  reader.check_keys(table, "engine", kEngineKeys);
  reader.read_path(table, "database", engine.database);
  reader.read_path(table, "snapshot", engine.snapshot);
  reader.read_path(table, "scenarios", engine.scenarios);
  reader.read_path(table, "templates", engine.templates);
  reader.read_string(table, "default_scenario", engine.default_scenario);
}

void read_serve(ConfigReader& reader, const toml::table& table, ServeConfig& serve) {
  reader.check_keys(table, "serve", kServeKeys);
  reader.read_string(table, "listen", serve.listen);
  reader.read_path(table, "cert", serve.cert);
  reader.read_path(table, "key", serve.key);
  reader.read_string(table, "hook_secret", serve.hook_secret);
  if (serve.cert.empty() != serve.key.empty()) {
    reader.fail(table.source(), "[serve] needs both cert and key for HTTPS (or neither)");
  }
}

// A rate is written as a TOML number (0.92) or a string ("0.92"). Numbers arrive as doubles:
// their shortest round-trip text is the decimal the user wrote, which is then parsed exactly.
void read_rates(ConfigReader& reader, const toml::table& table, RateTable& rates) {
  for (const auto& [key, node] : table) {
    const auto currency = Currency::from_code(key.str());
    if (!currency) {
      reader.fail(node.source(), "[rates] '" + std::string(key.str()) +
                                     "' is not an ISO 4217 currency code (like USD = 0.92)");
      continue;
    }
    std::string text;
    if (auto number = node.value<double>();
        number && (node.is_floating_point() || node.is_integer())) {
      char buffer[64];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, *number);
      text.assign(buffer, result.ptr);
    } else if (auto quoted = node.value<std::string>()) {
      text = *quoted;
    } else {
      reader.fail(node.source(),
                  "[rates] " + std::string(key.str()) + " must be a number like 0.92");
      continue;
    }
    if (auto set = rates.set(*currency, text); !set.ok()) {
      reader.fail(node.source(), "[rates] " + std::string(key.str()) + ": " + set.error().message);
    }
  }
}

constexpr std::string_view kDeliveryKeys[] = {"max_attempts", "backoff_seconds",
                                              "pass_timeout_seconds", "circuit_breaker_failures"};
constexpr std::string_view kStoreKeys[] = {"lock_wait_seconds"};

// A whole number within [min, max], or an error at its line saying what to write.
void read_bounded_integer(ConfigReader& reader, const toml::table& table, std::string_view section,
                          std::string_view key, int min, int max, std::string_view example,
                          int& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return;
  const auto value = node->value_exact<std::int64_t>();
  if (!node->is_integer() || !value || *value < min || *value > max) {
    reader.fail(node->source(), "[" + std::string(section) + "] " + std::string(key) +
                                    " must be a whole number from " + std::to_string(min) + " to " +
                                    std::to_string(max) + " (e.g. " + std::string(key) + " = " +
                                    std::string(example) + ")");
    return;
  }
  out = static_cast<int>(*value);
}

void read_delivery(ConfigReader& reader, const toml::table& table, DeliveryConfig& delivery) {
  reader.check_keys(table, "delivery", kDeliveryKeys);
  read_bounded_integer(reader, table, "delivery", "max_attempts", 1, 100, "5",
                       delivery.max_attempts);
  read_bounded_integer(reader, table, "delivery", "backoff_seconds", 1, 86400, "60",
                       delivery.backoff_seconds);
  read_bounded_integer(reader, table, "delivery", "pass_timeout_seconds", 1, 86400, "1800",
                       delivery.pass_timeout_seconds);
  read_bounded_integer(reader, table, "delivery", "circuit_breaker_failures", 1, 1000, "5",
                       delivery.circuit_breaker_failures);
}

void read_store(ConfigReader& reader, const toml::table& table, StoreConfig& store) {
  reader.check_keys(table, "store", kStoreKeys);
  read_bounded_integer(reader, table, "store", "lock_wait_seconds", 0, 86400, "60",
                       store.lock_wait_seconds);
}

// A share from 0 to 1 (0.2 is 20 %), written as a number, or an error at its line.
void read_share(ConfigReader& reader, const toml::table& table, std::string_view key,
                std::string_view example, std::string_view percent, double& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return;
  const auto value = node->value<double>();
  if (!(node->is_floating_point() || node->is_integer()) || !value || !(*value >= 0.0) ||
      *value > 1.0) {
    reader.fail(node->source(), "[safety] " + std::string(key) +
                                    " must be a share from 0 to 1 (e.g. " + std::string(key) +
                                    " = " + std::string(example) + " for " + std::string(percent) +
                                    ")");
    return;
  }
  out = *value;
}

constexpr std::string_view kSafetyKeys[] = {"max_close_share", "max_bad_share",
                                            "min_active_sequences", "max_date_skew_days"};

void read_safety(ConfigReader& reader, const toml::table& table, SafetyConfig& safety) {
  reader.check_keys(table, "safety", kSafetyKeys);
  read_share(reader, table, "max_close_share", "0.2", "20 %", safety.max_close_share);
  read_share(reader, table, "max_bad_share", "0.01", "1 %", safety.max_bad_share);
  read_bounded_integer(reader, table, "safety", "min_active_sequences", 0, 1'000'000'000, "50",
                       safety.min_active_sequences);
  read_bounded_integer(reader, table, "safety", "max_date_skew_days", 0, 36500, "7",
                       safety.max_date_skew_days);
}

constexpr std::string_view kSnapshotKeys[] = {"max_field_lines", "max_field_bytes"};

void read_snapshot(ConfigReader& reader, const toml::table& table, SnapshotConfig& snapshot) {
  reader.check_keys(table, "snapshot", kSnapshotKeys);
  read_bounded_integer(reader, table, "snapshot", "max_field_lines", 0, 1'000'000, "16",
                       snapshot.max_field_lines);
  read_bounded_integer(reader, table, "snapshot", "max_field_bytes", 1, 1 << 30, "65536",
                       snapshot.max_field_bytes);
}

ConfigPosition position_of(const toml::source_region& where) {
  return {static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)};
}

void read_adapters(ConfigReader& reader, const toml::table& table,
                   std::map<std::string, AdapterConfig>& adapters) {
  for (const auto& [name, node] : table) {
    const toml::table* section = node.as_table();
    if (section == nullptr) {
      reader.fail(node.source(), "[adapters] '" + std::string(name.str()) +
                                     "' must be a table: write [adapters." +
                                     std::string(name.str()) + "]");
      continue;
    }
    AdapterConfig adapter;
    adapter.name = std::string(name.str());
    adapter.file = reader.file();
    adapter.position = position_of(section->source());
    for (const auto& [key, value] : *section) {
      std::string text;
      if (auto s = value.value<std::string>(); s && value.is_string()) {
        text = *s;
      } else if (auto i = value.value_exact<std::int64_t>()) {
        text = std::to_string(*i);
      } else if (auto b = value.value<bool>(); b && value.is_boolean()) {
        text = *b ? "true" : "false";
      } else {
        reader.fail(value.source(), "[adapters." + std::string(name.str()) + "] " +
                                        std::string(key.str()) +
                                        " must be a string, a whole number or true/false");
        continue;
      }
      if (key.str() == "kind") {
        adapter.kind = text;
        adapter.kind_position = position_of(value.source());
      } else {
        adapter.settings[std::string(key.str())] = text;
        adapter.where[std::string(key.str())] = position_of(value.source());
      }
    }
    if (adapter.kind.empty()) {
      reader.fail(section->source(), "[adapters." + std::string(name.str()) +
                                         "] needs a kind (e.g. kind = \"outbox\")");
    }
    adapters[std::string(name.str())] = std::move(adapter);
  }
}

}  // namespace

Result<Config> load_config(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) {
    return Error{path.string() + ": no such file (pass --config FILE, or create ./dun.toml)"};
  }
  if (std::filesystem::is_directory(path)) {
    return Error{path.string() + ": is a folder, not a file (pass --config FILE, e.g. " +
                 (path / "dun.toml").string() + ")"};
  }
  // Debian's toml++ is built with exceptions: a syntax error arrives as toml::parse_error, caught
  // here at the module boundary and turned into our own error.
  toml::table root;
  try {
    root = toml::parse_file(path.string());
  } catch (const toml::parse_error& error) {
    std::ostringstream text;
    text << path.string() << ":" << error.source().begin.line << ":" << error.source().begin.column
         << ": " << error.description();
    return Error{text.str()};
  }
  Config config;
  config.file = path;
  ConfigReader reader(path);
  for (const auto& [key, node] : root) {
    if (std::find(std::begin(kSections), std::end(kSections), key.str()) != std::end(kSections) &&
        node.is_table()) {
      continue;
    }
    std::string message = "unknown section or key '" + std::string(key.str()) + "'";
    if (auto close = closest_match(key.str(), kSections))
      message += "; did you mean [" + *close + "]?";
    reader.fail(key.source(), message);
  }
  // Defaults are relative to the config file's folder too.
  config.engine.database = reader.resolve(config.engine.database.string());
  config.engine.snapshot = reader.resolve(config.engine.snapshot.string());
  config.engine.scenarios = reader.resolve(config.engine.scenarios.string());
  config.engine.templates = reader.resolve(config.engine.templates.string());
  if (const toml::table* company = root["company"].as_table()) {
    read_company(reader, *company, config.company);
  }
  if (const toml::table* engine = root["engine"].as_table()) {
    read_engine(reader, *engine, config.engine);
  }
  config.rates = RateTable(config.company.currency);
  if (const toml::table* rates = root["rates"].as_table()) read_rates(reader, *rates, config.rates);
  if (const toml::table* adapters = root["adapters"].as_table()) {
    read_adapters(reader, *adapters, config.adapters);
  }
  if (const toml::table* letters = root["letters"].as_table()) {
    if (auto problem = read_letters_config(*letters, config.letters)) {
      reader.fail(problem->where, problem->message);
    }
  }
  if (const toml::table* delivery = root["delivery"].as_table()) {
    read_delivery(reader, *delivery, config.delivery);
  }
  if (const toml::table* store = root["store"].as_table()) read_store(reader, *store, config.store);
  if (const toml::table* safety = root["safety"].as_table()) {
    read_safety(reader, *safety, config.safety);
  }
  if (const toml::table* serve = root["serve"].as_table()) {
    read_serve(reader, *serve, config.serve);
  }
  if (const toml::table* snapshot = root["snapshot"].as_table()) {
    read_snapshot(reader, *snapshot, config.snapshot);
  }
  if (const toml::table* fields = root["fields"].as_table()) {
    if (auto problem = read_fields_config(*fields, config.fields)) {
      reader.fail(problem->where, problem->message);
    }
  }
  if (reader.failed()) return reader.error();
  return config;
}

Result<Config> load_config_or_default(const std::optional<std::filesystem::path>& explicit_path) {
  if (explicit_path) return load_config(*explicit_path);
  if (std::filesystem::exists("dun.toml")) return load_config("dun.toml");
  return Config{};
}

}  // namespace dun
