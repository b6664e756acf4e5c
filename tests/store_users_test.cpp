// The workspace's accounts in the state store (engine/store/store_users.cpp): added once, found,
// listed by name, removed; a second account of the same name is refused and changes nothing.
// And the password hashes the accounts keep (cli/args/password_hash.hpp): Argon2id, salted.
#include <gtest/gtest.h>

#include "cli/args/password_hash.hpp"
#include "engine/store/state_store.hpp"
#include "tests/store_test_support.hpp"

namespace dun {
namespace {

using testing::day;

class StoreUsers : public testing::StoreTest {};

TEST_F(StoreUsers, AddFindListRemove) {
  StateStore store = open_store();
  ASSERT_TRUE(store.add_user({"bob", UserRole::collector, "$argon2id$h1", day("2026-03-02")}));
  ASSERT_TRUE(store.add_user({"anna", UserRole::admin, "$argon2id$h2", day("2026-03-03")}));
  auto anna = store.find_user("anna");
  ASSERT_TRUE(anna && *anna);
  EXPECT_EQ((*anna)->role, UserRole::admin);
  EXPECT_EQ((*anna)->password_hash, "$argon2id$h2");
  EXPECT_EQ((*anna)->created_on, day("2026-03-03"));
  auto users = store.list_users();
  ASSERT_TRUE(users);
  ASSERT_EQ(users->size(), 2U);
  EXPECT_EQ((*users)[0].name, "anna") << "by name";

  auto again = store.add_user({"anna", UserRole::collector, "$argon2id$other", day("2026-03-04")});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message,
            "there is already a user 'anna': `dun users remove anna` first to replace it");
  EXPECT_EQ((*store.find_user("anna"))->role, UserRole::admin) << "the refused add changed it";

  EXPECT_TRUE(*store.remove_user("anna"));
  EXPECT_FALSE(*store.remove_user("anna"));
  EXPECT_FALSE(*store.find_user("anna"));
}

TEST(PasswordHash, Argon2idSaltedAndVerified) {
  auto first = cli::hash_password("correct horse");
  auto second = cli::hash_password("correct horse");
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(first->starts_with("$argon2id$")) << *first;
  EXPECT_NE(*first, *second) << "each hash has its own salt";
  EXPECT_TRUE(cli::password_matches(*first, "correct horse"));
  EXPECT_FALSE(cli::password_matches(*first, "correct horsE"));
  EXPECT_FALSE(cli::hash_password(""));
}

}  // namespace
}  // namespace dun
