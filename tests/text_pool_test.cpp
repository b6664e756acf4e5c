// TextPool and RowText (engine/model/text_pool.hpp): the text a ChangeBatch's rows view.
#include "engine/model/text_pool.hpp"

#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <vector>

#include "engine/model/store_records.hpp"

namespace dun {
namespace {

// A row cannot view a temporary std::string (it would dangle at the end of the statement); it
// can view a string that lives on, a string_view or a literal.
static_assert(!std::is_constructible_v<RowText, std::string&&>);
static_assert(!std::is_constructible_v<RowText, std::string>);
static_assert(std::is_constructible_v<RowText, const std::string&>);
static_assert(std::is_constructible_v<RowText, std::string_view>);
static_assert(std::is_constructible_v<RowText, const char*>);

TEST(TextPoolTest, KeptTextOutlivesItsSourceAndEveryLaterKeep) {
  TextPool pool;
  std::vector<std::string_view> views;
  std::vector<std::string> expected;
  // Far more than one 64 KiB block: the early views must not move when blocks are added.
  for (int n = 0; n < 20'000; ++n) {
    std::string id = "INV-" + std::to_string(n);
    views.push_back(pool.keep(id));
    expected.push_back(std::move(id));  // the source is moved away; the kept copy stays
  }
  for (std::size_t i = 0; i < views.size(); ++i) ASSERT_EQ(views[i], expected[i]) << i;
}

TEST(TextPoolTest, ATextLongerThanABlockIsKeptWhole) {
  TextPool pool;
  const std::string_view before = pool.keep("before");
  const std::string long_text(200'000, 'x');
  const std::string_view kept = pool.keep(long_text);
  const std::string_view after = pool.keep("after");
  EXPECT_EQ(kept, long_text);
  EXPECT_NE(kept.data(), long_text.data()) << "a copy, not the caller's buffer";
  EXPECT_EQ(before, "before");
  EXPECT_EQ(after, "after");
}

TEST(TextPoolTest, EmptyTextNeedsNoBlock) {
  TextPool pool;
  EXPECT_TRUE(pool.keep("").empty());
  EXPECT_EQ(pool.keep(std::string_view{}), "");
}

TEST(TextPoolTest, ACopiedBatchKeepsTheViewsOfTheOriginalValid) {
  ChangeBatch copy;
  {
    ChangeBatch original;
    std::string step = "formal";  // a local: kept in the batch's pool
    original.step_events.push_back(StepEvent{original.text.keep("INV-7"), "standard_b2b",
                                             original.text.keep(step), StepStatus::skipped,
                                             "settled", Date{}, ""});
    step = "overwritten";
    copy = original;
  }  // the original and its pool handle are gone; the copy shares the blocks
  ASSERT_EQ(copy.step_events.size(), 1U);
  EXPECT_EQ(copy.step_events[0].invoice_id, "INV-7");
  EXPECT_EQ(copy.step_events[0].step, "formal");
  EXPECT_EQ(copy.step_events[0].reason, "settled");
}

}  // namespace
}  // namespace dun
