#include "stdlib/status.hpp"

#include <gtest/gtest.h>

namespace dun {
namespace {

Status fail_when(bool failing) {
  if (failing) return Error{"it failed"};
  return Status::Ok();
}

TEST(Status, OkCarriesNoError) {
  const Status status = Status::Ok();
  EXPECT_TRUE(status.ok());
  EXPECT_TRUE(static_cast<bool>(status));
}

TEST(Status, ConvertsFromAnErrorAndKeepsItsMessage) {
  const Status status = fail_when(true);
  EXPECT_FALSE(status.ok());
  EXPECT_FALSE(static_cast<bool>(status));
  EXPECT_EQ(status.error().message, "it failed");
  EXPECT_TRUE(fail_when(false).ok());
}

TEST(Status, PassesOnTheErrorOfAFailedResult) {
  const Result<int> failed = Error{"no value"};
  const Status status = failed.error();
  EXPECT_EQ(status.error().message, "no value");
}

}  // namespace
}  // namespace dun
