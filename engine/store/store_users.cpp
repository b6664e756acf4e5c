// The workspace's accounts: one row per user with its role and password hash.
#include "engine/store/state_store.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {
namespace {

constexpr std::string_view kInsertUser =
    "INSERT INTO users (name, role, password_hash, created_on) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (name) DO NOTHING";
constexpr std::string_view kDeleteUser = "DELETE FROM users WHERE name = ?1";
constexpr std::string_view kSelectUsers =
    "SELECT name, role, password_hash, created_on FROM users ORDER BY name";
constexpr std::string_view kSelectUser =
    "SELECT name, role, password_hash, created_on FROM users WHERE name = ?1";

Result<UserAccount> read_user(const sqlite::Statement& row, std::string_view file_name) {
  UserAccount account;
  account.name = std::string(row.column_text(0));
  auto role = parse_user_role(row.column_text(1));
  if (!role) return store_rows::damaged(file_name, "an unknown role", row.column_text(1));
  account.role = *role;
  account.password_hash = std::string(row.column_text(2));
  auto created = store_rows::read_date(row, 3, file_name);
  if (!created) return created.error();
  account.created_on = *created;
  return account;
}

}  // namespace

Status StateStore::add_user(const UserAccount& account) {
  auto insert = database_.prepare(kInsertUser);
  if (!insert) return insert.error();
  auto inserted = insert.value()
                      .bind(1, account.name)
                      .bind(2, to_string(account.role))
                      .bind(3, account.password_hash)
                      .bind(4, account.created_on.to_string())
                      .run();
  if (!inserted) return inserted;
  if (database_.changes() == 0) {
    return Error{"there is already a user '" + account.name + "': `dun users remove " +
                 account.name + "` first to replace it"};
  }
  return Status::Ok();
}

Result<bool> StateStore::remove_user(const std::string& name) {
  auto remove = database_.prepare(kDeleteUser);
  if (!remove) return remove.error();
  if (auto removed = remove.value().bind(1, name).run(); !removed) return removed.error();
  return database_.changes() > 0;
}

Result<std::vector<UserAccount>> StateStore::list_users() {
  return store_rows::select_all<UserAccount>(database_, kSelectUsers, read_user);
}

Result<std::optional<UserAccount>> StateStore::find_user(const std::string& name) {
  return store_rows::select_one<UserAccount>(database_, kSelectUser, read_user, name);
}

}  // namespace dun
