// The adapter registry (adapters/registry.hpp): every [adapters.NAME] of dun.toml is validated
// before anything is delivered, with an error at the line to fix.
#include "adapters/registry.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace dun::adapters {
namespace {

class RegistryTest : public ::testing::Test {
 protected:
  // Loads `text` as a real dun.toml, so positions are the parser's.
  Result<AdapterSet> build(const std::string& text) {
    path_ =
        std::filesystem::temp_directory_path() /
        ("dun-registry-" +
         std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".toml");
    std::ofstream(path_) << text;
    auto config = load_config(path_);
    if (!config) return config.error();
    return build_adapters(*config);
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string at(const char* position) { return path_.string() + ":" + position + ": "; }

  std::filesystem::path path_;
};

TEST_F(RegistryTest, TheAgendaServesTheTaskChannel) {
  auto set = build("[adapters.task]\nkind = \"agenda\"\n");
  ASSERT_TRUE(set) << set.error().message;
  ASSERT_EQ(set->all().size(), 1U);
  EXPECT_EQ(set->all()[0].name, "task");
  EXPECT_EQ(set->all()[0].kind, "agenda");
  ASSERT_NE(set->for_channel(Channel::task), nullptr);
  EXPECT_EQ(set->for_channel(Channel::email), nullptr) << "no table: no adapter";
  const CheckReport report = set->for_channel(Channel::task)->check();
  EXPECT_TRUE(report.connected);
  EXPECT_EQ(report.detail, "tasks are kept in the state store's agenda (dun agenda list)");
}

TEST_F(RegistryTest, NoAdaptersIsAnEmptySet) {
  auto set = build("");
  ASSERT_TRUE(set);
  EXPECT_TRUE(set->all().empty());
}

TEST_F(RegistryTest, ANameThatIsNotAChannelIsRefusedAtItsHeader) {
  auto set = build("[adapters.task]\nkind = \"agenda\"\n\n[adapters.emial]\nkind = \"smtp\"\n");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().message,
            at("4:1") +
                "[adapters.emial] is not a channel: use [adapters.email], [adapters.letter] or "
                "[adapters.task]; did you mean [adapters.email]?");
}

TEST_F(RegistryTest, AnUnknownKindIsRefusedAtItsKindLine) {
  auto set = build("[adapters.task]\nkind = \"agneda\"\n");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().message, at("2:8") +
                                     "[adapters.task] kind: unknown kind \"agneda\"; did you mean "
                                     "\"agenda\"? (task adapters: agenda)");
}

TEST_F(RegistryTest, AKindOfAnotherChannelIsRefused) {
  auto set = build("[adapters.letter]\nkind = \"agenda\"\n");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().message.substr(0, at("2:8").size()), at("2:8"));
  EXPECT_NE(set.error().message.find("[adapters.letter] kind: \"agenda\" is a task adapter, not "
                                     "for [adapters.letter] (letter adapters: "),
            std::string::npos)
      << set.error().message;
}

TEST_F(RegistryTest, TheFactorysOwnCheckNamesTheSettingsLine) {
  auto set = build("[adapters.task]\nkind = \"agenda\"\nfolder = \"x\"\n");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().message,
            at("3:10") + "[adapters.task] folder: unknown setting for kind \"agenda\"");
}

}  // namespace
}  // namespace dun::adapters
