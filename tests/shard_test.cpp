// Sharding by customer (engine/base/shard.hpp, docs/scale-out.md): the hash other implementations
// must match, the --shard flag, a shard's share of the snapshot, the refusal of another number
// of shards, `dun shards report` and `dun shards reshard`.
#include "engine/base/shard.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "cli_process.hpp"
#include "engine/base/temp_folder.hpp"
#include "engine/shard/shard_layout.hpp"
#include "engine/shard/shard_report.hpp"
#include "engine/snapshot/load_csv.hpp"
#include "engine/store/state_store.hpp"
#include "snapshot_fixture.hpp"

namespace dun {
namespace {

namespace fs = std::filesystem;

// A fresh folder removed with everything in it at the end of the test.
class TempFolder {
 public:
  explicit TempFolder(std::string_view prefix) : path_(make_temp_folder(prefix).value()) {}
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// --- The hash: pinned values, so that a customer never changes shard between versions ---

TEST(ShardHash, IsSixtyFourBitFnv1aOverTheUtf8Bytes) {
  // The reference vectors of FNV-1a 64 (www.isthe.com/chongo/tech/comp/fnv).
  EXPECT_EQ(shard_hash(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(shard_hash("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(shard_hash("foobar"), 0x85944171f73967e8ULL);
  // Customer ids, computed independently (Python, docs/scale-out.md), and their shards.
  EXPECT_EQ(shard_hash("C0042"), 0xbd46b42945c7e810ULL);
  EXPECT_EQ(shard_hash("C000001"), 0x1a4355e919593455ULL);
  EXPECT_EQ(shard_hash("Soci\xc3\xa9t\xc3\xa9-7"), 0x6d91e9ff6f2aa51dULL);
  EXPECT_TRUE((Shard{1, 4}.owns("C000001")));
  EXPECT_TRUE((Shard{5, 8}.owns("C000001")));
  EXPECT_TRUE((Shard{0, 4}.owns("C0042")));
  EXPECT_TRUE((Shard{5, 8}.owns("Soci\xc3\xa9t\xc3\xa9-7")));
  EXPECT_TRUE((Shard{0, 1}.owns("anything")));
}

TEST(ShardHash, EveryCustomerIsInExactlyOneShard) {
  for (std::uint32_t count : {2u, 3u, 4u, 8u}) {
    for (int i = 0; i < 200; ++i) {
      const std::string id = "C" + std::to_string(i);
      int owners = 0;
      for (std::uint32_t k = 0; k < count; ++k) owners += Shard{k, count}.owns(id);
      EXPECT_EQ(owners, 1) << id << " in " << count << " shards";
    }
  }
}

// --- The flag and the files ---

TEST(ShardFlag, ParsesZeroBasedKOfN) {
  EXPECT_EQ(parse_shard("3/8").value(), (Shard{3, 8}));
  EXPECT_EQ(parse_shard("0/1").value(), (Shard{0, 1}));
  const auto out_of_range = parse_shard("8/8");
  ASSERT_FALSE(out_of_range);
  EXPECT_NE(out_of_range.error().message.find("K must be in 0..7"), std::string::npos)
      << out_of_range.error().message;
  for (const char* bad : {"", "3", "a/b", "1/0", "-1/4", "1/4/2", " 1/4", "1/99999"}) {
    const auto parsed = parse_shard(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_NE(parsed.error().message.find("write K/N"), std::string::npos)
        << parsed.error().message;
  }
}

TEST(ShardFlag, NamesEachShardsFilesBeforeTheirExtension) {
  EXPECT_EQ(shard_path("dun.db", Shard{3, 8}), fs::path("dun.3-of-8.db"));
  EXPECT_EQ(shard_path("state/dun.db", Shard{0, 2}), fs::path("state/dun.0-of-2.db"));
  EXPECT_EQ(shard_path("out/actions.jsonl", Shard{1, 4}), fs::path("out/actions.1-of-4.jsonl"));
  EXPECT_EQ(shard_path("state", Shard{1, 4}), fs::path("state.1-of-4"));
  EXPECT_EQ(shard_path("dun.db", Shard{0, 1}), fs::path("dun.db"));
}

// --- A shard's share of the snapshot ---

std::vector<std::string> ids_of(const TextColumn& column) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < column.size(); ++i) ids.emplace_back(column[i]);
  return ids;
}

std::vector<std::string> quarantine_lines(const LoadedSnapshot& snapshot) {
  std::vector<std::string> lines;
  for (const QuarantinedRow& row : snapshot.quarantine) lines.push_back(row.to_string());
  return lines;
}

CsvSnapshotTexts many_customers() {
  CsvSnapshotTexts texts;
  texts.collectors = testing::kCollectorsCsv + "K1,duplicate collector,x@ourco.example,\n";
  std::string customers = testing::kCustomersCsvHeader;
  std::string contacts = "customer_id,name,email,phone,role\n";
  std::string invoices = testing::kInvoicesCsvHeader;
  for (int c = 0; c < 40; ++c) {
    const std::string id = "C" + std::to_string(c);
    customers += id + ",Customer " + id + ",en,FR,EUR,sme,,ap@c.example,,K1,\n";
    contacts += id + ",Contact,c@c.example,,collection\n";
    for (int i = 0; i < 3; ++i) {
      invoices += "I" + std::to_string(c * 3 + i) + "," + id +
                  ",F,invoice,2026-10-01,2026-10-31,EUR,100.00,50.00,false,true,,\n";
    }
  }
  // Bad rows of every kind: each must be quarantined by exactly one shard.
  customers += "C3,Duplicate customer,en,FR,EUR,sme,,,,,\n";
  customers += "C77,Bad language,xx1,FR,EUR,sme,,,,,\n";
  invoices += "I500,C77,F,invoice,2026-10-01,2026-10-31,EUR,1.00,1.00,false,true,,\n";
  invoices += "I501,NOPE,F,invoice,2026-10-01,2026-10-31,EUR,1.00,1.00,false,true,,\n";
  invoices += "I502,C5,F,invoice,2026-13-01,2026-10-31,EUR,1.00,1.00,false,true,,\n";
  // The same invoice id under customers of (most likely) different shards: the later row is
  // the duplicate, whichever shard each falls in.
  for (int c = 6; c < 14; ++c) {
    invoices += "I7,C" + std::to_string(c) +
                ",F,invoice,2026-10-01,2026-10-31,EUR,1.00,1.00,false,true,,\n";
  }
  invoices += "\"I900,C1,broken\n";
  texts.customers = customers;
  texts.contacts = contacts;
  texts.invoices = invoices;
  return texts;
}

TEST(ShardLoad, TheShardsTogetherLoadAndQuarantineExactlyWhatOneLoadDoes) {
  const auto whole = load_csv_snapshot_from_memory(many_customers());
  ASSERT_TRUE(whole) << whole.error().message;
  ASSERT_GE(whole->quarantine.size(), 12u);
  for (std::uint32_t count : {2u, 3u, 4u}) {
    std::multiset<std::string> customers, invoices, quarantine;
    std::size_t contacts = 0;
    for (std::uint32_t k = 0; k < count; ++k) {
      LoadOptions options;
      options.shard = Shard{k, count};
      const auto part = load_csv_snapshot_from_memory(many_customers(), options);
      ASSERT_TRUE(part) << part.error().message;
      for (const std::string& id : ids_of(part->portfolio.customers.id)) {
        EXPECT_TRUE(options.shard.owns(id)) << id;
        customers.insert(id);
      }
      for (std::size_t i = 0; i < part->portfolio.invoices.size(); ++i) {
        const auto customer = part->portfolio.invoices.customer[i];
        EXPECT_TRUE(options.shard.owns(part->portfolio.customers.id[customer]));
        invoices.insert(std::string(part->portfolio.invoices.id[i]));
      }
      contacts += part->portfolio.contacts.size();
      EXPECT_EQ(part->portfolio.collectors.size(), whole->portfolio.collectors.size());
      for (const std::string& line : quarantine_lines(*part)) quarantine.insert(line);
    }
    const auto whole_customers = ids_of(whole->portfolio.customers.id);
    const auto whole_invoices = ids_of(whole->portfolio.invoices.id);
    EXPECT_EQ(customers,
              std::multiset<std::string>(whole_customers.begin(), whole_customers.end()));
    EXPECT_EQ(invoices, std::multiset<std::string>(whole_invoices.begin(), whole_invoices.end()));
    EXPECT_EQ(contacts, whole->portfolio.contacts.size());
    const auto whole_quarantine = quarantine_lines(*whole);
    EXPECT_EQ(quarantine,
              std::multiset<std::string>(whole_quarantine.begin(), whole_quarantine.end()))
        << count << " shards";
  }
}

// --- The layout of stores, and the refusal of another number of shards ---

void make_store(const fs::path& path, bool with_run) {
  auto store = StateStore::open(path);
  ASSERT_TRUE(store) << store.error().message;
  if (!with_run) return;
  RunRecord record;
  record.date = *Date::parse("2026-01-05");
  ASSERT_TRUE(store.value().commit_run(record, ChangeBatch{}));
}

TEST(ShardLayout, RefusesAnotherNumberOfShardsNamingWhatExistsAndTheReshardCommand) {
  const TempFolder folder("dun-shard-layout");
  const fs::path base = folder.path() / "dun.db";
  for (std::uint32_t k = 0; k < 4; ++k) make_store(shard_path(base, Shard{k, 4}), true);
  EXPECT_TRUE(check_shard_layout(base, Shard{2, 4}));
  const auto eight = check_shard_layout(base, Shard{0, 8});
  ASSERT_FALSE(eight);
  EXPECT_NE(eight.error().message.find("split in 4 shards"), std::string::npos)
      << eight.error().message;
  EXPECT_NE(eight.error().message.find("dun.0-of-4.db … dun.3-of-4.db"), std::string::npos)
      << eight.error().message;
  EXPECT_NE(eight.error().message.find("dun shards reshard --to 8 --db " + base.string()),
            std::string::npos)
      << eight.error().message;
  const auto unsharded = check_shard_layout(base, Shard{});
  ASSERT_FALSE(unsharded);
  EXPECT_NE(unsharded.error().message.find("runs unsharded"), std::string::npos);
  EXPECT_NE(unsharded.error().message.find("reshard --to 1"), std::string::npos);
}

TEST(ShardLayout, RefusesShardsOverAnUnshardedStoreThatHasState) {
  const TempFolder folder("dun-shard-layout");
  const fs::path base = folder.path() / "dun.db";
  make_store(base, false);
  EXPECT_TRUE(check_shard_layout(base, Shard{0, 2})) << "an empty store has no state to lose";
  make_store(base, true);
  const auto refused = check_shard_layout(base, Shard{0, 2});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("holds the state of unsharded runs"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("dun shards reshard --to 2"), std::string::npos);
  EXPECT_TRUE(check_shard_layout(base, Shard{}));
}

// --- Through the real dun: runs, the report, the reshard ---

constexpr const char* kConfig =
    "[company]\nname = \"Our Company SAS\"\nlanguage = \"en\"\ncurrency = \"EUR\"\n"
    "[engine]\ndefault_scenario = \"standard_b2b\"\n"
    "[rates]\nUSD = 0.92\nGBP = 1.17\nPLN = 0.23\n";

class ShardCli : public ::testing::Test {
 protected:
  void SetUp() override {
    // Every customer followed up (the default scenario), every generated currency convertible.
    std::ofstream(dir() / "dun.toml") << kConfig;
    const auto gen = testing::run_dun(
        dir(), "gen --invoices 400 --days 6 --start 2026-03-02 --seed 7 --out days");
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
  }
  fs::path dir() const { return folder_.path(); }
  static std::string day(int n) { return "2026-03-0" + std::to_string(n + 2); }
  // `dun run` of day n (0-based) into the store family `db`.
  testing::CommandResult run(int n, const std::string& db, const std::string& extra = "") {
    return testing::run_dun(
        dir(), "run --backend interp --snapshot days/" + day(n) +
                   " --scenarios " DUN_SOURCE_DIR "/scenarios --templates " +
                   DUN_SOURCE_DIR "/scenarios/templates --db " + db + " --date " + day(n) +
                   " --jsonl " + fs::path(db).replace_extension(".jsonl").string() + " " + extra);
  }
  // The sorted lines of every jsonl file of a store family (the unsharded one and the shards').
  std::vector<std::string> actions(const std::string& db) const {
    std::vector<std::string> lines;
    const std::string stem = fs::path(db).stem().string();
    for (const auto& entry : fs::directory_iterator(dir() / fs::path(db).parent_path())) {
      const std::string name = entry.path().filename().string();
      if (!name.starts_with(stem + ".") || !name.ends_with(".jsonl")) continue;
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    return lines;
  }

 private:
  TempFolder folder_{"dun-shard-cli"};
};

TEST_F(ShardCli, ShardedRunsEqualOneRunAndTheReportAddsThemUp) {
  fs::create_directories(dir() / "one");
  fs::create_directories(dir() / "four");
  std::string invoices_of_last_day;  // "invoices: 412" as the unsharded run counted them
  for (int n = 0; n < 3; ++n) {
    const auto single_run = run(n, "one/dun.db");
    ASSERT_EQ(single_run.exit_code, 0) << single_run.err;
    const auto at = single_run.out.find("invoices: ");
    ASSERT_NE(at, std::string::npos);
    invoices_of_last_day = single_run.out.substr(at, single_run.out.find(' ', at + 10) - at);
    for (int k = 0; k < 4; ++k) {
      const auto sharded = run(n, "four/dun.db", "--shard " + std::to_string(k) + "/4");
      ASSERT_EQ(sharded.exit_code, 0) << sharded.err;
      EXPECT_NE(sharded.out.find("(shard " + std::to_string(k) + "/4)"), std::string::npos);
    }
  }
  const auto single = actions("one/dun.db");
  ASSERT_GT(single.size(), 20u);
  EXPECT_EQ(actions("four/dun.db"), single);

  const auto report = testing::run_dun(dir(), "shards report --shards 4 --db four/dun.db --json");
  ASSERT_EQ(report.exit_code, 0) << report.out << report.err;
  EXPECT_NE(report.out.find("\"date\": \"" + day(2) + "\""), std::string::npos) << report.out;
  EXPECT_NE(report.out.find("\"complete\": true"), std::string::npos);
  const std::string invoices_json = "\"invoices\": " + invoices_of_last_day.substr(10) + ",";
  EXPECT_NE(report.out.find(invoices_json), std::string::npos) << invoices_json << report.out;

  // `dun simulate --shard` reads the shard's own store.
  const auto simulated = testing::run_dun(
      dir(), "simulate --days 2 --backend interp --snapshot days/" + day(2) +
                 " --scenarios " DUN_SOURCE_DIR "/scenarios --templates " DUN_SOURCE_DIR
                 "/scenarios/templates --db four/dun.db --shard 3/4");
  EXPECT_EQ(simulated.exit_code, 0) << simulated.err;
  EXPECT_NE(simulated.out.find("dun.3-of-4.db, last run " + day(2)), std::string::npos)
      << simulated.out;

  // A retried run of the same date adds nothing, and the report counts the date once.
  ASSERT_EQ(run(2, "four/dun.db", "--shard 1/4").exit_code, 0);
  EXPECT_EQ(actions("four/dun.db"), single);
  const auto again = testing::run_dun(dir(), "shards report --shards 4 --db four/dun.db --json");
  EXPECT_NE(again.out.find(invoices_json), std::string::npos) << again.out;

  // Another number of shards is refused; a missing shard is named by the report.
  const auto eight = run(3, "four/dun.db", "--shard 0/8");
  EXPECT_EQ(eight.exit_code, 1);
  EXPECT_NE(eight.err.find("dun shards reshard --to 8"), std::string::npos) << eight.err;
  const auto bad_flag = run(3, "four/dun.db", "--shard 4/4");
  EXPECT_EQ(bad_flag.exit_code, 2);
  EXPECT_NE(bad_flag.err.find("K must be in 0..3"), std::string::npos) << bad_flag.err;
  ASSERT_EQ(run(3, "four/dun.db", "--shard 0/4").exit_code, 0);
  const auto partial =
      testing::run_dun(dir(), "shards report --shards 4 --db four/dun.db --date " + day(3));
  EXPECT_EQ(partial.exit_code, 1);
  EXPECT_NE(partial.out.find("shard 1/4 did not run on " + day(3) +
                             " (last completed run: " + day(2) + ")"),
            std::string::npos)
      << partial.out;
}

TEST_F(ShardCli, ARunAfterReshardingEqualsARunWithout) {
  fs::create_directories(dir() / "one");
  fs::create_directories(dir() / "moved");
  for (int n = 0; n < 6; ++n) ASSERT_EQ(run(n, "one/dun.db").exit_code, 0);

  // Days 0-1 unsharded, reshard to 3, days 2-3 in 3 shards, reshard to 2, day 4 in 2 shards,
  // reshard back to 1, day 5 unsharded.
  for (int n = 0; n < 2; ++n) ASSERT_EQ(run(n, "moved/dun.db").exit_code, 0);
  const auto to_three = testing::run_dun(dir(), "shards reshard --to 3 --db moved/dun.db");
  ASSERT_EQ(to_three.exit_code, 0) << to_three.err;
  EXPECT_FALSE(fs::exists(dir() / "moved/dun.db"));
  for (int n = 2; n < 4; ++n) {
    for (int k = 0; k < 3; ++k)
      ASSERT_EQ(run(n, "moved/dun.db", "--shard " + std::to_string(k) + "/3").exit_code, 0);
  }
  ASSERT_EQ(testing::run_dun(dir(), "shards reshard --to 2 --db moved/dun.db").exit_code, 0);
  for (int k = 0; k < 2; ++k)
    ASSERT_EQ(run(4, "moved/dun.db", "--shard " + std::to_string(k) + "/2").exit_code, 0);
  ASSERT_EQ(testing::run_dun(dir(), "shards reshard --to 1 --db moved/dun.db").exit_code, 0);
  ASSERT_EQ(run(5, "moved/dun.db").exit_code, 0);

  EXPECT_EQ(actions("moved/dun.db"), actions("one/dun.db"));
  // The state itself: the same outbox and sequences as the store that was never moved.
  const auto dump = [&](const std::string& db) {
    return testing::run_dun(dir(), "history --customer C0001 --db " + db).out;
  };
  EXPECT_EQ(dump("moved/dun.db"), dump("one/dun.db"));
  const auto again = testing::run_dun(dir(), "shards reshard --to 1 --db moved/dun.db");
  EXPECT_NE(again.out.find("nothing to move"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace dun
