// Customers, contacts and collectors of a generated portfolio.
#include <algorithm>
#include <array>
#include <numeric>

#include "engine/generate/generate_model.hpp"

namespace dun::generate {
namespace {

// Stream numbers keep the draws of each part independent (see Rng).
constexpr std::uint64_t kCollectorStream = 1;
constexpr std::uint64_t kCustomerStream = 2;

constexpr std::array<Country, 4> kCollectorLanguages = {Country::gb, Country::fr, Country::de,
                                                        Country::pl};

std::size_t language_slot(Country country) {
  switch (country) {
    case Country::gb:
    case Country::us:
      return 0;
    case Country::fr:
      return 1;
    case Country::de:
      return 2;
    case Country::pl:
      return 3;
  }
  return 0;
}

Currency currency_of(std::string_view code) { return *Currency::from_code(code); }

// Invoice counts per size rank: 1 each, plus the rest shared in proportion to 1 / (rank + 10), a
// Zipf-like tail: with the default ten invoices per customer, the largest accounts hold about 1 %
// of all invoices each and half of the customers hold one to three. Integer arithmetic only.
std::vector<std::uint32_t> invoice_counts_by_rank(std::uint64_t customer_count,
                                                  std::uint64_t invoice_count) {
  __extension__ typedef unsigned __int128 Wide;
  std::vector<std::uint64_t> weights(customer_count);
  Wide total_weight = 0;
  for (std::uint64_t rank = 0; rank < customer_count; ++rank) {
    weights[rank] = (std::uint64_t{1} << 40) / (rank + 10);
    total_weight += weights[rank];
  }
  const std::uint64_t shared = invoice_count - customer_count;
  std::vector<std::uint32_t> counts(customer_count, 1);
  std::uint64_t handed_out = 0;
  for (std::uint64_t rank = 0; rank < customer_count; ++rank) {
    const auto share =
        static_cast<std::uint64_t>(static_cast<Wide>(shared) * weights[rank] / total_weight);
    counts[rank] += static_cast<std::uint32_t>(share);
    handed_out += share;
  }
  for (std::uint64_t rank = 0; handed_out < shared; ++rank, ++handed_out) ++counts[rank];
  return counts;
}

Segment draw_segment(std::uint64_t rank, std::uint64_t customer_count, Rng& rng) {
  if (rank < std::max<std::uint64_t>(1, customer_count / 100)) return Segment::key_account;
  if (rng.chance(80)) return Segment::public_sector;
  if (rank * 2 >= customer_count && rng.chance(600)) return Segment::micro;
  return Segment::sme;
}

Behaviour draw_behaviour(Segment segment, Rng& rng) {
  // on_time, late, chronically_late, disputes, partial_payer, promiser
  static constexpr unsigned kWeights[4][6] = {
      {40, 30, 5, 15, 5, 5},   // key_account: rarely late for long, but argue about invoices
      {45, 25, 10, 5, 7, 8},   // sme
      {20, 50, 20, 5, 0, 5},   // public_sector: slow approval circuits
      {45, 20, 15, 5, 5, 10},  // micro
  };
  return static_cast<Behaviour>(rng.weighted(kWeights[static_cast<std::size_t>(segment)]));
}

std::string_view draw_scenario(Segment segment, Rng& rng) {
  if (rng.chance(20)) return "none";
  switch (segment) {
    case Segment::key_account:
      return rng.chance(600) ? "key_accounts" : "";
    case Segment::micro:
      return rng.chance(300) ? "small_customers" : "";
    case Segment::sme:
    case Segment::public_sector:
      return rng.chance(100) ? "standard_b2b" : "";
  }
  return "";
}

Currency draw_currency(Country country, Rng& rng) {
  switch (country) {
    case Country::gb:
      return currency_of(rng.chance(500) ? "GBP" : "EUR");
    case Country::us:
      return currency_of(rng.chance(600) ? "USD" : "EUR");
    case Country::pl:
      return currency_of(rng.chance(500) ? "PLN" : "EUR");
    case Country::fr:
    case Country::de:
      return currency_of("EUR");
  }
  return currency_of("EUR");
}

std::int64_t draw_credit_limit(Segment segment, Currency currency, Rng& rng) {
  std::int64_t major = 0;
  switch (segment) {
    case Segment::key_account:
      major = rng.between(100, 1000) * 1000;
      break;
    case Segment::sme:
      major = rng.chance(500) ? rng.between(5, 50) * 1000 : 0;
      break;
    case Segment::micro:
      major = rng.chance(300) ? rng.between(2, 10) * 500 : 0;
      break;
    case Segment::public_sector:
      break;
  }
  std::int64_t minor = major;
  for (int i = 0; i < currency.exponent(); ++i) minor *= 10;
  return minor;
}

std::string_view accounts_mailbox(Country country) {
  switch (country) {
    case Country::fr:
      return "comptabilite";
    case Country::de:
      return "buchhaltung";
    case Country::pl:
      return "ksiegowosc";
    case Country::gb:
    case Country::us:
      return "accounts";
  }
  return "accounts";
}

std::string padded_id(std::string_view prefix, std::uint64_t number, int width) {
  std::string digits = std::to_string(number);
  std::string id(prefix);
  if (static_cast<int>(digits.size()) < width)
    id.append(static_cast<std::size_t>(width) - digits.size(), '0');
  return id + digits;
}

int id_width(std::uint64_t count) {
  return std::max(4, static_cast<int>(std::to_string(count).size()));
}

void build_collectors(Portfolio& portfolio, std::uint64_t customer_count, std::uint64_t seed) {
  Rng rng(seed, kCollectorStream);
  const std::uint64_t count = std::clamp<std::uint64_t>(customer_count / 2000, 4, 120);
  for (std::uint64_t i = 0; i < count; ++i) {
    const Country country = kCollectorLanguages[i % kCollectorLanguages.size()];
    Person person = draw_person(country, rng);
    portfolio.collectors.push_back({padded_id("U", i + 1, 3), std::move(person.name),
                                    person.email_user + "@ourco.example", draw_phone(country, rng),
                                    country});
  }
}

void add_contacts(Portfolio& portfolio, std::uint32_t customer_index, const std::string& domain,
                  Rng& rng) {
  const Customer& customer = portfolio.customers[customer_index];
  const bool key = customer.segment == Segment::key_account;
  for (std::string_view role : {"collection", "billing", "legal"}) {
    const bool wanted =
        role == "collection" || key || (role == "billing" ? rng.chance(500) : rng.chance(150));
    if (!wanted) continue;
    Person person = draw_person(customer.country, rng);
    portfolio.contacts.push_back({customer_index, role, std::move(person.name),
                                  person.email_user + "@" + domain,
                                  draw_phone(customer.country, rng)});
  }
}

}  // namespace

std::string_view segment_name(Segment segment) {
  switch (segment) {
    case Segment::key_account:
      return "key_account";
    case Segment::sme:
      return "sme";
    case Segment::public_sector:
      return "public";
    case Segment::micro:
      return "micro";
  }
  return "sme";
}

void build_customers(Portfolio& portfolio, std::uint64_t customer_count,
                     std::uint64_t invoice_count, std::uint64_t seed) {
  build_collectors(portfolio, customer_count, seed);
  Rng rng(seed, kCustomerStream);
  const std::vector<std::uint32_t> counts = invoice_counts_by_rank(customer_count, invoice_count);
  // Shuffle which customer id gets which size, so C0001 is not always the largest account.
  std::vector<std::uint64_t> rank_of(customer_count);
  std::iota(rank_of.begin(), rank_of.end(), std::uint64_t{0});
  for (std::uint64_t i = customer_count; i > 1; --i)
    std::swap(rank_of[i - 1], rank_of[rng.below(i)]);

  static constexpr unsigned kCountryWeights[] = {25, 10, 25, 25, 15};  // gb, us, fr, de, pl
  const std::size_t collector_count = portfolio.collectors.size();
  const int width = id_width(customer_count);
  portfolio.customers.reserve(customer_count);
  for (std::uint64_t i = 0; i < customer_count; ++i) {
    const std::uint64_t rank = rank_of[i];
    Customer customer;
    customer.id = padded_id("C", i + 1, width);
    customer.initial_invoices = counts[rank];
    customer.segment = draw_segment(rank, customer_count, rng);
    customer.behaviour = draw_behaviour(customer.segment, rng);
    customer.scenario = draw_scenario(customer.segment, rng);
    customer.country = static_cast<Country>(rng.weighted(kCountryWeights));
    customer.currency = draw_currency(customer.country, rng);
    customer.credit_limit_minor = draw_credit_limit(customer.segment, customer.currency, rng);
    Company company =
        draw_company(customer.country, customer.segment == Segment::public_sector, rng);
    customer.name = std::move(company.name);
    customer.address = draw_address(customer.country, rng);
    const std::string domain = company.slug + ".example";
    customer.email = std::string(accounts_mailbox(customer.country)) + "@" + domain;
    // Collectors are dealt round-robin by language: collector k speaks kCollectorLanguages[k % 4].
    const std::size_t slot = language_slot(customer.country);
    const std::size_t speakers =
        (collector_count - slot + kCollectorLanguages.size() - 1) / kCollectorLanguages.size();
    customer.collector =
        static_cast<std::uint32_t>(slot + kCollectorLanguages.size() * rng.below(speakers));
    portfolio.customers.push_back(std::move(customer));
    add_contacts(portfolio, static_cast<std::uint32_t>(i), domain, rng);
  }
}

}  // namespace dun::generate
