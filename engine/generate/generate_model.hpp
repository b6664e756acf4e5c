// The generated portfolio in memory: customers with their contacts, the collectors, and every
// invoice with its whole life story (when it is issued, paid in part, disputed, promised, settled).
// A snapshot is that story read at one date (generate_snapshot.hpp), so the daily snapshots of
// `--days` evolve consistently and ids never change.
//
// generate::Portfolio (not the engine's columnar dun::Portfolio) owns its rows; the string_views
// in them (Contact::role, Customer::scenario) point into static tables, valid for the whole
// program. Nothing synchronises it: one thread builds it, any number may then read it.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "engine/generate/generate_locale.hpp"
#include "engine/generate/generate_random.hpp"
#include "stdlib/currency.hpp"
#include "stdlib/date.hpp"

namespace dun::generate {

enum class Segment : std::uint8_t { key_account, sme, public_sector, micro };
std::string_view segment_name(Segment segment);

// How a customer pays; drives the life story of each of its invoices.
enum class Behaviour : std::uint8_t {
  on_time,
  late,
  chronically_late,
  disputes,
  partial_payer,
  promiser
};

struct Collector {
  std::string id;
  std::string name;
  std::string email;
  std::string phone;
  Country country;  // the collector handles customers who speak its language
};

struct Contact {
  std::uint32_t customer;  // index into Portfolio::customers
  std::string_view role;   // "collection", "billing" or "legal"
  std::string name;
  std::string email;
  std::string phone;
};

struct Customer {
  std::string id;
  std::string name;
  std::string email;
  std::string address;
  std::string_view scenario;            // empty = the configured default
  std::int64_t credit_limit_minor = 0;  // 0 = none
  std::uint32_t collector = 0;          // index into Portfolio::collectors
  std::uint32_t initial_invoices = 0;   // how many invoices the first snapshot holds
  Country country = Country::gb;
  Segment segment = Segment::sme;
  Behaviour behaviour = Behaviour::on_time;
  Currency currency;
};

// Days are day numbers (Date::days()); kNever is a day that never comes.
inline constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::max();
// A settled item stays in the export (balance 0) this many days, then leaves it.
inline constexpr std::int32_t kSettledItemKeptDays = 14;

struct Invoice {
  std::int64_t amount_minor = 0;
  std::uint32_t customer = 0;
  std::int32_t issue_day = 0;
  std::int32_t due_day = 0;
  std::int32_t settled_day = kNever;  // paid in full (a credit note: used up)
  std::int32_t partial_day = kNever;  // a part paid from that day on
  std::int32_t dispute_from = kNever;
  std::int32_t dispute_until = kNever;
  std::int32_t promise_from = kNever;  // the day the customer promised
  std::int32_t promise_date = kNever;  // the day promised
  std::uint16_t partial_per_mille = 0;
  std::uint16_t currency_index = 0;
  bool credit_note = false;
  bool dunning = true;
};

struct Portfolio {
  std::vector<Collector> collectors;
  std::vector<Customer> customers;
  std::vector<Contact> contacts;
  // The invoices of the first snapshot come first (grouped by customer), then those issued on
  // the following days, in issue order. An invoice's id is its position here.
  std::vector<Invoice> invoices;
  std::size_t initial_invoice_count = 0;
};

// Customers (with skewed sizes summing to `invoice_count`), their contacts and the collectors.
void build_customers(Portfolio& portfolio, std::uint64_t customer_count,
                     std::uint64_t invoice_count, std::uint64_t seed);
// The invoices of the first snapshot (dated `start`) and `extra_days` days of new invoices.
// REQUIRES: build_customers has filled `portfolio` with the same seed.
void build_invoices(Portfolio& portfolio, Date start, std::int32_t extra_days, std::uint64_t seed);

}  // namespace dun::generate
