// StatusBook (engine/analyst/status.hpp): the statuses of a few rows, as a page of the workspace
// computes them (their sequences and last follow-ups read by invoice, the day's inputs shared),
// are exactly the rows of every invoice's statuses (`dun status`, read in bulk), the contact
// limits' holds aside, which only a whole customer's invoices decide.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "engine/analyst/status.hpp"
#include "invoice_status_text.hpp"
#include "run_test_support.hpp"

namespace dun {
namespace {

using testing::describe;
using testing::text;

class StatusBookTest : public testing::FollowedPortfolioTest<3'000, 10> {
 protected:
  // The book of the last day's snapshot, its day, and every invoice's statuses on `date`.
  void SetUp() override {
    StatusOptions options(*config_);
    options.date = last_ + 1;  // the next run's day: steps fall due, limits hold some
    options.snapshot = *dir_ / "days" / last_.to_string();
    options.scenarios = std::filesystem::path(DUN_SOURCE_DIR) / "scenarios";
    options.templates = std::filesystem::path(DUN_SOURCE_DIR) / "scenarios" / "templates";
    dsl::Diagnostics diagnostics;
    auto store = StateStore::open_read_only(*dir_ / "dun.db");
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_.emplace(std::move(store).value());
    auto book = StatusBook::load(options, diagnostics);
    ASSERT_TRUE(book.ok()) << book.error().message;
    book_ = std::move(book).value();
    auto day = book_->prepare_day(*store_, options.date);
    ASSERT_TRUE(day.ok()) << day.error().message;
    day_ = std::move(day).value();
    auto all = book_->all_statuses(*store_, *day_);
    ASSERT_TRUE(all.ok()) << all.error().message;
    all_ = std::move(all).value();
  }

  std::optional<StateStore> store_;
  std::unique_ptr<StatusBook> book_;
  std::shared_ptr<const StatusDay> day_;
  std::vector<InvoiceStatus> all_;
};

TEST_F(StatusBookTest, APageOfRowsHasTheStatusesOfEveryInvoiceButTheHolds) {
  ASSERT_EQ(all_.size(), book_->by_customer().size());
  std::size_t held = 0, followed_up = 0, with_next_date = 0;
  // Pages of 50 in an order that mixes customers (by due date), as the dashboard asks for them.
  std::map<std::string, const InvoiceStatus*> expected;
  for (const InvoiceStatus& status : all_) expected[status.invoice] = &status;
  const auto rows = book_->by_due_date();
  for (std::size_t first = 0; first < rows.size(); first += 50) {
    const auto page = rows.subspan(first, std::min<std::size_t>(50, rows.size() - first));
    auto statuses = book_->statuses(*store_, *day_, page, /*contact_holds=*/false);
    ASSERT_TRUE(statuses.ok()) << statuses.error().message;
    ASSERT_EQ(statuses->size(), page.size());
    for (std::size_t i = 0; i < page.size(); ++i) {
      InvoiceStatus got = (*statuses)[i];
      EXPECT_EQ(got.invoice, book_->portfolio().invoices.id[page[i]]);
      EXPECT_FALSE(got.held_by_limit);
      const InvoiceStatus& want = *expected.at(got.invoice);
      if (want.held_by_limit) {  // the dashboard lays the holds of its table over the page
        ++held;
        got.held_by_limit = true;
        got.next_note = want.next_note;
      }
      followed_up += want.last_date ? 1 : 0;
      with_next_date += want.next_date ? 1 : 0;
      EXPECT_EQ(describe(got), describe(want));
    }
  }
  // The portfolio exercises what is compared: follow-ups, next dates and holds.
  EXPECT_GT(followed_up, 100u);
  EXPECT_GT(with_next_date, 100u);
  EXPECT_GT(held, 0u);
}

TEST_F(StatusBookTest, ACustomersInvoicesWithTheirHoldsAreExactlyThoseOfEveryInvoice) {
  std::size_t compared = 0;
  for (std::size_t first = 0; first < all_.size();) {
    const std::string customer = all_[first].customer;
    const auto rows = book_->rows_of_customer(customer);
    ASSERT_FALSE(rows.empty()) << customer;
    auto statuses = book_->statuses(*store_, *day_, rows, /*contact_holds=*/true);
    ASSERT_TRUE(statuses.ok()) << statuses.error().message;
    ASSERT_EQ(statuses->size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      EXPECT_EQ(describe((*statuses)[i]), describe(all_[first + i]));
    }
    first += rows.size();
    compared += rows.size();
    if (compared > 600) break;  // enough customers, big and small
  }
  EXPECT_TRUE(book_->rows_of_customer("no such customer").empty());
}

TEST_F(StatusBookTest, TheStoreReadsByInvoiceAgreeWithTheBulkReads) {
  auto every = store_->load_sequences();
  ASSERT_TRUE(every.ok());
  std::vector<std::string> ids = {all_[5].invoice, all_[0].invoice, "no such invoice",
                                  all_[0].invoice};
  auto some = store_->load_sequences_of(ids);
  ASSERT_TRUE(some.ok()) << some.error().message;
  std::size_t found = 0;
  for (const std::string& id : {all_[0].invoice, all_[5].invoice}) {
    const auto in_every = every->find(id);
    const auto in_some = some->find(id);
    ASSERT_EQ(in_every.has_value(), in_some.has_value()) << id;
    if (!in_every) continue;
    ++found;
    EXPECT_EQ(every->name(every->scenario[*in_every]), some->name(some->scenario[*in_some]));
    EXPECT_EQ(every->state[*in_every], some->state[*in_some]);
  }
  EXPECT_EQ(some->size(), found);  // once each, the unknown one left out

  auto bulk = store_->last_follow_ups();
  ASSERT_TRUE(bulk.ok()) << bulk.error().message;
  ASSERT_GT(bulk->size(), 10u);
  std::vector<std::string> wanted = {(*bulk)[3].invoice_id, "no such invoice",
                                     (*bulk)[1].invoice_id};
  auto chosen = store_->last_follow_ups(wanted);
  ASSERT_TRUE(chosen.ok()) << chosen.error().message;
  ASSERT_EQ(chosen->size(), 2u);
  for (const auto& [got, want] :
       {std::pair{(*chosen)[0], (*bulk)[3]}, {(*chosen)[1], (*bulk)[1]}}) {
    EXPECT_EQ(got.invoice_id, want.invoice_id);
    EXPECT_EQ(got.date, want.date);
    EXPECT_EQ(got.step, want.step);
    EXPECT_EQ(got.channel, want.channel);
    EXPECT_EQ(got.status, want.status);
  }
}

}  // namespace
}  // namespace dun
