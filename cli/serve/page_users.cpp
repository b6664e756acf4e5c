// The accounts page (admins only): the same store functions as `dun users add|remove|list`.
#include "cli/args/password_hash.hpp"
#include "cli/args/user_names.hpp"
#include "cli/serve/workspace.hpp"

namespace dun::cli {

void Workspace::users(WebCall& call) {
  auto accounts = store_.list_users();
  if (!accounts) {
    send_message(call, 500, "The accounts cannot be read", {accounts.error().message}, "/");
    return;
  }
  PageData rows(PageData::type::list);
  for (const UserAccount& account : *accounts) {
    PageData row;
    row.set("name", account.name);
    row.set("role", std::string(to_string(account.role)));
    row.set("created", account.created_on.to_string());
    row.set("self", account.name == call.session.user);
    rows.push_back(row);
  }
  PageData data;
  data.set("users", rows);
  send_page(call, "Users", "users", std::move(data));
}

void Workspace::users_post(WebCall& call) {
  const std::string operation = call.param("op");
  const std::string name = call.param("name");
  if (operation == "remove") {
    if (name == call.session.user) {
      send_message(call, 400, "Nothing was changed", {"You cannot remove your own account."},
                   "/users");
      return;
    }
    auto writer = page_writer(call, "/users");
    if (!writer) return;
    auto removed = writer->remove_user(name);
    if (!removed || !*removed) {
      send_message(call, 400, "Nothing was changed",
                   {removed ? "There is no user '" + name + "'." : removed.error().message},
                   "/users");
      return;
    }
    call.response.set_redirect("/users", 303);
    return;
  }
  if (operation != "add") {
    send_message(call, 400, "Nothing was changed", {"'" + operation + "' is not add or remove."},
                 "/users");
    return;
  }
  if (auto problem = user_name_problem(name)) {
    send_message(call, 400, "Nothing was changed", {*problem}, "/users");
    return;
  }
  auto role = parse_user_role(call.param("role"));
  if (!role) {
    send_message(call, 400, "Nothing was changed",
                 {"Role '" + call.param("role") + "' is not collector, analyst or admin."},
                 "/users");
    return;
  }
  auto hash = hash_password(call.param("password"));
  if (!hash) {
    send_message(call, 400, "Nothing was changed", {hash.error().message}, "/users");
    return;
  }
  auto writer = page_writer(call, "/users");
  if (!writer) return;
  if (auto added = writer->add_user({name, *role, *hash, change_date()}); !added) {
    send_message(call, 409, "Nothing was changed", {added.error().message}, "/users");
    return;
  }
  call.response.set_redirect("/users", 303);
}

}  // namespace dun::cli
