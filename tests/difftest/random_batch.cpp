#include "tests/difftest/random_batch.hpp"

#include <array>
#include <limits>

#include "dsl/letter_status.hpp"
#include "stdlib/currency.hpp"
#include "stdlib/date.hpp"
#include "stdlib/late_interest.hpp"
#include "stdlib/money.hpp"
#include "tests/difftest/random.hpp"

namespace dun::difftest {
namespace {

using dsl::kNoDate;
using dsl::kNoIndex;

// Strings in the StringColumn layout; `ids` set when the column is read through interned ids.
struct Strings {
  std::string bytes;
  std::vector<std::uint32_t> offsets{0};
  std::vector<std::uint32_t> ids;
  std::uint32_t add(std::string_view text) {
    bytes += text;
    offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
    return static_cast<std::uint32_t>(offsets.size() - 2);
  }
  dsl::StringColumn column() const {
    return {bytes.data(), offsets.data(), ids.empty() ? nullptr : ids.data()};
  }
};

// The same words as the expression generator's, so string tests come out both ways.
constexpr std::array<std::string_view, 6> kSegments = {"sme", "key_account", "public",
                                                       "",    "Acme",        "invoice"};
constexpr std::array<std::string_view, 4> kCountries = {"FR", "DE", "GB", "US"};
constexpr std::array<std::string_view, 3> kLanguages = {"en", "fr", "de"};
constexpr std::array<std::string_view, 3> kRoles = {"collection", "legal", "billing"};
constexpr std::array<std::string_view, 4> kScenarios = {"standard_b2b", "generated", "", "none"};
// Currencies of invoices and customers: EUR is the base, CHF never has a rate.
constexpr std::array<std::string_view, 7> kCurrencyCodes = {"EUR", "USD", "GBP", "JPY",
                                                            "KWD", "PLN", "CHF"};

std::uint16_t currency_index(std::string_view code) { return Currency::from_code(code)->index(); }

std::string date_text(std::int32_t days) {
  return days == kNoDate ? "none" : Date::from_days(days).to_string();
}

}  // namespace

struct RandomBatch::Columns {
  dsl::PortfolioColumns portfolio;
  std::vector<std::uint32_t> invoice_customer, customer_collector, open_count, overdue_count,
      contact_begin, contact_rows, rows;
  std::vector<std::uint8_t> kind, disputed, has_credit_limit, missing_rate, flags, letter_status,
      email_bounced;
  bool delivery_facts = true;  // false: the delivery columns are null (nothing known)
  std::vector<std::int32_t> issue, due, promise, oldest, step_dates;
  std::vector<std::uint16_t> invoice_currency, customer_currency;
  std::vector<std::int64_t> amount, balance, credit_limit, overdue_total, open_total;
  std::vector<dsl::SequenceStatus> status;
  std::vector<std::int8_t> last_step;
  Strings invoice_id, invoice_number, customer_id, customer_name, segment, country, language,
      scenario, email, collector_name, collector_email, collector_phone, contact_name,
      contact_email, contact_phone, contact_role;

  void point();
};

void RandomBatch::Columns::point() {
  dsl::PortfolioColumns& c = portfolio;
  c.invoice_count = static_cast<std::uint32_t>(kind.size());
  c.customer_count = static_cast<std::uint32_t>(customer_currency.size());
  c.invoice_customer = invoice_customer.data();
  c.invoice_kind = kind.data();
  c.issue_date = issue.data();
  c.due_date = due.data();
  c.invoice_currency = invoice_currency.data();
  c.amount = amount.data();
  c.balance = balance.data();
  c.disputed = disputed.data();
  c.promise_date = promise.data();
  c.invoice_id = invoice_id.column();
  c.invoice_number = invoice_number.column();
  c.customer_id = customer_id.column();
  c.customer_name = customer_name.column();
  c.customer_segment = segment.column();
  c.customer_country = country.column();
  c.customer_language = language.column();
  c.customer_scenario = scenario.column();
  c.customer_email = email.column();
  c.customer_currency = customer_currency.data();
  c.credit_limit = credit_limit.data();
  c.has_credit_limit = has_credit_limit.data();
  c.customer_collector = customer_collector.data();
  c.overdue_total = overdue_total.data();
  c.open_total = open_total.data();
  c.open_count = open_count.data();
  c.overdue_count = overdue_count.data();
  c.oldest_due_date = oldest.data();
  c.aggregates_missing_rate = missing_rate.data();
  c.collector_name = collector_name.column();
  c.collector_email = collector_email.column();
  c.collector_phone = collector_phone.column();
  c.contact_begin = contact_begin.data();
  c.contact_rows = contact_rows.data();
  c.contact_name = contact_name.column();
  c.contact_email = contact_email.column();
  c.contact_phone = contact_phone.column();
  c.contact_role = contact_role.column();
  c.last_letter_status = delivery_facts ? letter_status.data() : nullptr;
  c.email_bounced = delivery_facts ? email_bounced.data() : nullptr;
}

RandomBatch::~RandomBatch() = default;

RandomBatch::RandomBatch(std::uint64_t seed, std::size_t step_count)
    : columns_(std::make_unique<Columns>()), step_count_(step_count) {
  // A stream of its own: the scenario generator draws from `seed` itself.
  Rng rng(seed ^ 0x5DEECE66DULL);
  Columns& c = *columns_;
  const std::int32_t today =
      Date::from_ymd(2026, 3, 2).days() + static_cast<std::int32_t>(rng.between(-60, 60));
  auto near_today = [&](std::int64_t before, std::int64_t after) {
    return today + static_cast<std::int32_t>(rng.between(-before, after));
  };
  auto currency = [&] {
    return currency_index(rng.percent(50) ? "EUR" : rng.pick(kCurrencyCodes));
  };

  // The environment: rates for some currencies, a late-interest rule or none.
  rates_ = std::make_unique<RateTable>(*Currency::from_code("EUR"));
  constexpr std::array<std::pair<std::string_view, std::int64_t>, 5> kRates = {
      {{"USD", 920'000'000},
       {"GBP", 1'170'000'000},
       {"JPY", 6'200'000},
       {"KWD", 3'000'000'000},
       {"PLN", 230'000'000}}};
  environment_text_ = "today " + date_text(today) + "; rates to EUR:";
  for (const auto& [code, scaled] : kRates) {
    if (!rng.percent(75)) continue;
    rates_->set_scaled(*Currency::from_code(code), scaled);
    environment_text_ += " " + std::string(code);
  }
  if (rng.percent(70)) {
    const std::string_view rule = rng.percent(50) ? "ECB+10" : "12.5";
    late_interest_ = std::make_unique<LateInterestRate>(LateInterestRate::parse(rule).value());
    environment_text_ += "; late interest " + std::string(rule);
  } else {
    environment_text_ += "; no late-interest rule";
  }

  // Collectors (two) and customers, with contacts.
  for (int k = 0; k < 2; ++k) {
    c.collector_name.add("Collector " + std::to_string(k));
    c.collector_email.add("collector" + std::to_string(k) + "@dun.example");
    c.collector_phone.add("+33 1 00 00 00 0" + std::to_string(k));
  }
  const std::uint64_t customer_count = 1 + rng.below(8);
  c.contact_begin.push_back(0);
  for (std::uint32_t k = 0; k < kSegments.size(); ++k) c.segment.add(kSegments[k]);
  for (std::uint64_t k = 0; k < customer_count; ++k) {
    c.customer_id.add("C" + std::to_string(k));
    c.customer_name.add(rng.percent(20) ? "Acme" : "Customer " + std::to_string(k));
    c.segment.ids.push_back(static_cast<std::uint32_t>(rng.below(kSegments.size())));
    c.country.add(rng.pick(kCountries));
    c.language.add(rng.pick(kLanguages));
    c.scenario.add(rng.pick(kScenarios));
    c.email.add(rng.percent(10) ? "" : "ap" + std::to_string(k) + "@customer.example");
    c.customer_currency.push_back(currency());
    c.has_credit_limit.push_back(rng.percent(50) ? 1 : 0);
    c.credit_limit.push_back(c.has_credit_limit.back() != 0 ? rng.between(0, 5'000'000) : 0);
    c.customer_collector.push_back(rng.percent(75) ? static_cast<std::uint32_t>(rng.below(2))
                                                   : kNoIndex);
    c.overdue_total.push_back(rng.percent(20) ? 0 : rng.between(-50'000, 3'000'000));
    c.open_total.push_back(rng.percent(10) ? 0 : rng.between(-100'000, 5'000'000));
    c.open_count.push_back(static_cast<std::uint32_t>(rng.below(40)));
    c.overdue_count.push_back(static_cast<std::uint32_t>(rng.below(20)));
    c.oldest.push_back(rng.percent(15) ? kNoDate : near_today(200, 30));
    c.missing_rate.push_back(rng.percent(10) ? 1 : 0);
    c.email_bounced.push_back(rng.percent(25) ? 1 : 0);
    const std::uint64_t contacts = rng.below(4);
    for (std::uint64_t j = 0; j < contacts; ++j) {
      c.contact_rows.push_back(static_cast<std::uint32_t>(c.contact_rows.size()));
      c.contact_name.add("Contact " + std::to_string(k) + "." + std::to_string(j));
      c.contact_email.add("contact" + std::to_string(j) + "@customer.example");
      c.contact_phone.add("+49 30 000 00" + std::to_string(j));
      c.contact_role.add(rng.pick(kRoles));
    }
    c.contact_begin.push_back(static_cast<std::uint32_t>(c.contact_rows.size()));
  }

  // Invoices.
  const std::uint64_t invoice_count = 16 + rng.below(80);
  for (std::uint64_t i = 0; i < invoice_count; ++i) {
    c.invoice_customer.push_back(static_cast<std::uint32_t>(rng.below(customer_count)));
    c.kind.push_back(rng.percent(10) ? 1 : 0);
    c.due.push_back(rng.percent(1) ? kNoDate : near_today(rng.percent(80) ? 60 : 400, 30));
    c.issue.push_back(rng.percent(2) || c.due.back() == kNoDate
                          ? kNoDate
                          : c.due.back() - static_cast<std::int32_t>(rng.below(60)));
    c.invoice_currency.push_back(currency());
    constexpr std::int64_t kHuge = std::numeric_limits<std::int64_t>::max() / 3;
    c.amount.push_back(rng.percent(2) ? kHuge : rng.between(0, 2'000'000));
    switch (rng.below(10)) {
      case 0:
      case 1:
        c.balance.push_back(0);
        break;
      case 2:
        c.balance.push_back(-rng.between(1, 50'000));
        break;
      case 3:
        c.balance.push_back(rng.between(0, c.amount.back()));
        break;
      default:
        c.balance.push_back(c.amount.back());
    }
    c.disputed.push_back(rng.percent(15) ? 1 : 0);
    c.promise.push_back(rng.percent(20) ? near_today(20, 20) : kNoDate);
    c.invoice_id.add("INV-" + std::to_string(i));
    c.invoice_number.add("F2026-" + std::to_string(1000 + i));
    // Mostly no letter; else any status word, now and then a byte beyond the table ("").
    c.letter_status.push_back(static_cast<std::uint8_t>(
        rng.percent(50)
            ? 0
            : rng.between(1, dsl::letter_statuses().size() + (rng.percent(5) ? 3 : -1))));
  }
  c.delivery_facts = rng.percent(90);

  // The batch: a shuffled selection of the invoices, each with a sequence state.
  for (std::uint32_t i = 0; i < invoice_count; ++i) {
    if (rng.percent(85)) c.rows.push_back(i);
  }
  for (std::size_t i = c.rows.size(); i > 1; --i) std::swap(c.rows[i - 1], c.rows[rng.below(i)]);
  for (const std::uint32_t row : c.rows) {
    const std::uint64_t status = rng.below(20);
    c.status.push_back(status < 5    ? dsl::SequenceStatus::none
                       : status < 16 ? dsl::SequenceStatus::active
                       : status < 19 ? dsl::SequenceStatus::closed
                                     : dsl::SequenceStatus::stopped);
    std::uint8_t flags = 0;
    if (rng.percent(10)) flags |= dsl::kSequencePaused;
    if (rng.percent(5)) flags |= dsl::kSequenceAwaiting;
    if (rng.percent(5)) flags |= dsl::kSequenceActedToday;
    if (rng.percent(20)) flags |= dsl::kSequenceRepeatsEnded;
    c.flags.push_back(flags);
    // Mostly early in the sequence, so that steps are still ahead; anywhere now and then; at the
    // last step often enough that its `repeat` is decided.
    const auto steps = static_cast<std::int64_t>(step_count);
    const auto last = static_cast<std::int8_t>(
        rng.percent(20) ? steps - 1 : rng.between(-1, rng.percent(60) ? steps / 2 - 1 : steps - 1));
    c.last_step.push_back(last);
    // Consistent: the steps reached have increasing dates, the others none. Inconsistent: any.
    const bool consistent = rng.percent(75);
    std::int32_t event = c.due[row] != kNoDate ? c.due[row] - 5 : today - 90;
    for (std::size_t k = 0; k < step_count; ++k) {
      if (consistent) {
        event += static_cast<std::int32_t>(rng.below(25));
        c.step_dates.push_back(static_cast<std::int64_t>(k) <= last ? std::min(event, today)
                                                                    : kNoDate);
      } else {
        c.step_dates.push_back(rng.percent(50) ? kNoDate : near_today(90, 10));
      }
    }
  }

  // Drawn row by row (the draws' order is the batch's seed's), laid out a column per step.
  std::vector<std::int32_t> by_row = std::move(c.step_dates);
  c.step_dates.assign(by_row.size(), kNoDate);
  for (std::size_t row = 0; row < c.rows.size(); ++row) {
    for (std::size_t k = 0; k < step_count; ++k) {
      c.step_dates[dsl::step_date_index(k, c.rows.size(), row)] = by_row[row * step_count + k];
    }
  }
  c.point();
  input_.portfolio = &c.portfolio;
  input_.rows = c.rows.data();
  input_.row_count = static_cast<std::uint32_t>(c.rows.size());
  input_.sequences = {c.status.data(), c.flags.data(), c.last_step.data(), c.step_dates.data()};
  input_.today = today;
  input_.environment = {rates_.get(), late_interest_.get()};
}

std::string RandomBatch::describe_environment() const { return environment_text_; }

std::string RandomBatch::describe_row(std::uint32_t position) const {
  const Columns& c = *columns_;
  const dsl::PortfolioColumns& p = c.portfolio;
  const std::uint32_t i = c.rows[position];
  const std::uint32_t k = p.invoice_customer[i];
  auto money = [](std::int64_t minor, std::uint16_t currency) {
    return format_money({minor, Currency::from_index(currency)});
  };
  std::string text;
  text += "  invoice " + std::string(p.invoice_id.at(i)) + " (row " + std::to_string(i) +
          "): number " + std::string(p.invoice_number.at(i)) + ", kind " +
          (p.invoice_kind[i] == 0 ? "invoice" : "credit_note") + ", issued " +
          date_text(p.issue_date[i]) + ", due " + date_text(p.due_date[i]) + ", amount " +
          money(p.amount[i], p.invoice_currency[i]) + ", balance " +
          money(p.balance[i], p.invoice_currency[i]) + (p.disputed[i] != 0 ? ", disputed" : "") +
          ", promise " + date_text(p.promise_date[i]) + ", last letter '" +
          (p.last_letter_status != nullptr
               ? std::string(dsl::letter_status_word(p.last_letter_status[i]))
               : std::string("(no column)")) +
          "'\n";
  const std::uint32_t collector = p.customer_collector[k];
  text +=
      "  customer " + std::string(p.customer_id.at(k)) + ": name '" +
      std::string(p.customer_name.at(k)) + "', segment '" + std::string(p.customer_segment.at(k)) +
      "', country " + std::string(p.customer_country.at(k)) + ", language " +
      std::string(p.customer_language.at(k)) + ", scenario '" +
      std::string(p.customer_scenario.at(k)) + "', email '" + std::string(p.customer_email.at(k)) +
      (p.email_bounced != nullptr && p.email_bounced[k] != 0 ? "' (bounced)" : "'") +
      ", overdue_total " + money(p.overdue_total[k], p.customer_currency[k]) + ", open_total " +
      money(p.open_total[k], p.customer_currency[k]) +
      (p.aggregates_missing_rate[k] != 0 ? " (aggregates missing a rate)" : "") + ", open_count " +
      std::to_string(p.open_count[k]) + ", overdue_count " + std::to_string(p.overdue_count[k]) +
      ", oldest_due " + date_text(p.oldest_due_date[k]) + ", credit_limit " +
      (p.has_credit_limit[k] != 0 ? money(p.credit_limit[k], p.customer_currency[k])
                                  : std::string("none")) +
      ", collector " + (collector == kNoIndex ? "none" : std::to_string(collector)) + ", contacts:";
  for (std::uint32_t j = p.contact_begin[k]; j < p.contact_begin[k + 1]; ++j) {
    text += " " + std::string(p.contact_role.at(p.contact_rows[j]));
  }
  const dsl::SequenceColumns& s = input_.sequences;
  text += "\n  sequence: status " + std::to_string(static_cast<int>(s.status[position])) +
          " (0 none, 1 active, 2 closed, 3 stopped), flags " + std::to_string(s.flags[position]) +
          " (1 paused, 2 awaiting, 4 acted today, 16 repeats ended), last_step " +
          std::to_string(s.last_step[position]) + ", step dates:";
  for (std::size_t step = 0; step < step_count_; ++step) {
    text += " s" + std::to_string(step) + "=" +
            date_text(s.step_dates[dsl::step_date_index(step, c.rows.size(), position)]);
  }
  return text + "\n";
}

}  // namespace dun::difftest
