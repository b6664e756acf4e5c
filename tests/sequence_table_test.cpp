// SequenceTable's id columns: packed into one byte array each (engine/model/sequence_table.hpp),
// found by binary search in byte order, and bounded by their 32-bit offsets.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "engine/model/sequence_table.hpp"

namespace dun {
namespace {

std::string invoice(int n) { return "I" + std::to_string(100000 + n); }

SequenceTable table_of(int sequences) {
  SequenceTableBuilder builder;
  const Date day = Date::from_ymd(2026, 3, 2);
  for (int n = 0; n < sequences; ++n) {
    builder.add_sequence(invoice(2 * n), "C" + std::to_string(n % 7), "standard_b2b",
                         SequenceState::active, n % 2 ? "first" : "", day, day);
  }
  return std::move(builder).finish();
}

TEST(SequenceTable, IdsArePackedOneByteArrayPerColumn) {
  const SequenceTable table = table_of(1000);
  ASSERT_EQ(table.size(), 1000u);
  // Seven bytes per invoice id, two per customer id, nothing else: no string object per id.
  EXPECT_EQ(table.invoice_ids.byte_size(), 7000u);
  EXPECT_EQ(table.customer_ids.byte_size(), 2000u);
  EXPECT_EQ(table.invoice_ids[999], invoice(1998));
  EXPECT_EQ(table.customer_ids[8], "C1");
  EXPECT_EQ(table.name(table.last_step[1]), "first");
}

TEST(SequenceTable, FindsEveryIdAtItsRowAndNoneBetween) {
  const SequenceTable table = table_of(1001);
  for (int n = 0; n < 1001; ++n) {
    EXPECT_EQ(table.find(invoice(2 * n)), static_cast<std::size_t>(n)) << invoice(2 * n);
    EXPECT_FALSE(table.find(invoice(2 * n + 1))) << invoice(2 * n + 1);
  }
  EXPECT_FALSE(table.find(""));
  EXPECT_FALSE(table.find("I0"));
  EXPECT_FALSE(table.find("J"));
  EXPECT_FALSE(SequenceTable().find(invoice(0)));
}

TEST(SequenceTable, IdsFitWhileEachColumnStaysUnder4GiB) {
  SequenceTableBuilder builder;
  EXPECT_TRUE(builder.ids_fit(UINT32_MAX));
  EXPECT_FALSE(builder.ids_fit(std::size_t{UINT32_MAX} + 1));
  const Date day = Date::from_ymd(2026, 3, 2);
  builder.add_sequence("I1", "C12", "s", SequenceState::active, "", day, day);
  EXPECT_TRUE(builder.ids_fit(UINT32_MAX - 3));
  EXPECT_FALSE(builder.ids_fit(UINT32_MAX - 2));
}

}  // namespace
}  // namespace dun
