#include "engine/run/snapshot_gate.hpp"

#include <gtest/gtest.h>

namespace dun {
namespace {

SnapshotGateCounts healthy() {
  SnapshotGateCounts counts;
  counts.active_sequences = 1000;
  counts.closing = 30;
  counts.invoices = 1200;
  counts.rows = 1500;
  counts.bad_rows = 3;
  return counts;
}

TEST(SnapshotGate, PassesAnOrdinaryDay) {
  EXPECT_EQ(snapshot_gate_refusal(healthy(), SafetyConfig{}), std::nullopt);
}

TEST(SnapshotGate, PassesAnythingOnAStoreWithoutActiveSequences) {
  SnapshotGateCounts counts;
  counts.rows = 10;
  counts.bad_rows = 10;
  EXPECT_EQ(snapshot_gate_refusal(counts, SafetyConfig{}), std::nullopt);
}

TEST(SnapshotGate, RefusesASnapshotWithoutInvoices) {
  SnapshotGateCounts counts = healthy();
  counts.invoices = 0;
  counts.closing = 1000;
  counts.tasks_cancelled = 7;
  EXPECT_EQ(*snapshot_gate_refusal(counts, SafetyConfig{}),
            "the snapshot looks wrong and nothing was committed: it holds no invoice at all, "
            "while the store follows 1000 active sequences; the run would close 1000 sequences "
            "and cancel 7 agenda tasks. Check the export (the quarantined rows follow); if the "
            "snapshot is right, run again with --accept-snapshot");
}

TEST(SnapshotGate, RefusesClosingMoreThanMaxCloseShare) {
  SnapshotGateCounts counts = healthy();
  counts.closing = 200;  // exactly the share: passes
  EXPECT_EQ(snapshot_gate_refusal(counts, SafetyConfig{}), std::nullopt);
  counts.closing = 201;
  const auto refusal = snapshot_gate_refusal(counts, SafetyConfig{});
  ASSERT_TRUE(refusal);
  EXPECT_NE(refusal->find("it would close 201 of 1000 (20.1 %) active sequences, more than "
                          "[safety] max_close_share (20.0 %)"),
            std::string::npos)
      << *refusal;
  SafetyConfig lenient;
  lenient.max_close_share = 0.5;
  EXPECT_EQ(snapshot_gate_refusal(counts, lenient), std::nullopt);
}

TEST(SnapshotGate, RefusesQuarantiningMoreThanMaxBadShare) {
  SnapshotGateCounts counts = healthy();
  counts.bad_rows = 15;  // exactly 1 %
  EXPECT_EQ(snapshot_gate_refusal(counts, SafetyConfig{}), std::nullopt);
  counts.bad_rows = 16;
  const auto refusal = snapshot_gate_refusal(counts, SafetyConfig{});
  ASSERT_TRUE(refusal);
  EXPECT_NE(refusal->find("it quarantines 16 of 1500 (1.1 %) rows, more than [safety] "
                          "max_bad_share (1.0 %)"),
            std::string::npos)
      << *refusal;
}

TEST(SnapshotGate, JudgesSharesOnlyFromMinActiveSequences) {
  SnapshotGateCounts counts;
  counts.active_sequences = 49;
  counts.closing = 49;
  counts.invoices = 1;
  counts.rows = 2;
  counts.bad_rows = 1;
  EXPECT_EQ(snapshot_gate_refusal(counts, SafetyConfig{}), std::nullopt);
  counts.active_sequences = 50;
  EXPECT_TRUE(snapshot_gate_refusal(counts, SafetyConfig{}));
  SafetyConfig always;
  always.min_active_sequences = 0;
  counts.active_sequences = 1;
  counts.closing = 1;
  EXPECT_TRUE(snapshot_gate_refusal(counts, always));
}

}  // namespace
}  // namespace dun
