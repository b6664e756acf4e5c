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

TEST(CsvReader, UnescapesDoubledQuotesAndCountsQuotedLines) {
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

// Unescaping writes nothing into the buffer: in a mapped file every page written would be a
// copy-on-write fault (docs/snapshot-loading.md).
TEST(CsvReader, UnescapesIntoItsOwnStorageLeavingTheBufferAsItWas) {
  const std::string original = "\"say \"\"hi\"\"\",\"a \"\"b\"\"\"\nnext,row\n";
  std::string text = original;
  CsvReader reader(text);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.fields[0], "say \"hi\"");
  EXPECT_EQ(record.fields[1], "a \"b\"");
  EXPECT_EQ(text, original);
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.fields[0], "next");
  EXPECT_EQ(text, original);
}

// A file with "" on every row: the reader reuses one record's copies for the next, so it holds
// a record's worth however long the file (at 10M rows one copy per row would be hundreds of MB).
TEST(CsvReader, ReusesItsUnescapedStorageFromOneRecordToTheNext) {
  std::string text;
  for (int n = 0; n < 1000; ++n) {
    text += "\"row \"\"" + std::to_string(n) + "\"\"\",\"x\"\"y\",plain\n";
  }
  CsvReader reader(text);
  CsvRecord record;
  int records = 0;
  while (reader.next(record)) {
    ASSERT_EQ(record.fields.size(), 3u);
    EXPECT_EQ(record.fields[0], "row \"" + std::to_string(records) + "\"");
    EXPECT_EQ(record.fields[1], "x\"y");
    ++records;
  }
  EXPECT_EQ(records, 1000);
  EXPECT_EQ(reader.unescaped_fields_held(), 2u);
}

// A reader told to keep them (the two-thread load's second reader) holds every record's copies,
// and the views of earlier records stay as they were read.
TEST(CsvReader, KeepsEveryUnescapedFieldWhenAskedTo) {
  std::string text = "\"a \"\"1\"\"\"\n\"b \"\"2\"\"\"\n\"c \"\"3\"\"\"\n";
  CsvReader reader(text);
  reader.keep_unescaped_fields();
  CsvRecord record;
  std::vector<std::string_view> kept;
  while (reader.next(record)) kept.push_back(record.fields[0]);
  EXPECT_EQ(kept, (std::vector<std::string_view>{"a \"1\"", "b \"2\"", "c \"3\""}));
  EXPECT_EQ(reader.unescaped_fields_held(), 3u);
}

TEST(CsvReader, ReportsAnEmptyTrailingFieldAndSkipsTheByteOrderMark) {
  EXPECT_EQ(read_all("\xEF\xBB\xBF"
                     "a,\n,b\n"),
            (std::vector<std::vector<std::string>>{{"a", ""}, {"", "b"}}));
}

// ---------------------------------------------------------------- bad input does not spread

struct ReadRecord {
  std::vector<std::string> fields;
  std::int64_t line;
  std::string error;  // empty when none
};

std::vector<ReadRecord> read_with_errors(std::string text, int max_field_lines = 16) {
  CsvReader reader(text, max_field_lines);
  CsvRecord record;
  std::vector<ReadRecord> records;
  while (reader.next(record)) {
    records.push_back({{record.fields.begin(), record.fields.end()},
                       record.line,
                       record.error ? record.error->reason : std::string()});
  }
  return records;
}

// Ten records after a stray quote that opens a field and is never closed: the bad record is one
// row, and every later line is read again as its own record.
TEST(CsvReader, AStrayQuoteNeverClosedCostsOneRecord) {
  std::string text = "id,name\nA1,first\nA2,\"oops\n";
  for (int i = 3; i <= 12; ++i) text += "A" + std::to_string(i) + ",row\n";
  const auto records = read_with_errors(text);
  ASSERT_EQ(records.size(), 13u);
  EXPECT_EQ(records[2].line, 3);
  EXPECT_EQ(records[2].error,
            "a quoted field is never closed (a stray '\"'?); reading resumed at the next line");
  EXPECT_EQ(records[2].fields[0], "A2");
  for (std::size_t k = 3; k < records.size(); ++k) {
    EXPECT_EQ(records[k].error, "") << k;
    EXPECT_EQ(records[k].line, static_cast<std::int64_t>(k + 1));
    EXPECT_EQ(records[k].fields, (std::vector<std::string>{"A" + std::to_string(k), "row"}));
  }
}

// A stray quote closed by another one far below: past max_field_lines the field is cut.
TEST(CsvReader, AQuotedFieldOverMaxFieldLinesIsCutAndReadingResumes) {
  std::string text = "A1,\"stray\n";
  for (int i = 2; i <= 6; ++i) text += "A" + std::to_string(i) + ",row\n";
  text += "A7,\"closes here\"\n";
  const auto cut = read_with_errors(text, /*max_field_lines=*/3);
  ASSERT_EQ(cut.size(), 7u);
  EXPECT_EQ(cut[0].error,
            "a quoted field runs over more than 3 lines (a stray '\"'?); reading resumed at the "
            "next line");
  EXPECT_EQ(cut[1].fields, (std::vector<std::string>{"A2", "row"}));
  EXPECT_EQ(cut[1].line, 2);
  EXPECT_EQ(cut[6].fields, (std::vector<std::string>{"A7", "closes here"}));
  EXPECT_EQ(cut[6].line, 7);
  // Within the limit the same text is one (odd but well-formed) multi-line field... which has
  // text after its closing quote: still one bad record, and reading resumes at line 2.
  const auto within = read_with_errors(text, /*max_field_lines=*/16);
  ASSERT_EQ(within.size(), 7u);
  EXPECT_NE(within[0].error.find("text after the closing quote"), std::string::npos);
  EXPECT_EQ(within[1].fields, (std::vector<std::string>{"A2", "row"}));
}

TEST(CsvReader, AMultiLineFieldWithinTheLimitIsOneField) {
  const auto records = read_with_errors("a,\"1\n2\n3\",b\nnext,row\n", /*max_field_lines=*/2);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].error, "");
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "1\n2\n3", "b"}));
  EXPECT_EQ(records[1].line, 4);
}

// A doubled quote is compacted only once the field is known good: a field cut for its length
// leaves the bytes of the lines read again untouched.
TEST(CsvReader, ACutFieldLeavesItsLinesIntact) {
  const auto records =
      read_with_errors("x,\"a\"\"b\nB,\"say \"\"hi\"\"\"\nC,c\nD,d\n", /*max_field_lines=*/1);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_NE(records[0].error, "");
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"B", "say \"hi\""}));
  EXPECT_EQ(records[3].fields, (std::vector<std::string>{"D", "d"}));
}

TEST(CsvReader, ReadsCarriageReturnLineEndings) {
  EXPECT_EQ(
      read_all("id,name\rA1,\"two\rlines\"\rA2,x\r"),
      (std::vector<std::vector<std::string>>{{"id", "name"}, {"A1", "two\nlines"}, {"A2", "x"}}));
  // The line numbers are those of the CR-separated lines.
  const auto records = read_with_errors("h\ra\rb\r");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].line, 3);
  // With a byte order mark too.
  EXPECT_EQ(read_all("\xEF\xBB\xBFh\ra\r"), (std::vector<std::vector<std::string>>{{"h"}, {"a"}}));
}

}  // namespace
}  // namespace dun
