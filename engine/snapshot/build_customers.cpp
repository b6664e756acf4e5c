// PortfolioBuilder's checks for the collectors, customers and contacts rows (data-model.md).
#include "engine/snapshot/field_parsers.hpp"
#include "engine/snapshot/iso_codes.hpp"
#include "engine/snapshot/portfolio_builder.hpp"
#include "engine/snapshot/row_checks.hpp"

namespace dun {
namespace {

constexpr std::string_view kDefaultContactRole = "collection";

std::optional<std::string> email_problem(std::string_view value, const TextColumn& column) {
  if (value.empty()) return std::nullopt;
  if (auto problem = text_problem(value, column)) return problem;
  if (!looks_like_email(value)) return quoted(value) + " is not an email address";
  return std::nullopt;
}

}  // namespace

PortfolioBuilder::Check PortfolioBuilder::add_collector(std::span<const std::string_view> values) {
  Collectors& collectors = snapshot_.portfolio.collectors;
  const std::string_view id = values[kCollectorId];
  std::uint64_t id_hash = 0;
  if (auto problem = check_new_id(id, kCollectorId, collectors.id, collectors.by_id,
                                  quarantined_collectors_, id_hash)) {
    return problem;
  }
  if (values[kCollectorName].empty())
    return Problem{kCollectorName, "is empty (a name is required)"};
  if (auto p = text_problem(values[kCollectorName], collectors.name)) {
    return Problem{kCollectorName, std::move(*p)};
  }
  if (auto p = email_problem(values[kCollectorEmail], collectors.email)) {
    return Problem{kCollectorEmail, std::move(*p)};
  }
  if (auto p = text_problem(values[kCollectorPhone], collectors.phone)) {
    return Problem{kCollectorPhone, std::move(*p)};
  }
  const auto row = static_cast<RowIndex>(collectors.size());
  collectors.id.push_back(id);
  collectors.name.push_back(values[kCollectorName]);
  collectors.email.push_back(values[kCollectorEmail]);
  collectors.phone.push_back(values[kCollectorPhone]);
  collectors.by_id.insert(collectors.id, row, id_hash);
  return std::nullopt;
}

PortfolioBuilder::Check PortfolioBuilder::add_customer(std::span<const std::string_view> values) {
  Portfolio& portfolio = snapshot_.portfolio;
  Customers& customers = portfolio.customers;
  const std::string_view id = values[kCustomerId];
  std::uint64_t id_hash = 0;
  if (auto problem = check_new_id(id, kCustomerId, customers.id, customers.by_id,
                                  quarantined_customers_, id_hash)) {
    return problem;
  }
  if (values[kCustomerName].empty()) return Problem{kCustomerName, "is empty (a name is required)"};
  if (auto p = text_problem(values[kCustomerName], customers.name)) {
    return Problem{kCustomerName, std::move(*p)};
  }
  if (!is_language_code(values[kCustomerLanguage])) {
    return Problem{kCustomerLanguage, quoted(values[kCustomerLanguage]) +
                                          " is not an ISO 639-1 language code (like en, fr, de)"};
  }
  if (!is_country_code(values[kCustomerCountry])) {
    return Problem{kCustomerCountry,
                   quoted(values[kCustomerCountry]) +
                       " is not an ISO 3166-1 alpha-2 country code (like FR, DE)"};
  }
  Currency currency;
  if (auto problem =
          parse_currency(values[kCustomerCurrency], kCustomerCurrency, cache_, currency)) {
    return problem;
  }
  for (const int column : {kCustomerSegment, kCustomerScenario}) {
    if (!is_valid_utf8(values[column])) return Problem{column, "is not valid UTF-8"};
  }
  if (auto p = email_problem(values[kCustomerEmail], customers.email)) {
    return Problem{kCustomerEmail, std::move(*p)};
  }
  if (auto p = text_problem(values[kCustomerAddress], customers.address)) {
    return Problem{kCustomerAddress, std::move(*p)};
  }
  RowIndex collector = kNoRow;
  if (const std::string_view collector_id = values[kCustomerCollector]; !collector_id.empty()) {
    const auto found = portfolio.find_collector(collector_id);
    if (!found) {
      return Problem{kCustomerCollector,
                     quarantined_collectors_.contains(std::string(collector_id))
                         ? "collector " + quoted(collector_id) + " is quarantined"
                         : "unknown collector " + quoted(collector_id) + " (not in collectors)"};
    }
    collector = *found;
  }
  std::int64_t credit_limit = 0;
  const bool has_credit_limit = !values[kCustomerCreditLimit].empty();
  if (has_credit_limit) {
    const auto parsed = parse_amount(values[kCustomerCreditLimit], currency);
    if (!parsed.ok()) return Problem{kCustomerCreditLimit, parsed.error().message};
    credit_limit = *parsed;
  }
  custom_cells_.clear();
  if (auto problem = parse_custom_cells(values, currency, /*concurrent=*/false, custom_cells_)) {
    return problem;
  }

  const auto row = static_cast<RowIndex>(customers.size());
  customers.id.push_back(id);
  customers.name.push_back(values[kCustomerName]);
  customers.language.push_back(portfolio.symbols.intern(values[kCustomerLanguage]));
  customers.country.push_back(portfolio.symbols.intern(values[kCustomerCountry]));
  customers.currency.push_back(currency);
  customers.segment.push_back(portfolio.symbols.intern(values[kCustomerSegment]));
  customers.scenario.push_back(portfolio.symbols.intern(values[kCustomerScenario]));
  customers.email.push_back(values[kCustomerEmail]);
  customers.address.push_back(values[kCustomerAddress]);
  customers.collector.push_back(collector);
  customers.credit_limit.push_back(credit_limit);
  customers.has_credit_limit.push_back(has_credit_limit ? 1 : 0);
  customers.by_id.insert(customers.id, row, id_hash);
  append_custom_cells(custom_cells_);
  return std::nullopt;
}

PortfolioBuilder::Check PortfolioBuilder::add_contact(std::span<const std::string_view> values) {
  Portfolio& portfolio = snapshot_.portfolio;
  Contacts& contacts = portfolio.contacts;
  RowIndex customer = kNoRow;
  if (auto problem =
          resolve_customer(values[kContactCustomerId], kContactCustomerId, cache_, customer)) {
    return problem;
  }
  if (auto p = text_problem(values[kContactName], contacts.name)) {
    return Problem{kContactName, std::move(*p)};
  }
  if (auto p = email_problem(values[kContactEmail], contacts.email)) {
    return Problem{kContactEmail, std::move(*p)};
  }
  if (auto p = text_problem(values[kContactPhone], contacts.phone)) {
    return Problem{kContactPhone, std::move(*p)};
  }
  if (values[kContactEmail].empty() && values[kContactPhone].empty()) {
    return Problem{kContactEmail, "is empty and so is phone (a contact needs a way to reach it)"};
  }
  if (!is_valid_utf8(values[kContactRole])) return Problem{kContactRole, "is not valid UTF-8"};
  if (auto p = text_problem(values[kContactAddress], contacts.address)) {
    return Problem{kContactAddress, std::move(*p)};
  }
  if (const std::string_view language = values[kContactLanguage];
      !language.empty() && !is_language_code(language)) {
    return Problem{kContactLanguage,
                   quoted(language) + " is not an ISO 639-1 language code (like en, fr, de)"};
  }
  const std::string_view role =
      values[kContactRole].empty() ? kDefaultContactRole : values[kContactRole];

  contacts.customer.push_back(customer);
  contacts.name.push_back(values[kContactName]);
  contacts.email.push_back(values[kContactEmail]);
  contacts.phone.push_back(values[kContactPhone]);
  contacts.role.push_back(portfolio.symbols.intern(role));
  contacts.address.push_back(values[kContactAddress]);
  contacts.language.push_back(portfolio.symbols.intern(values[kContactLanguage]));
  return std::nullopt;
}

}  // namespace dun
