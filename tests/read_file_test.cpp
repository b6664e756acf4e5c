#include "stdlib/read_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace dun {
namespace {

class ReadFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("dun_read_file_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::filesystem::path folder_;
};

TEST_F(ReadFileTest, ReturnsTheBytesAsStored) {
  const std::string bytes("line\r\nwith a \0 NUL\n", 19);
  { std::ofstream(folder_ / "f.bin", std::ios::binary) << bytes; }
  auto read = read_file(folder_ / "f.bin");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(*read, bytes);
}

TEST_F(ReadFileTest, AnEmptyFileIsEmptyNotAnError) {
  { std::ofstream(folder_ / "empty.txt"); }
  auto read = read_file(folder_ / "empty.txt");
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, "");
}

TEST_F(ReadFileTest, AMissingFileOrAFolderIsAnErrorNamingThePath) {
  auto missing = read_file(folder_ / "nothing.txt");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, (folder_ / "nothing.txt").string() + ": no such file");
  auto folder = read_file(folder_);
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().message, folder_.string() + ": not a file");
}

}  // namespace
}  // namespace dun
