// libFuzzer target: arbitrary bytes as one file of an otherwise valid CSV snapshot, loaded from
// memory. The first byte picks the file (customers.csv, invoices.csv, contacts.csv or
// collectors.csv); the rest is its content. Beyond "no crash, no sanitizer report", every row the
// loader accepts must satisfy the Portfolio's documented invariants, checked here; aggregates
// run over the result too.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/portfolio/aggregate.hpp"
#include "engine/snapshot/load_csv.hpp"

namespace {

const char kCollectors[] = "id,name,email,phone\nK1,Anna,anna@ourco.example,\n";
const char kCustomers[] =
    "id,name,language,country,currency,segment,scenario,email,address,collector,credit_limit\n"
    "C1,Acme SAS,fr,FR,EUR,sme,,ap@acme.example,\"1 rue\nParis\",K1,5000.00\n"
    "C2,Globex,de,DE,USD,,,,,,\n";
const char kContacts[] = "customer_id,name,email,phone,role\nC1,Jean,jean@acme.example,,\n";
const char kInvoices[] =
    "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,disputed,dunning,"
    "promise_date,pdf\n"
    "I1,C1,F-1,invoice,2026-10-01,2026-10-31,EUR,12.00,12.00,false,true,,\n";

void require(bool condition) {
  if (!condition) std::abort();
}

void check_invariants(const dun::LoadedSnapshot& snapshot) {
  const dun::Portfolio& p = snapshot.portfolio;
  const dun::Invoices& invoices = p.invoices;
  for (std::size_t i = 0; i < invoices.size(); ++i) {
    require(invoices.customer[i] < p.customers.size());
    require(invoices.amount[i] >= 0 && invoices.balance[i] >= 0);
    require(invoices.balance[i] <= invoices.amount[i]);
    require(invoices.issue_date[i] <= invoices.due_date[i]);
    require(!invoices.id[i].empty() && p.find_invoice(invoices.id[i]) == i);
  }
  // What reaches email headers holds no line break and no NUL (portfolio_builder.hpp).
  const auto single_line = [](std::string_view text) {
    return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
  };
  for (std::size_t i = 0; i < invoices.size(); ++i) {
    require(single_line(invoices.id[i]) && single_line(invoices.number[i]));
  }
  for (std::size_t c = 0; c < p.customers.size(); ++c) {
    require(single_line(p.customers.id[c]) && single_line(p.customers.name[c]));
    require(single_line(p.customers.email[c]));
    require(p.customers.address[c].find('\r') == std::string_view::npos);
    require(p.find_customer(p.customers.id[c]) == c);
    require(p.customers.collector[c] == dun::kNoRow ||
            p.customers.collector[c] < p.collectors.size());
  }
  for (std::size_t k = 0; k < p.contacts.size(); ++k) {
    require(p.contacts.customer[k] < p.customers.size());
  }
  for (const dun::QuarantinedRow& row : snapshot.quarantine) {
    require(row.position >= 1 && !row.reason.empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  dun::CsvSnapshotTexts texts{kCollectors, kCustomers, kContacts, kInvoices};
  std::string fuzzed(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 4) {
    case 0:
      texts.customers = std::move(fuzzed);
      break;
    case 1:
      texts.invoices = std::move(fuzzed);
      break;
    case 2:
      texts.contacts = std::move(fuzzed);
      break;
    default:
      texts.collectors = std::move(fuzzed);
      break;
  }
  const auto loaded = dun::load_csv_snapshot_from_memory(std::move(texts));
  if (!loaded.ok()) return 0;
  check_invariants(*loaded);
  dun::RateTable rates(*dun::Currency::from_code("EUR"));
  (void)rates.set(*dun::Currency::from_code("USD"), "0.92");
  const auto aggregates =
      dun::compute_aggregates(loaded->portfolio, *dun::Date::parse("2026-11-22"), rates);
  require(aggregates.size() == loaded->portfolio.customers.size());
  return 0;
}
