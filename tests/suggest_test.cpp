#include "stdlib/suggest.hpp"

#include <gtest/gtest.h>

namespace dun {
namespace {

TEST(Suggest, FindsTheClosestPlausibleTypo) {
  constexpr std::string_view fields[] = {"balance", "amount", "due_date", "days_overdue"};
  EXPECT_EQ(closest_match("balanse", fields), "balance");
  EXPECT_EQ(closest_match("ammount", fields), "amount");
  EXPECT_EQ(closest_match("due_dtae", fields), "due_date");  // transposition counts once
  EXPECT_EQ(closest_match("customer", fields), std::nullopt);
  EXPECT_EQ(closest_match("balance", fields), std::nullopt);  // an exact name is no typo
}

TEST(Suggest, EditDistance) {
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
}

}  // namespace
}  // namespace dun
