// IdIndex: the hash index from an id to its row, and its batched lookup (find_each), which must
// answer exactly what find() answers, key by key and in order.
#include "engine/portfolio/id_index.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dun {
namespace {

// An index over `count` ids "I0", "I1", ...
struct IndexedIds {
  TextColumn ids;
  IdIndex index;

  explicit IndexedIds(int count) {
    index.reserve(ids, static_cast<std::size_t>(count));
    for (int n = 0; n < count; ++n) {
      const std::string id = "I" + std::to_string(n);
      ids.push_back(id);
      index.insert(ids, static_cast<std::uint32_t>(n), IdIndex::hash(id));
    }
  }
};

// find_each's answers as (key, row or nullopt), in the order it gave them.
std::vector<std::pair<std::size_t, std::optional<std::uint32_t>>> batched(const IndexedIds& indexed,
                                                                          const TextColumn& keys) {
  std::vector<std::pair<std::size_t, std::optional<std::uint32_t>>> answers;
  indexed.index.find_each(
      indexed.ids, keys, [&](std::size_t k, std::uint32_t row) { answers.emplace_back(k, row); },
      [&](std::size_t k) { answers.emplace_back(k, std::nullopt); });
  return answers;
}

TEST(IdIndex, FindsEachIdAtItsRow) {
  const IndexedIds indexed(1000);
  for (std::uint32_t n = 0; n < 1000; ++n) {
    EXPECT_EQ(indexed.index.find(indexed.ids, "I" + std::to_string(n)), n);
  }
  EXPECT_EQ(indexed.index.find(indexed.ids, "I1000"), std::nullopt);
  EXPECT_EQ(indexed.index.find(indexed.ids, ""), std::nullopt);
}

// Keys found and missing, repeated, out of order, over several batches and a partial last one.
TEST(IdIndex, FindEachAnswersWhatFindAnswersKeyByKeyInOrder) {
  const IndexedIds indexed(5000);
  TextColumn keys;
  for (int n = 0; n < 203; ++n) {
    keys.push_back("I" + std::to_string((n * 7919) % 6000));  // ids 5000.. are missing
    if (n % 10 == 0) keys.push_back("X" + std::to_string(n));
    if (n % 17 == 0) keys.push_back("I42");
  }
  ASSERT_GT(keys.size(), 64u);
  ASSERT_NE(keys.size() % 32, 0u);
  std::vector<std::pair<std::size_t, std::optional<std::uint32_t>>> expected;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    expected.emplace_back(k, indexed.index.find(indexed.ids, keys[k]));
  }
  const auto answers = batched(indexed, keys);
  EXPECT_EQ(answers, expected);
  std::size_t missing = 0;
  for (const auto& [key, row] : answers) missing += row ? 0 : 1;
  EXPECT_GT(missing, 20u);
  EXPECT_LT(missing, keys.size() / 2);
}

TEST(IdIndex, FindEachOnAnEmptyIndexFindsNothing) {
  const IndexedIds empty(0);
  TextColumn keys;
  keys.push_back("I0");
  keys.push_back("");
  EXPECT_EQ(batched(empty, keys),
            (std::vector<std::pair<std::size_t, std::optional<std::uint32_t>>>{{0, std::nullopt},
                                                                               {1, std::nullopt}}));
  EXPECT_TRUE(batched(empty, TextColumn()).empty());
}

}  // namespace
}  // namespace dun
