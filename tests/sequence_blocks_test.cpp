// The sequence blocks (engine/store/sequence_blocks.hpp): the entry's JSON round-trips every text
// (and reads what SQLite's json functions write), damage is reported, and the walk that edits
// them keeps each block's range, splits a grown block and drops an emptied one.
#include "engine/store/sequence_blocks.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sqlite_rows.hpp"
#include "store_test_access.hpp"
#include "store_test_support.hpp"

namespace dun {
namespace {

using testing::table_rows;

SequenceEntry entry_of(const std::string& invoice, std::string customer = "C1") {
  SequenceEntry entry;
  entry.invoice_id = invoice;
  entry.customer_id = std::move(customer);
  entry.scenario = "standard_b2b";
  entry.state = "active";
  entry.started_on = "2026-03-02";
  entry.updated_on = "2026-03-03";
  return entry;
}

TEST(SequenceBlocksTest, AnEntryRoundTripsEveryText) {
  SequenceEntry entry = entry_of("INV \"1\" \\ é\n\t\x01");
  entry.last_step = "first";
  entry.steps.push_back({"standard_b2b", "first", "fired", std::nullopt, "2026-03-02", "a/1", 2});
  entry.steps.push_back(
      {"standard_b2b", "pre_due", "skipped", "late", "2026-03-01", std::nullopt, 0});
  std::string json;
  append_entry_json(entry, json);
  EXPECT_EQ(json,
            "[\"INV \\\"1\\\" \\\\ é\\n\\t\\u0001\",\"C1\",\"standard_b2b\",\"active\",\"first\","
            "\"2026-03-02\",\"2026-03-03\",[[\"standard_b2b\",\"first\",\"fired\",null,"
            "\"2026-03-02\",\"a/1\",2],[\"standard_b2b\",\"pre_due\",\"skipped\",\"late\","
            "\"2026-03-01\",null,0]]]");
  SequenceEntry read;
  ASSERT_TRUE(parse_entry(json, read));
  EXPECT_EQ(read.invoice_id, entry.invoice_id);
  EXPECT_EQ(read.last_step, entry.last_step);
  ASSERT_EQ(read.steps.size(), 2U);
  EXPECT_EQ(read.steps[0].reason, std::nullopt);
  EXPECT_EQ(read.steps[0].action_id, "a/1");
  EXPECT_EQ(read.steps[0].repetition, 2);
  EXPECT_EQ(read.steps[1].reason, "late");
  EXPECT_EQ(*entry_invoice_id(json), entry.invoice_id);
}

TEST(SequenceBlocksTest, ReadsWhatSqliteWritesEscapesAndSpacesIncluded) {
  SequenceEntry read;
  ASSERT_TRUE(parse_entry(
      " [ \"I\\u00e9\\ud83d\\ude00\\/\" , \"C\", \"s\", \"paused\", null, \"2026-03-02\", "
      "\"2026-03-02\", [ ] ] ",
      read));
  EXPECT_EQ(read.invoice_id, "Ié\xF0\x9F\x98\x80/");
  EXPECT_EQ(read.last_step, std::nullopt);
  EXPECT_TRUE(read.steps.empty());
}

TEST(SequenceBlocksTest, DamageIsReportedNotGuessed) {
  SequenceEntry read;
  for (const char* damaged : {"", "[\"I\"", "[\"I\",\"C\",\"s\",\"active\",null,\"d\",\"d\",[]",
                              "[\"I\",\"C\",\"s\",\"active\",null,\"d\",\"d\",[[1]]]",
                              "[\"I\\q\",\"C\",\"s\",\"active\",null,\"d\",\"d\",[]]",
                              "[\"I\",\"C\",\"s\",\"active\",null,\"d\",\"d\",[]] x"}) {
    const Status parsed = parse_entry(damaged, read);
    ASSERT_FALSE(parsed) << damaged;
    EXPECT_NE(parsed.error().message.find("a damaged sequence block"), std::string::npos)
        << parsed.error().message;
  }
}

class SequenceBlocksStoreTest : public testing::StoreTest {
 protected:
  sqlite::Database& db() { return StateStoreTestAccess::database(*store_); }
  std::vector<std::string> blocks() {
    return table_rows(db_path(),
                      "SELECT first_invoice, json_array_length(entries), entries ->> '$[0][0]' "
                      "FROM sequence_blocks ORDER BY first_invoice");
  }
  // Sets the entries of `invoices` (all new), or removes them.
  Status edit(const std::vector<std::string>& invoices, bool remove = false) {
    return edit_sequence_entries(db(), invoices,
                                 [&](std::string_view id, std::optional<SequenceEntry>& entry) {
                                   if (remove) {
                                     entry.reset();
                                   } else {
                                     entry = entry_of(std::string(id));
                                   }
                                   return Status::Ok();
                                 });
  }
  void SetUp() override {
    StoreTest::SetUp();
    store_.emplace(open_store());
  }
  void TearDown() override {
    store_.reset();
    StoreTest::TearDown();
  }
  std::optional<StateStore> store_;
};

std::vector<std::string> invoices(int from, int to) {
  std::vector<std::string> ids;
  for (int i = from; i < to; ++i) ids.push_back("I" + std::to_string(1000 + i));
  return ids;
}

TEST_F(SequenceBlocksStoreTest, AGrownBlockIsSplitAndAnEmptiedOneDropped) {
  ASSERT_TRUE(edit(invoices(0, 100)));
  EXPECT_EQ(blocks(),
            (std::vector<std::string>{"I1000|32|I1000|", "I1032|32|I1032|", "I1064|36|I1064|"}))
      << "blocks of 32, the last one up to twice that";
  // Ids before the first block go to it (its key follows), ids after the last to the last.
  ASSERT_TRUE(edit({"H1", "I1063a", "I2000"}));
  EXPECT_EQ(blocks(),
            (std::vector<std::string>{"H1|33|H1|", "I1032|33|I1032|", "I1064|37|I1064|"}));
  ASSERT_TRUE(edit(invoices(32, 64), true));
  ASSERT_TRUE(edit({"I1063a"}, true));
  EXPECT_EQ(blocks(), (std::vector<std::string>{"H1|33|H1|", "I1064|37|I1064|"}));
  EXPECT_EQ(
      table_rows(db_path(), "SELECT count(*), min(invoice_id), max(invoice_id) FROM sequences"),
      (std::vector<std::string>{"70|H1|I2000|"}));
  auto loaded = store_->load_sequences();
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->size(), 70U);
  EXPECT_EQ(loaded->invoice_ids.front(), "H1");
  EXPECT_EQ(loaded->invoice_ids[33], "I1064");
}

TEST_F(SequenceBlocksStoreTest, TheLoadRefusesBlocksOutOfOrder) {
  ASSERT_TRUE(edit(invoices(0, 3)));
  ASSERT_TRUE(
      db().execute("UPDATE sequence_blocks SET entries = json_set(entries, '$[1][0]', 'I0999')"));
  auto loaded = store_->load_sequences();
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("invoice I0999 is out of order (after I1000)"),
            std::string::npos)
      << loaded.error().message;
}

}  // namespace
}  // namespace dun
