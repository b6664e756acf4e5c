#include "dsl/batch.hpp"

#include <gtest/gtest.h>

namespace dun::dsl {
namespace {

TEST(Batch, StringColumnsReadByRowOrThroughIds) {
  const char bytes[] = "frdeen";
  const std::uint32_t offsets[] = {0, 2, 4, 6};
  const std::uint32_t ids[] = {2, 0, 0};
  const StringColumn by_row{bytes, offsets, nullptr};
  const StringColumn by_id{bytes, offsets, ids};
  EXPECT_EQ(by_row.at(1), "de");
  EXPECT_EQ(by_id.at(0), "en");
  EXPECT_EQ(by_id.at(2), "fr");
}

TEST(Batch, ClauseSitesRoundTrip) {
  const std::uint16_t site = clause_site(ClauseKind::when, 7);
  EXPECT_EQ(site_kind(site), ClauseKind::when);
  EXPECT_EQ(site_index(site), 7);
}

TEST(Batch, SkipReasonsPackTwoBitsPerSkippedStep) {
  Decision decision;
  decision.skip_reasons = static_cast<std::uint64_t>(SkipReason::late) |
                          static_cast<std::uint64_t>(SkipReason::condition) << 2 |
                          static_cast<std::uint64_t>(SkipReason::expired) << 62;
  EXPECT_EQ(decision.skip_reason(0), SkipReason::late);
  EXPECT_EQ(decision.skip_reason(1), SkipReason::condition);
  EXPECT_EQ(decision.skip_reason(31), SkipReason::expired);
}

}  // namespace
}  // namespace dun::dsl
