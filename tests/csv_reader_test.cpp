#include "engine/snapshot/csv_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dun {
namespace {

std::vector<std::vector<std::string>> read_all(std::string text) {
  CsvReader reader(text);
  CsvRecord record;
  std::vector<std::vector<std::string>> records;
  while (reader.next(record)) {
    EXPECT_FALSE(record.error) << record.error->reason;
    records.emplace_back(record.fields.begin(), record.fields.end());
  }
  return records;
}

// The scan for a field's end jumps 16 and 8 bytes at a time: put every separator at every
// offset around those widths, with and without a tail shorter than a jump.
TEST(CsvReader, FindsFieldEndsAtEveryOffset) {
  for (std::size_t length = 0; length <= 40; ++length) {
    for (const char* end : {",", "\n", "\r\n"}) {
      const std::string field(length, 'x');
      const std::string text = field + end + "y" + (std::string(end) == "," ? "\n" : "");
      const auto records = read_all(text);
      if (std::string(end) == ",") {
        ASSERT_EQ(records, (std::vector<std::vector<std::string>>{{field, "y"}})) << length;
      } else if (length == 0) {  // an empty line is skipped, not an empty record
        ASSERT_EQ(records, (std::vector<std::vector<std::string>>{{"y"}}));
      } else {
        ASSERT_EQ(records, (std::vector<std::vector<std::string>>{{field}, {"y"}})) << length;
      }
    }
  }
}

TEST(CsvReader, FlagsAStrayQuoteAtEveryOffset) {
  for (std::size_t length = 1; length <= 40; ++length) {  // at 0 it opens a quoted field
    std::string text = std::string(length, 'x') + "\"x,next\n";
    CsvReader reader(text);
    CsvRecord record;
    ASSERT_TRUE(reader.next(record));
    ASSERT_TRUE(record.error) << length;
    EXPECT_EQ(record.error->field, 0u);
    ASSERT_EQ(record.fields.size(), 2u);
    EXPECT_EQ(record.fields[1], "next");
  }
}

TEST(CsvReader, KeepsALoneCarriageReturnInsideAField) {
  EXPECT_EQ(read_all("a\rb,c\n"), (std::vector<std::vector<std::string>>{{"a\rb", "c"}}));
}

TEST(CsvReader, UnescapesDoubledQuotesInPlaceAndCountsQuotedLines) {
  std::string text = "\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row\n";
  CsvReader reader(text);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.line, 1);
  EXPECT_EQ(record.fields[0], "say \"hi\"");
  EXPECT_EQ(record.fields[1], "two\nlines");
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.line, 3);
  EXPECT_EQ(record.fields[0], "next");
  EXPECT_FALSE(reader.next(record));
}

TEST(CsvReader, ReportsAnEmptyTrailingFieldAndSkipsTheByteOrderMark) {
  EXPECT_EQ(read_all("\xEF\xBB\xBF"
                     "a,\n,b\n"),
            (std::vector<std::vector<std::string>>{{"a", ""}, {"", "b"}}));
}

}  // namespace
}  // namespace dun
