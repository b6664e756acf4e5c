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

constexpr std::string_view kSections[] = {"company", "engine",   "rates", "adapters",
                                          "letters", "delivery", "fields"};
constexpr std::string_view kCompanyKeys[] = {"name",
                                             "address",
                                             "email",
                                             "phone",
                                             "iban",
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

constexpr std::string_view kDeliveryKeys[] = {"max_attempts", "backoff_seconds"};

// A whole number within [min, max], or an error at its line saying what to write.
void read_bounded_integer(ConfigReader& reader, const toml::table& table, std::string_view key,
                          int min, int max, std::string_view example, int& out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return;
  const auto value = node->value<std::int64_t>();
  if (!node->is_integer() || !value || *value < min || *value > max) {
    reader.fail(node->source(), "[delivery] " + std::string(key) + " must be a whole number from " +
                                    std::to_string(min) + " to " + std::to_string(max) + " (e.g. " +
                                    std::string(key) + " = " + std::string(example) + ")");
    return;
  }
  out = static_cast<int>(*value);
}

void read_delivery(ConfigReader& reader, const toml::table& table, DeliveryConfig& delivery) {
  reader.check_keys(table, "delivery", kDeliveryKeys);
  read_bounded_integer(reader, table, "max_attempts", 1, 100, "5", delivery.max_attempts);
  read_bounded_integer(reader, table, "backoff_seconds", 1, 86400, "60", delivery.backoff_seconds);
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
      } else if (auto i = value.value<std::int64_t>(); i && value.is_integer()) {
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
