// `dun explain` and `dun status --customer` read only the customer's rows of the snapshot and its
// invoices' sequences (LoadOptions::customer, docs/analyst-tools.md): on a generated portfolio
// run for days (customers with quoted multi-line addresses, contact limits holding steps, paid
// invoices gone from the snapshot), every explanation and every customer's statuses are exactly
// what the whole snapshot gives, and so are the messages for an unknown invoice or customer;
// and the same again with the customer's rows found through the customer index
// (customer_index.hpp) instead of a walk of the files.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/analyst/explain.hpp"
#include "engine/analyst/status.hpp"
#include "engine/snapshot/customer_index.hpp"
#include "engine/snapshot/load_snapshot.hpp"
#include "invoice_status_text.hpp"
#include "run_test_support.hpp"

namespace dun {
namespace {

using testing::describe;
using testing::text;

void describe_clauses(const std::vector<ClauseValue>& clauses, std::ostringstream& out) {
  for (const ClauseValue& c : clauses) {
    out << "  " << c.clause << " | " << c.source << " | " << c.value << " | " << c.detail << " | "
        << c.note << "\n";
  }
}

// Every field of an explanation, as the text and JSON outputs show them.
std::string describe(const Explanation& e) {
  std::ostringstream out;
  out << e.date.to_string() << " " << e.invoice << " " << e.customer << " [" << e.customer_name
      << "] [" << e.scenario << "] [" << e.assigned_by << "] " << e.status << " [" << e.last_step
      << "] " << text(e.last_step_date) << " " << e.paused << e.awaiting << " "
      << text(e.paused_until) << "\n";
  for (const StoredStep& step : e.history) {
    out << " history " << step.name << " " << step.status << " " << step.reason << " "
        << step.date.to_string() << "\n";
  }
  describe_clauses(e.scenario_clauses, out);
  describe_clauses(e.lets, out);
  for (const StepExplanation& step : e.steps) {
    out << " step " << step.name << " " << step.outcome << "\n";
    describe_clauses(step.clauses, out);
  }
  out << e.decision << " " << e.held_by_limit << " " << e.why << "\n";
  return out.str();
}

class ExplainStatusCustomer : public testing::FollowedPortfolioTest<2'000, 8> {
 protected:
  static std::filesystem::path snapshot() { return *dir_ / "days" / last_.to_string(); }
  static Date day() { return last_ + 1; }  // the next run's day: steps fall due, limits hold some

  // How the customer's rows are found: a walk of the files, or the customer index.
  enum class Find { walk, index };

  // The customer index, kept in the suite's folder, used at once for the small snapshot.
  static CustomerIndexSettings index_settings() {
    CustomerIndexSettings settings{customer_index_path_for(*dir_ / "dun.db")};
    settings.min_bytes = 0;
    settings.settle = std::chrono::milliseconds(0);
    return settings;
  }

  StatusOptions status_options(std::optional<std::string> customer, Find find) const {
    StatusOptions options(*config_);
    options.date = day();
    options.snapshot = snapshot();
    options.scenarios = testing::shipped_scenarios();
    options.templates = testing::shipped_scenarios() / "templates";
    options.customer = std::move(customer);
    if (find == Find::index) options.customer_index = index_settings();
    return options;
  }

  Result<std::vector<InvoiceStatus>> statuses(std::optional<std::string> customer,
                                              Find find = Find::walk) const {
    auto opened = StateStore::open_read_only(*dir_ / "dun.db");
    if (!opened) return opened.error();
    StateStore store = std::move(opened).value();
    dsl::Diagnostics diagnostics;
    return invoice_statuses(store, status_options(std::move(customer), find), diagnostics);
  }

  Result<Explanation> explain(const std::string& invoice, bool whole_snapshot,
                              const std::filesystem::path& from = snapshot(),
                              Find find = Find::walk) const {
    RunOptions run(*config_);
    run.date = day();
    run.snapshot = from;
    run.scenarios = testing::shipped_scenarios();
    run.templates = testing::shipped_scenarios() / "templates";
    run.database = *dir_ / "dun.db";
    ExplainOptions options{run, invoice};
    options.whole_snapshot = whole_snapshot;
    if (find == Find::index) options.customer_index = index_settings();
    dsl::Diagnostics diagnostics;
    return explain_invoice(options, diagnostics);
  }
};

TEST_F(ExplainStatusCustomer, EveryCustomersStatusesAreThoseOfTheWholeDashboard) {
  auto all = statuses(std::nullopt);
  ASSERT_TRUE(all.ok()) << all.error().message;
  std::map<std::string, std::vector<std::string>> by_customer;
  std::size_t held = 0;
  for (const InvoiceStatus& status : *all) {
    by_customer[status.customer].push_back(describe(status));
    held += status.held_by_limit ? 1 : 0;
  }
  EXPECT_GT(held, 0u);  // the contact limit, which reads the customer's other invoices, is in
  ASSERT_GT(by_customer.size(), 50u);
  for (const auto& [customer, expected] : by_customer) {
    for (const Find find : {Find::walk, Find::index}) {
      auto restricted = statuses(customer, find);
      ASSERT_TRUE(restricted.ok()) << customer << ": " << restricted.error().message;
      std::vector<std::string> got;
      for (const InvoiceStatus& status : *restricted) got.push_back(describe(status));
      EXPECT_EQ(got, expected) << customer << (find == Find::index ? " (index)" : "");
    }
  }
  EXPECT_TRUE(std::filesystem::exists(index_settings().path));
}

TEST_F(ExplainStatusCustomer, AnUnknownCustomerIsToldWithTheClosestIdOfTheWholeSnapshot) {
  auto all = statuses(std::nullopt);
  ASSERT_TRUE(all.ok()) << all.error().message;
  const std::string near = all->front().customer + "9";
  auto restricted = statuses(near);
  ASSERT_FALSE(restricted.ok());
  auto indexed = statuses(near, Find::index);
  ASSERT_FALSE(indexed.ok());
  EXPECT_EQ(indexed.error().message, restricted.error().message);
  EXPECT_EQ(restricted.error().message, "no customer '" + near + "' in the snapshot " +
                                            snapshot().string() + "; did you mean '" +
                                            all->front().customer + "'?");
}

TEST_F(ExplainStatusCustomer, EveryExplanationIsTheOneTheWholeSnapshotGives) {
  auto all = statuses(std::nullopt);
  ASSERT_TRUE(all.ok()) << all.error().message;
  // Every invoice of the customers the contact limit holds, and every 15th invoice besides.
  std::set<std::string> held_customers;
  for (const InvoiceStatus& status : *all) {
    if (status.held_by_limit) held_customers.insert(status.customer);
  }
  std::size_t compared = 0, held = 0, fired = 0;
  for (std::size_t i = 0; i < all->size(); ++i) {
    const InvoiceStatus& status = (*all)[i];
    if (i % 15 != 0 && !held_customers.contains(status.customer)) continue;
    auto restricted = explain(status.invoice, /*whole_snapshot=*/false);
    auto indexed = explain(status.invoice, /*whole_snapshot=*/false, snapshot(), Find::index);
    auto whole = explain(status.invoice, /*whole_snapshot=*/true);
    ASSERT_TRUE(restricted.ok()) << status.invoice << ": " << restricted.error().message;
    ASSERT_TRUE(indexed.ok()) << status.invoice << ": " << indexed.error().message;
    ASSERT_TRUE(whole.ok()) << status.invoice << ": " << whole.error().message;
    EXPECT_EQ(describe(*restricted), describe(*whole));
    EXPECT_EQ(describe(*indexed), describe(*whole));
    ++compared;
    held += restricted->held_by_limit ? 1 : 0;
    fired += restricted->decision == "fire" ? 1 : 0;
  }
  EXPECT_GT(compared, 100u);
  EXPECT_GT(held, 0u);
  EXPECT_GT(fired, 0u);
}

TEST_F(ExplainStatusCustomer, AnInvoiceGoneFromTheSnapshotOrNeverThereIsToldAsBefore) {
  // The snapshot without the invoice of the first stored sequence (as when it is paid and
  // leaves the export).
  auto opened = StateStore::open_read_only(*dir_ / "dun.db");
  ASSERT_TRUE(opened.ok());
  StateStore store = std::move(opened).value();
  auto sequences = store.load_sequences();
  ASSERT_TRUE(sequences.ok());
  ASSERT_GT(sequences->size(), 0u);
  const std::string gone(sequences->invoice_ids[0]);
  const std::filesystem::path without = *dir_ / "without-one";
  std::filesystem::remove_all(without);
  std::filesystem::copy(snapshot(), without, std::filesystem::copy_options::recursive);
  {
    const std::vector<std::string> lines = testing::read_lines(snapshot() / "invoices.csv");
    std::ofstream out(without / "invoices.csv");
    for (const std::string& line : lines) {
      if (line.rfind(gone + ",", 0) != 0) out << line << "\n";
    }
  }
  auto loaded = load_snapshot(without, /*strict=*/false);
  ASSERT_TRUE(loaded.ok());
  ASSERT_FALSE(loaded->portfolio.find_invoice(gone));

  auto restricted = explain(gone, false, without);
  auto indexed = explain(gone, false, without, Find::index);
  auto whole = explain(gone, true, without);
  ASSERT_TRUE(restricted.ok()) << restricted.error().message;
  ASSERT_TRUE(indexed.ok()) << indexed.error().message;
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  EXPECT_EQ(restricted->decision, "close");
  EXPECT_EQ(describe(*restricted), describe(*whole));
  EXPECT_EQ(describe(*indexed), describe(*whole));

  const std::string typo = std::string(loaded->portfolio.invoices.id[0]) + "x";
  auto unknown = explain(typo, false);
  auto unknown_indexed = explain(typo, false, snapshot(), Find::index);
  auto unknown_whole = explain(typo, true);
  ASSERT_FALSE(unknown.ok());
  ASSERT_FALSE(unknown_indexed.ok());
  ASSERT_FALSE(unknown_whole.ok());
  EXPECT_EQ(unknown.error().message, unknown_whole.error().message);
  EXPECT_EQ(unknown_indexed.error().message, unknown_whole.error().message);
  EXPECT_EQ(
      unknown.error().message.rfind("no invoice '" + typo + "' in the snapshot; did you mean '", 0),
      0u)
      << unknown.error().message;
}

}  // namespace
}  // namespace dun
