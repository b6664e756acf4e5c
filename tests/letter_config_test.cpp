// dun.toml's [letters] table and the [company] logo check (engine/base/config_letters.hpp), read
// through load_config as a user's file would be.
#include <gtest/gtest.h>

#include <fstream>

#include "engine/base/config.hpp"

namespace dun {
namespace {

namespace fs = std::filesystem;

class LetterConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dun-letter-config-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "assets");
    // The 8-byte PNG signature is all the check reads.
    std::ofstream(dir_ / "assets/logo.png", std::ios::binary) << "\x89PNG\r\n\x1a\n....";
    std::ofstream(dir_ / "assets/logo.jpg", std::ios::binary) << "\xff\xd8\xff\xe0 JFIF";
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& text) {
    const fs::path path = dir_ / "dun.toml";
    std::ofstream(path) << text;
    return path;
  }
  // The error message with the file's folder replaced by DIR, for exact comparison.
  std::string error_of(const std::string& text) {
    const auto config = load_config(write(text));
    if (config.ok()) return "(no error)";
    std::string message = config.error().message;
    for (std::size_t at; (at = message.find(dir_.string())) != std::string::npos;)
      message.replace(at, dir_.string().size(), "DIR");
    return message;
  }

  fs::path dir_;
};

TEST_F(LetterConfig, DefaultsToDin5008FormB) {
  const auto config = load_config(write("[company]\nname = \"X\"\n"));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->letters.window, "din5008b");
  EXPECT_EQ(config->letters.address_left_mm, 20);
  EXPECT_EQ(config->letters.address_top_mm, 45);
  EXPECT_EQ(config->letters.fold_marks_mm, (std::vector<double>{105, 210}));
}

TEST_F(LetterConfig, PresetThenExplicitOffsetsWhateverTheirOrder) {
  const auto config = load_config(write(R"([letters]
address_top_mm = 52.5
window = "nf_z10_011"
fold_marks = false
punch_mark = true
)"));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->letters.window, "nf_z10_011");
  EXPECT_EQ(config->letters.address_left_mm, 100);
  EXPECT_EQ(config->letters.address_top_mm, 52.5);
  EXPECT_FALSE(config->letters.fold_marks);
  EXPECT_EQ(config->letters.punch_mark_mm, 148.5);
}

TEST_F(LetterConfig, FoldMarksAreAList) {
  const auto config = load_config(write("[letters]\nfold_marks_mm = [99, 198.0]\n"));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->letters.fold_marks_mm, (std::vector<double>{99, 198}));
}

TEST_F(LetterConfig, MistakesNameTheLine) {
  EXPECT_EQ(error_of("[letters]\nwindow = \"din5008a\"\n"),
            "DIR/dun.toml:2:10: [letters] window must be \"din5008b\" or \"nf_z10_011\" (then "
            "move the address field with address_left_mm and address_top_mm)");
  EXPECT_EQ(error_of("[letters]\naddres_top_mm = 50\n"),
            "DIR/dun.toml:2:1: unknown key 'addres_top_mm' in [letters]; did you mean "
            "'address_top_mm'?");
  EXPECT_EQ(error_of("[letters]\naddress_top_mm = \"50\"\n"),
            "DIR/dun.toml:2:18: [letters] address_top_mm must be a number of millimetres");
  EXPECT_EQ(error_of("[letters]\nwindow = \"nf_z10_011\"\naddress_width_mm = 120\n"),
            "DIR/dun.toml:3:20: [letters] address_width_mm = 120 mm does not fit an A4 letter: "
            "use 40 mm to 110 mm");
  EXPECT_EQ(error_of("[letters]\nfold_marks = \"yes\"\n"),
            "DIR/dun.toml:2:14: [letters] fold_marks must be true or false");
  EXPECT_EQ(error_of("[letters]\nfold_marks_mm = [105, \"210\"]\n"),
            "DIR/dun.toml:2:23: [letters] fold_marks_mm must be a number of millimetres");
  EXPECT_EQ(error_of("[letters]\nmention_height_mm = 40\n"),
            "DIR/dun.toml:2:21: [letters] mention_height_mm = 40 mm leaves less than 15 mm for "
            "the recipient's address in a 45 mm field");
}

TEST_F(LetterConfig, LogoMustStayInTheConfigFolderAndBeAReadablePng) {
  const auto config = load_config(write("[company]\nlogo = \"assets/logo.png\"\n"));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->company.logo, dir_ / "assets/logo.png");

  EXPECT_EQ(error_of("[company]\nlogo = \"../../etc/logo.png\"\n"),
            "DIR/dun.toml:2:8: logo '../../etc/logo.png' leaves the folder of the config file: "
            "put the PNG in that folder (e.g. assets/logo.png)");
  EXPECT_EQ(error_of("[company]\nlogo = \"assets/../../logo.png\"\n"),
            "DIR/dun.toml:2:8: logo 'assets/../../logo.png' leaves the folder of the config "
            "file: put the PNG in that folder (e.g. assets/logo.png)");
  EXPECT_EQ(error_of("[company]\nlogo = \"assets/missing.png\"\n"),
            "DIR/dun.toml:2:8: logo 'DIR/assets/missing.png' cannot be read: check the path and "
            "its permissions");
  EXPECT_EQ(error_of("[company]\nlogo = \"assets/logo.jpg\"\n"),
            "DIR/dun.toml:2:8: logo 'DIR/assets/logo.jpg' is not a PNG image: convert it to PNG");
  EXPECT_EQ(error_of("[company]\nlogo = \"assets\"\n"),
            "DIR/dun.toml:2:8: logo 'DIR/assets' cannot be read: check the path and its "
            "permissions");
  EXPECT_EQ(error_of("[company]\nlogo = \"\"\n"),
            "DIR/dun.toml:2:8: logo is empty: give a PNG (e.g. logo = \"assets/logo.png\") or "
            "remove the line for a letterhead without a logo");
}

}  // namespace
}  // namespace dun
