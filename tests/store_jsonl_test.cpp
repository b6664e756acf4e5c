// The jsonl adapter's outbox in the state store (engine/store/store_jsonl.cpp): lines committed
// with their actions reach the file once; an unusable file is a clear error that keeps them queued.
// (A crash at each point of a flush is tested by run_crash_test.)
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/model/action_json.hpp"
#include "store_test_support.hpp"

namespace dun {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class StoreJsonlTest : public testing::StoreTest {};

TEST_F(StoreJsonlTest, CommittedLinesReachTheFileOnceAndDuplicatesAreNotEmittedAgain) {
  StateStore store = open_store();
  const auto jsonl = directory_ / "actions.jsonl";
  ChangeBatch batch;
  batch.actions.push_back(testing::email_action("a1", {"I1"}, "2026-01-19"));
  ASSERT_TRUE(store.commit_run(testing::run_on("2026-01-19"), batch, {}, jsonl));
  EXPECT_EQ(read_file(jsonl), "") << "nothing is written before the flush";
  auto flushed = store.flush_jsonl();
  ASSERT_TRUE(flushed) << flushed.error().message;
  EXPECT_EQ(*flushed, 1u);
  const std::string once = action_to_json(batch.actions.front()) + "\n";
  EXPECT_EQ(read_file(jsonl), once);

  // The same action again (a re-run of the day): stored once, emitted once.
  ASSERT_TRUE(store.commit_run(testing::run_on("2026-01-19"), batch, {}, jsonl));
  ASSERT_TRUE(store.flush_jsonl());
  EXPECT_EQ(read_file(jsonl), once);
}

TEST_F(StoreJsonlTest, AnUnwritableFileIsAClearErrorAndTheLinesStayQueued) {
  StateStore store = open_store();
  const auto jsonl = directory_ / "missing-dir" / "actions.jsonl";
  ChangeBatch batch;
  batch.actions.push_back(testing::email_action("a1", {"I1"}, "2026-01-19"));
  ASSERT_TRUE(store.commit_run(testing::run_on("2026-01-19"), batch, {}, jsonl));
  auto flushed = store.flush_jsonl();
  ASSERT_FALSE(flushed);
  EXPECT_NE(flushed.error().message.find(jsonl.string() + ": cannot open the jsonl file"),
            std::string::npos)
      << flushed.error().message;

  std::filesystem::create_directories(jsonl.parent_path());
  flushed = store.flush_jsonl();
  ASSERT_TRUE(flushed) << flushed.error().message;
  EXPECT_EQ(*flushed, 1u) << "the queued line is written once the file can be";
  EXPECT_EQ(read_file(jsonl), action_to_json(batch.actions.front()) + "\n");
}

}  // namespace
}  // namespace dun
