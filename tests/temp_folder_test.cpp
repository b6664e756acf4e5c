#include "engine/base/temp_folder.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace dun {
namespace {

namespace fs = std::filesystem;

TEST(TemporaryFolder, IsRemovedWithItsFilesWhenItDies) {
  fs::path path;
  {
    auto folder = TemporaryFolder::create("dun-temp-test");
    ASSERT_TRUE(folder) << folder.error().message;
    path = folder->path();
    EXPECT_TRUE(fs::is_directory(path));
    EXPECT_EQ(path.filename().string().rfind("dun-temp-test-", 0), 0u) << path;
    std::ofstream(path / "file.txt") << "kept until the folder dies";
  }
  EXPECT_FALSE(fs::exists(path));
}

TEST(TemporaryFolder, AMovedFolderIsRemovedOnceByItsNewOwner) {
  fs::path path;
  {
    auto created = TemporaryFolder::create("dun-temp-test");
    ASSERT_TRUE(created);
    TemporaryFolder moved(std::move(created).value());
    path = moved.path();
    EXPECT_TRUE(fs::is_directory(path));
  }
  EXPECT_FALSE(fs::exists(path));
}

TEST(TemporaryFolder, AReleasedFolderStays) {
  fs::path kept;
  {
    auto created = TemporaryFolder::create("dun-temp-test");
    ASSERT_TRUE(created);
    TemporaryFolder folder = std::move(created).value();
    kept = folder.release();
  }
  EXPECT_TRUE(fs::is_directory(kept));
  fs::remove_all(kept);
}

}  // namespace
}  // namespace dun
