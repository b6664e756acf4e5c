// The invoices of a generated portfolio and their life stories: every date in a story is drawn
// relative to the issue date from the customer's payment behaviour, then the story is placed in
// time so that the item is still in the export on the day it must appear.
#include <algorithm>
#include <array>

#include "engine/generate/generate_model.hpp"

namespace dun::generate {
namespace {

constexpr std::uint64_t kInvoiceStream = 3;
constexpr std::uint64_t kNewInvoiceStream = 4;

// The four currencies the generated company invoices in.
constexpr std::array<std::string_view, 4> kTradingCurrencies = {"EUR", "USD", "GBP", "PLN"};

std::int64_t power_of_ten(int exponent) {
  std::int64_t value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

// An amount whose number of integer digits is uniform in [min_digits, max_digits]: a log-uniform
// spread (many small invoices, a few large ones) without floating point. Cents are often round.
std::int64_t draw_amount(int min_digits, int max_digits, Currency currency, Rng& rng) {
  const int digits = static_cast<int>(rng.between(min_digits, max_digits));
  const std::int64_t major = rng.between(power_of_ten(digits - 1), power_of_ten(digits) - 1);
  const std::int64_t unit = power_of_ten(currency.exponent());
  std::int64_t fraction = 0;
  if (rng.chance(400))
    fraction = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(unit)));
  else if (rng.chance(300))
    fraction = unit / 2;
  return major * unit + fraction;
}

Currency draw_invoice_currency(const Customer& customer, Rng& rng) {
  if (!rng.chance(50)) return customer.currency;
  Currency other = customer.currency;
  while (other == customer.currency)
    other = *Currency::from_code(kTradingCurrencies[rng.below(kTradingCurrencies.size())]);
  return other;
}

void draw_amount_for(Invoice& invoice, const Customer& customer, Currency currency, Rng& rng) {
  static constexpr int kDigits[4][2] = {{3, 6}, {2, 5}, {3, 5}, {2, 4}};  // by Segment
  const auto& range = kDigits[static_cast<std::size_t>(customer.segment)];
  // A credit note corrects part of an invoice: one digit smaller.
  const int shrink = invoice.credit_note ? 1 : 0;
  invoice.amount_minor =
      draw_amount(std::max(1, range[0] - shrink), range[1] - shrink, currency, rng);
}

// Settled some days after `from`, or never (within any horizon we write) with `never_per_mille`.
std::int32_t settle_after(std::int32_t from, std::int32_t min_delay, std::int32_t max_delay,
                          unsigned never_per_mille, Rng& rng) {
  if (rng.chance(never_per_mille)) return kNever;
  return from + static_cast<std::int32_t>(rng.between(min_delay, max_delay));
}

// The story of an invoice issued on day 0: its due date, payments, disputes and promises.
void draw_payment_story(Invoice& invoice, Behaviour behaviour, Rng& rng) {
  const std::int32_t due = invoice.due_day;
  switch (behaviour) {
    case Behaviour::on_time:
      invoice.settled_day = settle_after(due, -12, 3, 5, rng);
      return;
    case Behaviour::late:
      invoice.settled_day = settle_after(due, 5, 45, 30, rng);
      return;
    case Behaviour::chronically_late:
      invoice.settled_day = settle_after(due, 30, 150, 250, rng);
      return;
    case Behaviour::disputes:
      if (rng.chance(300)) {
        invoice.dispute_from = static_cast<std::int32_t>(rng.between(5, due + 20));
        if (rng.chance(300)) return;  // still argued about: never settled
        invoice.dispute_until =
            invoice.dispute_from + static_cast<std::int32_t>(rng.between(10, 90));
        invoice.settled_day = settle_after(invoice.dispute_until, 3, 20, 0, rng);
        return;
      }
      invoice.settled_day = settle_after(due, 0, 30, 20, rng);
      return;
    case Behaviour::partial_payer:
      if (rng.chance(500)) {
        invoice.partial_day = due + static_cast<std::int32_t>(rng.between(0, 30));
        invoice.partial_per_mille = static_cast<std::uint16_t>(rng.between(200, 700));
        invoice.settled_day = settle_after(invoice.partial_day, 20, 90, 300, rng);
        return;
      }
      invoice.settled_day = settle_after(due, 5, 45, 30, rng);
      return;
    case Behaviour::promiser:
      if (rng.chance(400)) {
        invoice.promise_from = due + static_cast<std::int32_t>(rng.between(3, 20));
        invoice.promise_date = invoice.promise_from + static_cast<std::int32_t>(rng.between(5, 30));
        const bool kept = rng.chance(700);
        invoice.settled_day =
            kept ? invoice.promise_date + static_cast<std::int32_t>(rng.between(0, 2))
                 : settle_after(invoice.promise_date, 10, 60, 300, rng);
        return;
      }
      invoice.settled_day = settle_after(due, 5, 45, 30, rng);
      return;
  }
}

// An invoice of `customer` with every day relative to its issue (day 0).
Invoice draw_story(std::uint32_t customer_index, const Customer& customer, Rng& rng) {
  Invoice invoice;
  invoice.customer = customer_index;
  invoice.credit_note = rng.chance(40);
  const Currency currency = draw_invoice_currency(customer, rng);
  invoice.currency_index = currency.index();
  draw_amount_for(invoice, customer, currency, rng);
  invoice.dunning = !rng.chance(20);
  if (invoice.credit_note) {
    invoice.due_day = 0;  // a credit is available at once
    invoice.settled_day = settle_after(0, 3, 60, 400, rng);
    return invoice;
  }
  static constexpr std::int32_t kTerms[] = {30, 45, 60};
  static constexpr unsigned kTermWeights[] = {50, 30, 20};
  invoice.due_day = kTerms[rng.weighted(kTermWeights)];
  draw_payment_story(invoice, customer.behaviour, rng);
  return invoice;
}

std::int32_t shifted(std::int32_t day, std::int32_t by) {
  return day == kNever ? kNever : day + by;
}

// Money arrives on bank days: a payment due on a weekend is booked the Monday after.
std::int32_t booked_on_working_day(std::int32_t day) {
  if (day == kNever) return day;
  const Weekday weekday = Date::from_days(day).weekday();
  if (weekday == Weekday::saturday) return day + 2;
  if (weekday == Weekday::sunday) return day + 1;
  return day;
}

void place_at(Invoice& invoice, std::int32_t issue_day) {
  invoice.issue_day = issue_day;
  invoice.due_day += issue_day;
  for (std::int32_t* day : {&invoice.settled_day, &invoice.partial_day, &invoice.dispute_from,
                            &invoice.dispute_until, &invoice.promise_from, &invoice.promise_date}) {
    *day = shifted(*day, issue_day);
  }
  invoice.settled_day = booked_on_working_day(invoice.settled_day);
  invoice.partial_day = booked_on_working_day(invoice.partial_day);
}

// An issue day on or before `snapshot_day` such that the item is still exported that day: open,
// or settled less than kSettledItemKeptDays ago. Items never settled can be up to a year old.
std::int32_t draw_issue_day_visible_on(const Invoice& story, std::int32_t snapshot_day, Rng& rng) {
  if (story.settled_day == kNever) {
    return snapshot_day - static_cast<std::int32_t>(rng.between(0, rng.between(30, 365)));
  }
  const std::int32_t latest_age = std::min(story.settled_day + kSettledItemKeptDays - 1, 365);
  return snapshot_day - static_cast<std::int32_t>(rng.between(0, latest_age));
}

}  // namespace

void build_invoices(Portfolio& portfolio, Date start, std::int32_t extra_days, std::uint64_t seed) {
  Rng rng(seed, kInvoiceStream);
  std::size_t initial = 0;
  for (const Customer& customer : portfolio.customers) initial += customer.initial_invoices;
  portfolio.invoices.reserve(initial + initial * static_cast<std::size_t>(extra_days) / 50);
  for (std::uint32_t c = 0; c < portfolio.customers.size(); ++c) {
    const Customer& customer = portfolio.customers[c];
    for (std::uint32_t k = 0; k < customer.initial_invoices; ++k) {
      Invoice invoice = draw_story(c, customer, rng);
      place_at(invoice, draw_issue_day_visible_on(invoice, start.days(), rng));
      portfolio.invoices.push_back(invoice);
    }
  }
  portfolio.initial_invoice_count = portfolio.invoices.size();

  // New invoices of the following days go to customers in proportion to their size. A portfolio
  // turns over in about two months, so each week brings about 7/60 of its size.
  Rng daily(seed, kNewInvoiceStream);
  std::vector<std::uint64_t> cumulative_size;
  cumulative_size.reserve(portfolio.customers.size());
  std::uint64_t running = 0;
  for (const Customer& customer : portfolio.customers)
    cumulative_size.push_back(running += customer.initial_invoices);
  // Invoices are issued on working days only: the week's 7/60 of the portfolio over 5 days.
  const std::int64_t per_working_day =
      std::max<std::int64_t>(1, static_cast<std::int64_t>(initial) * 7 / (60 * 5));
  for (std::int32_t day = 1; day <= extra_days; ++day) {
    const Weekday weekday = (start + day).weekday();
    if (weekday == Weekday::saturday || weekday == Weekday::sunday) continue;
    const std::int64_t count = daily.between(per_working_day * 8 / 10, per_working_day * 12 / 10);
    for (std::int64_t k = 0; k < count; ++k) {
      const std::uint64_t draw = daily.below(running);
      const auto customer_index = static_cast<std::uint32_t>(
          std::upper_bound(cumulative_size.begin(), cumulative_size.end(), draw) -
          cumulative_size.begin());
      Invoice invoice = draw_story(customer_index, portfolio.customers[customer_index], daily);
      place_at(invoice, start.days() + day);
      portfolio.invoices.push_back(invoice);
    }
  }
}

}  // namespace dun::generate
