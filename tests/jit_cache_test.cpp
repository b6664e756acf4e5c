// The JIT's on-disk object cache (docs/jit.md): an unchanged scenario is loaded, not recompiled;
// any change of the key misses; a truncated, bit-flipped or foreign entry is detected by its
// checks, compiled again and rewritten, and never crashes; an unwritable cache costs only time.
#include <gtest/gtest.h>

#include "dsl/jit_cache.hpp"
#include "engine/base/temp_folder.hpp"
#include "tests/jit_test_util.hpp"

namespace dun::dsl {
namespace {

namespace fs = std::filesystem;
using testing::compile;
using testing::day;

const std::string kScenario = R"(
scenario cached "Cached"
  applies when invoice.balance > 0
  step first
    at invoice.due_date + 7 days
    wait until invoice.balance >= 50 EUR
    email "first"
  step second
    at first + 10 days
    email "second"
end
)";

class JitCache : public ::testing::Test {
 protected:
  void SetUp() override {
    auto folder = make_temp_folder("dun-jit-cache");
    ASSERT_TRUE(folder.ok()) << folder.error().message;
    dir_ = *folder;
    scenario_ = compile(kScenario);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Compiles with the cache and returns how the cache answered.
  JitCacheStats compile_once(int opt_level = 2, const std::string& key = "source-hash") {
    const JitCacheStats before = jit_cache_stats();
    JitOptions options;
    options.opt_level = opt_level;
    options.cache_dir = dir_;
    options.cache_key = key;
    auto compiled = compile_jit(*scenario_, options);
    EXPECT_TRUE(compiled.ok()) << (compiled.ok() ? "" : compiled.error().message);
    if (compiled.ok()) expect_right_decisions(**compiled);
    const JitCacheStats after = jit_cache_stats();
    return {after.hits - before.hits, after.misses - before.misses,
            after.rejected - before.rejected};
  }

  void expect_right_decisions(const CompiledScenario& compiled) {
    const std::int32_t today = day("2026-03-01");
    testing::SyntheticBatch synthetic(100, 2, today, 3);
    const testing::TestBatch batch(synthetic.portfolio, 2, synthetic.states, today);
    auto interpreter = Interpreter::create(*scenario_);
    ASSERT_TRUE(interpreter.ok());
    std::vector<Decision> expected(100), actual(100);
    interpreter->evaluate(batch.input(), expected);
    compiled.evaluate(batch.input(), actual);
    EXPECT_EQ(actual, expected);
  }

  std::vector<fs::path> entries() const {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir_)) files.push_back(entry.path());
    return files;
  }

  static std::string read(const fs::path& path) { return testing::read_text(path); }
  static void write(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  }

  fs::path dir_;
  std::unique_ptr<ir::Scenario> scenario_;
};

TEST_F(JitCache, AnUnchangedScenarioIsCompiledOnceThenLoaded) {
  JitCacheStats first = compile_once();
  EXPECT_EQ(first.misses, 1u);
  EXPECT_EQ(first.hits, 0u);
  ASSERT_EQ(entries().size(), 1u);
  EXPECT_EQ(entries()[0].extension(), ".dunjit");
  const std::string stored = read(entries()[0]);
  JitCacheStats second = compile_once();
  EXPECT_EQ(second.hits, 1u);
  EXPECT_EQ(second.misses, 0u);
  EXPECT_EQ(read(entries()[0]), stored);  // a hit does not rewrite the entry
}

TEST_F(JitCache, AnyPartOfTheKeyChangesTheEntry) {
  EXPECT_EQ(compile_once(2, "hash-a").misses, 1u);
  EXPECT_EQ(compile_once(2, "hash-b").misses, 1u);  // the source changed
  EXPECT_EQ(compile_once(0, "hash-a").misses, 1u);  // another opt level
  EXPECT_EQ(entries().size(), 3u);
  EXPECT_EQ(compile_once(2, "hash-a").hits, 1u);
}

TEST_F(JitCache, ATruncatedEntryIsRejectedAndRewritten) {
  compile_once();
  const fs::path entry = entries()[0];
  const std::string stored = read(entry);
  for (const std::size_t size :
       {std::size_t{0}, std::size_t{7}, std::size_t{40}, stored.size() / 2, stored.size() - 1}) {
    write(entry, stored.substr(0, size));
    const JitCacheStats stats = compile_once();
    EXPECT_EQ(stats.rejected, 1u) << "truncated to " << size;
    EXPECT_EQ(stats.hits, 0u);
    EXPECT_EQ(compile_once().hits, 1u) << "rewritten after truncation to " << size;
  }
}

TEST_F(JitCache, AFlippedByteAnywhereIsRejected) {
  compile_once();
  const fs::path entry = entries()[0];
  const std::string stored = read(entry);
  // The magic, the sizes, the checksum, the key and several places in the object code.
  for (const std::size_t at : {std::size_t{0}, std::size_t{13}, std::size_t{20}, std::size_t{30},
                               std::size_t{40}, stored.size() / 2, stored.size() - 1}) {
    std::string damaged = stored;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    write(entry, damaged);
    EXPECT_EQ(compile_once().rejected, 1u) << "byte " << at;
    EXPECT_EQ(read(entry), stored) << "byte " << at << ": the entry is rewritten";
  }
  // Something else entirely under the entry's name.
  write(entry, std::string(4096, 'x'));
  EXPECT_EQ(compile_once().rejected, 1u);
}

TEST_F(JitCache, AnUnwritableCacheOnlyCostsACompilation) {
  const fs::path file = dir_ / "not-a-folder";
  write(file, "x");
  JitOptions options;
  options.cache_dir = file / "cache";  // under a regular file: cannot be created
  options.cache_key = "k";
  auto compiled = compile_jit(*scenario_, options);
  ASSERT_TRUE(compiled.ok()) << compiled.error().message;
  expect_right_decisions(**compiled);
}

TEST_F(JitCache, EntriesRoundTripAndCheckTheirKey) {
  ASSERT_TRUE(jit::write_cache_entry(dir_, "key one", "object bytes"));
  const jit::CacheEntry hit = jit::read_cache_entry(dir_, "key one");
  EXPECT_EQ(hit.status, jit::CacheLookup::hit);
  EXPECT_EQ(hit.object, "object bytes");
  EXPECT_EQ(jit::read_cache_entry(dir_, "key two").status, jit::CacheLookup::miss);
  // Another key stored under this key's file name (a collision of the hashed names) is no hit.
  fs::copy_file(jit::cache_entry_path(dir_, "key one"), jit::cache_entry_path(dir_, "key two"));
  EXPECT_EQ(jit::read_cache_entry(dir_, "key two").status, jit::CacheLookup::rejected);
}

TEST(JitCacheLocation, IsAFolderBesideTheStateStore) {
  EXPECT_EQ(jit_cache_dir_for("demo/dun.db"), fs::path("demo/jit-cache"));
  EXPECT_EQ(jit_cache_dir_for("dun.db"), fs::path("jit-cache"));
}

}  // namespace
}  // namespace dun::dsl
