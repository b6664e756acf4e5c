// `dun users`: the accounts of the collectors' workspace (`dun serve`), kept in the state store.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "cli/args/flags.hpp"
#include "cli/args/password_hash.hpp"
#include "cli/args/run_common.hpp"
#include "cli/args/store_access.hpp"
#include "cli/args/user_names.hpp"
#include "cli/verbs.hpp"
#include "stdlib/date.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun users add NAME --role collector|analyst|admin [--db FILE]\n"
    "       dun users remove NAME [--db FILE]\n"
    "       dun users list [--json] [--db FILE]\n"
    "\n"
    "The accounts of the collectors' workspace (`dun serve`), kept in the state store. The\n"
    "password is read from the terminal (typed twice, not shown) or, when stdin is not a\n"
    "terminal, from its first line; only its Argon2id hash is stored.\n"
    "\n"
    "  add NAME        create the account (refused when NAME exists: remove it first)\n"
    "  --role ROLE     collector: the agenda and the overrides; analyst: also the reports,\n"
    "                  scenarios and simulations; admin: also the accounts\n"
    "  remove NAME     delete the account (its past actions stay in the history)\n"
    "  list            the accounts and their roles (--json: [{\"name\", \"role\", \"created\"}])\n"
    "  --db FILE       the state store (default from dun.toml, else dun.db; add creates it)\n"
    "  --config FILE   the configuration (default ./dun.toml when present)\n"
    "\n"
    "example:\n"
    "  dun users add anna --role collector --db demo/dun.db\n"
    "  echo \"$PASSWORD\" | dun users add ops --role admin\n";

int fail(const std::string& message) {
  std::fprintf(stderr, "dun users: %s\n", message.c_str());
  return 1;
}

}  // namespace

int run_users(Args args) {
  std::optional<std::string> config_path, db, role_text;
  bool json = false;
  std::vector<std::string> positionals;
  FlagParser flags("users", kHelp);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.value("role", role_text);
  flags.flag("json", json);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (positionals.empty()) return flags.usage_error("say add, remove or list");
  const std::string& verb = positionals[0];
  if (verb != "add" && verb != "remove" && verb != "list") {
    return flags.usage_error("unknown action '" + verb + "': use add, remove or list");
  }
  if (verb == "list" ? positionals.size() != 1 : positionals.size() != 2) {
    return flags.usage_error(verb == "list" ? "list takes no argument"
                                            : verb + " needs the user's NAME");
  }
  if (role_text && verb != "add") return flags.usage_error("--role goes with add");
  if (json && verb != "list") return flags.usage_error("--json goes with list");

  auto config = load_verb_config_or_report("users", config_path, {.db = db});
  if (!config) return 1;
  if (verb == "add") {
    const std::string& name = positionals[1];
    if (auto problem = user_name_problem(name)) return flags.usage_error(*problem);
    if (!role_text) return flags.usage_error("add needs --role collector|analyst|admin");
    auto role = parse_user_role(*role_text);
    if (!role) {
      return flags.usage_error("--role '" + *role_text +
                               "' is not a role: use collector, analyst or admin");
    }
    auto password = read_new_password(name);
    if (!password) return fail(password.error().message);
    auto hash = hash_password(*password);
    if (!hash) return fail(hash.error().message);
    auto store = StateStore::open(config->engine.database, store_writer(*config, "dun users"));
    if (!store) return fail(store.error().message);
    auto today = parse_run_date(std::nullopt);
    if (!today) return fail(today.error().message);
    UserAccount account{name, *role, *hash, *today};
    if (auto added = store.value().add_user(account); !added) return fail(added.error().message);
    std::printf("user %s added (%s)\n", name.c_str(), std::string(to_string(*role)).c_str());
    return 0;
  }
  auto store =
      open_existing_store(*config, "users", verb == "remove" ? StoreUse::write : StoreUse::read);
  if (!store) return fail(store.error().message);
  if (verb == "remove") {
    auto removed = store.value().remove_user(positionals[1]);
    if (!removed) return fail(removed.error().message);
    if (!*removed) {
      return fail("there is no user '" + positionals[1] + "': `dun users list` shows them");
    }
    std::printf("user %s removed\n", positionals[1].c_str());
    return 0;
  }
  auto users = store.value().list_users();
  if (!users) return fail(users.error().message);
  if (json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const UserAccount& user : *users) {
      out.push_back({{"name", user.name},
                     {"role", std::string(to_string(user.role))},
                     {"created", user.created_on.to_string()}});
    }
    std::printf("%s\n", out.dump().c_str());
    return 0;
  }
  if (users->empty()) {
    std::printf("no users: `dun users add NAME --role collector` creates one\n");
    return 0;
  }
  std::printf("%-24s  %-9s  %s\n", "name", "role", "created");
  for (const UserAccount& user : *users) {
    std::printf("%-24s  %-9s  %s\n", user.name.c_str(), std::string(to_string(user.role)).c_str(),
                user.created_on.to_string().c_str());
  }
  return 0;
}

}  // namespace dun::cli
