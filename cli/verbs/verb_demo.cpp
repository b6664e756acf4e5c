// `dun demo`: a self-contained demonstration on a generated portfolio (architecture.md) — the
// same steps as scripts/demo.sh, in one command and one folder: generate daily snapshots (with
// two custom columns, payment_url and autopay), check the shipped scenarios and those of
// scenarios/with_fields/ that read the custom fields, run every day in order as a nightly batch
// would, then show the agenda and how to look further. It calls the other verbs in this process, so
// what it prints is what they print.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/args/flags.hpp"
#include "cli/args/password_hash.hpp"
#include "cli/args/run_common.hpp"
#include "cli/args/shipped_files.hpp"

namespace dun::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: dun demo [--dir DIR] [--invoices N] [--days K] [--scenarios DIR]\n"
    "\n"
    "A self-contained demonstration: `dun gen` writes K daily snapshots of N invoices from\n"
    "2026-03-02 into DIR/days/, with two custom columns (invoices.payment_url, customers.autopay)\n"
    "that DIR/dun.toml declares in [fields]. The scenarios are copied to DIR/scenarios/ with\n"
    "those of their with_fields/ folder (online_payment: reminders with the payment link,\n"
    "autopay customers paused); `dun check` checks them, `dun run` runs every "
    "day\n"
    "in order into DIR/dun.db and DIR/actions.jsonl, and `dun agenda list` shows the open tasks.\n"
    "The outbox adapters write the emails as .eml files to DIR/out/emails/ and the letters as\n"
    "PDFs (with manifest.csv and a batch PDF for printing) to DIR/out/letters/.\n"
    "DIR/dun.toml is left behind, so every other verb can look further.\n"
    "\n"
    "  --dir DIR         where everything goes (default dun-demo; a previous demo there is\n"
    "                    replaced, any other non-empty folder is refused)\n"
    "  --invoices N      invoices of the first snapshot (default 2000)\n"
    "  --days K          daily snapshots and runs (default 5)\n"
    "  --scenarios DIR   the scenarios to run, with their templates in DIR/templates (default\n"
    "                    the shipped scenarios: PREFIX/share/dun/scenarios of an installed\n"
    "                    dun, else the scenarios/ folder of dun's source tree)\n"
    "\n"
    "example:\n"
    "  dun demo --dir /tmp/dun-demo --days 10\n"
    "  dun status --config /tmp/dun-demo/dun.toml | head\n";

constexpr const char* kMarker = ".dun-demo";
// The demo's workspace account (an admin, so every page can be seen). A demo folder only.
constexpr const char* kDemoUser = "demo";
constexpr const char* kDemoPassword = "demo-password";

int add_demo_user(const fs::path& database) {
  auto hash = hash_password(kDemoPassword);
  auto store = StateStore::open(database);
  if (!hash || !store) {
    std::fprintf(stderr, "dun demo: %s\n", (hash ? store.error() : hash.error()).message.c_str());
    return 1;
  }
  auto today = parse_run_date(std::nullopt);
  if (auto added = store.value().add_user({kDemoUser, UserRole::admin, *hash, *today}); !added) {
    std::fprintf(stderr, "dun demo: %s\n", added.error().message.c_str());
    return 1;
  }
  return 0;
}

// Runs a verb in this process with the given arguments.
int call(int (*verb)(Args), const std::vector<std::string>& arguments) {
  const std::vector<std::string_view> views(arguments.begin(), arguments.end());
  return verb(Args(views));
}

bool prepare_folder(const fs::path& dir) {
  std::error_code error;
  if (fs::exists(dir, error) && !fs::is_empty(dir, error) && !fs::exists(dir / kMarker, error)) {
    std::fprintf(stderr,
                 "dun demo: %s is not empty and is not a previous demo: choose another --dir\n",
                 dir.string().c_str());
    return false;
  }
  fs::remove_all(dir, error);
  fs::create_directories(dir, error);
  std::ofstream(dir / kMarker) << "written by dun demo; the folder is replaced by the next one\n";
  return !error;
}

std::string config_text(const fs::path& scenarios, const fs::path& templates,
                        const std::string& last_day, const std::string& default_scenario) {
  return "# Written by `dun demo`. Paths are relative to this file.\n"
         "[company]\nname = \"Our Company SAS\"\naddress = \"12 rue de la Paix\\n75002 "
         "Paris\\nFrance\"\nemail = \"ar@ourco.example\"\nphone = \"+33 1 23 45 67 89\"\n"
         "iban = \"FR76 3000 6000 0112 3456 7890 189\"\nlanguage = \"en\"\n"
         "late_interest_rate = \"ECB+10\"\nrecovery_indemnity = \"40 EUR\"\n\n"
         "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"days/" +
         last_day + "\"\nscenarios = \"" + scenarios.string() + "\"\ntemplates = \"" +
         templates.string() + "\"\ndefault_scenario = \"" + default_scenario +
         "\"\n\n"
         "[fields]            # the custom columns `dun gen --custom-columns` writes\n"
         "\"invoice.payment_url\" = { type = \"string\", default = \"\" }\n"
         "\"customer.autopay\"    = { type = \"bool\", default = false }\n\n"
         "[rates]\nUSD = 0.92\nGBP = 1.17\nPLN = 0.23\n\n"
         "[adapters.email]\nkind = \"outbox\"\ndir = \"out/emails\"\n\n"
         "[adapters.letter]\nkind = \"outbox\"\ndir = \"out/letters\"\n\n"
         "[adapters.task]\nkind = \"agenda\"\n";
}

// Copies the *.dun files of `from` and of `from`/with_fields into `to`, and their templates into
// `to`/templates; returns the copied scenario files, sorted.
std::vector<std::string> copy_scenarios(const fs::path& from, const fs::path& to) {
  std::vector<std::string> copied;
  std::error_code error;
  fs::create_directories(to / "templates", error);
  for (const fs::path& folder : {from, from / "with_fields"}) {
    for (const auto& entry : fs::directory_iterator(folder, error)) {
      if (entry.path().extension() != ".dun") continue;
      fs::copy_file(entry.path(), to / entry.path().filename(),
                    fs::copy_options::overwrite_existing, error);
      copied.push_back((to / entry.path().filename()).string());
    }
    for (const auto& entry : fs::directory_iterator(folder / "templates", error)) {
      fs::copy_file(entry.path(), to / "templates" / entry.path().filename(),
                    fs::copy_options::overwrite_existing, error);
    }
  }
  std::sort(copied.begin(), copied.end());
  return copied;
}

// The files in `dir` whose name ends with `extension` and does not start with `skip_prefix`.
std::size_t count_files(const fs::path& dir, std::string_view extension,
                        std::string_view skip_prefix = {}) {
  std::size_t count = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != extension) continue;
    if (!skip_prefix.empty() && name.starts_with(skip_prefix)) continue;
    ++count;
  }
  return count;
}

void print_outbox_summary(const fs::path& dir) {
  const fs::path emails = dir / "out" / "emails";
  const fs::path letters = dir / "out" / "letters";
  const std::size_t batches = count_files(letters, ".pdf") - count_files(letters, ".pdf", "batch-");
  std::printf(
      "\n== what the outbox adapters wrote\n"
      "%zu emails as .eml files in %s\n"
      "%zu letters as PDFs in %s, listed in manifest.csv\n"
      "%zu batch PDFs for duplex printing (batch-DATE.pdf) there too\n",
      count_files(emails, ".eml"), emails.string().c_str(), count_files(letters, ".pdf", "batch-"),
      letters.string().c_str(), batches);
}

}  // namespace

int run_demo(Args args) {
  std::optional<std::string> dir_flag, invoices, days, scenarios_flag;
  FlagParser flags("demo", kHelp);
  flags.value("dir", dir_flag);
  flags.value("invoices", invoices);
  flags.value("days", days);
  flags.value("scenarios", scenarios_flag);
  if (auto exit_code = flags.parse(args)) return *exit_code;

  const fs::path source =
      fs::absolute(scenarios_flag ? fs::path(*scenarios_flag) : shipped_files_dir() / "scenarios");
  std::error_code error;
  if (!fs::is_directory(source, error)) {
    std::fprintf(stderr, "dun demo: no scenarios folder %s: pass --scenarios DIR\n",
                 source.string().c_str());
    return 1;
  }
  const fs::path dir = fs::absolute(dir_flag.value_or("dun-demo"));
  if (!prepare_folder(dir)) return 1;
  const fs::path scenarios = dir / "scenarios";
  const fs::path templates = scenarios / "templates";
  const std::vector<std::string> scenario_files = copy_scenarios(source, scenarios);
  if (scenario_files.empty()) {
    std::fprintf(stderr, "dun demo: no *.dun scenarios in %s: pass --scenarios DIR\n",
                 source.string().c_str());
    return 1;
  }

  std::printf("== dun gen: daily snapshots from 2026-03-02 into %s\n",
              (dir / "days").string().c_str());
  if (int code = call(run_gen, {"--invoices", invoices.value_or("2000"), "--days",
                                days.value_or("5"), "--start", "2026-03-02", "--seed", "42",
                                "--custom-columns", "--out", (dir / "days").string()});
      code != 0) {
    return code;
  }
  std::vector<std::string> day_dirs;
  for (const auto& entry : fs::directory_iterator(dir / "days", error)) {
    if (entry.is_directory()) day_dirs.push_back(entry.path().filename().string());
  }
  std::sort(day_dirs.begin(), day_dirs.end());
  if (day_dirs.empty()) {
    std::fprintf(stderr, "dun demo: dun gen wrote no daily snapshot in %s\n",
                 (dir / "days").string().c_str());
    return 1;
  }
  const fs::path config = dir / "dun.toml";
  // Relative paths: the demo folder can be moved or copied and still runs.
  std::ofstream(config) << config_text("scenarios", "scenarios/templates", day_dirs.back(),
                                       "standard_b2b");

  std::printf("\n== dun check: the scenarios of %s\n", scenarios.string().c_str());
  std::vector<std::string> check = {"--config", config.string(), "--templates", templates.string()};
  check.insert(check.end(), scenario_files.begin(), scenario_files.end());
  if (int code = call(run_check, check); code != 0) return code;

  for (const std::string& day : day_dirs) {
    std::printf("\n== dun run --date %s\n", day.c_str());
    std::fflush(stdout);
    if (int code =
            call(run_run, {"--config", config.string(), "--snapshot", (dir / "days" / day).string(),
                           "--date", day, "--jsonl", (dir / "actions.jsonl").string()});
        code != 0) {
      return code;
    }
  }
  std::printf("\n== dun agenda list\n");
  if (int code = call(run_agenda, {"list", "--config", config.string()}); code != 0) return code;
  print_outbox_summary(dir);
  if (int code = add_demo_user(dir / "dun.db"); code != 0) return code;
  std::printf(
      "\nThe state store is %s, the actions %s. Look further with:\n"
      "  dun status --config %s\n"
      "  dun history --customer C0001 --config %s\n"
      "\nThe collectors' workspace: run\n"
      "  dun serve --config %s\n"
      "then open http://127.0.0.1:8080/ and log in as %s, password %s.\n",
      (dir / "dun.db").string().c_str(), (dir / "actions.jsonl").string().c_str(),
      config.string().c_str(), config.string().c_str(), config.string().c_str(), kDemoUser,
      kDemoPassword);
  return 0;
}

}  // namespace dun::cli
