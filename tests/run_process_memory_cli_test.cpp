// What the `dun` process does for its own memory and allocations, as a verbose run logs it:
// - it gives LLVM's code pages back once the scenarios are compiled (engine/run/run.cpp,
//   engine/base/library_pages.hpp), on either back end, saying how much;
// - it turns SQLite's memory statistics off before any database is opened (cli/main.cpp,
//   StateStore::drop_sqlite_memory_statistics), which a process that has opened one cannot do.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "engine/store/state_store.hpp"
#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"

namespace {

class RunProcessMemoryCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_run_process_memory_");
    write("dun.toml",
          "[company]\nname = \"Our Company\"\nlanguage = \"en\"\n\n"
          "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
          "templates = \"templates\"\ndefault_scenario = \"s\"\n\n"
          "[adapters.email]\nkind = \"outbox\"\ndir = \"out/emails\"\n");
    write("templates/notice.en.txt", "Subject: Notice\n\n{items_list}\n");
    write("scenarios/s.dun",
          "scenario s \"one reminder\"\n  step first\n    at invoice.due_date + 7 days\n"
          "    email \"notice\"\nend\n");
    write("snapshot/collectors.csv", dun::testing::kCollectorsCsv);
    write("snapshot/customers.csv",
          dun::testing::kCustomersCsvHeader + "C1,Acme,en,FR,EUR,sme,,ap@acme.example,1 Rue,K1,\n");
    write("snapshot/invoices.csv",
          dun::testing::kInvoicesCsvHeader +
              "I1,C1,F-1,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n");
  }

  // The megabytes the verbose log says were given back.
  double released_megabytes(const std::string& backend) {
    const auto result = dun("run --date 2026-01-19 --verbose --backend " + backend);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const std::string line = "run 2026-01-19: the compiler's code given back: ";
    const std::size_t at = result.err.find(line);
    if (at == std::string::npos) {
      ADD_FAILURE() << "no such line in:\n" << result.err;
      return 0;
    }
    return std::strtod(result.err.c_str() + at + line.size(), nullptr);
  }
};

TEST_F(RunProcessMemoryCli, TheJitRunGivesLlvmsCodeBack) {
  EXPECT_GT(released_megabytes("jit"), 4.0);
}

// LLVM's start-up touched its code even when nothing is compiled.
TEST_F(RunProcessMemoryCli, TheInterpreterRunGivesItBackToo) {
  EXPECT_GT(released_megabytes("interp"), 4.0);
}

TEST_F(RunProcessMemoryCli, TheDunProcessRunsWithoutSqlitesMemoryStatistics) {
  const auto result = dun("run --date 2026-01-19 --verbose");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("run 2026-01-19: SQLite's memory statistics off"), std::string::npos)
      << result.err;
}

// This test process opened a store with the statistics on: they cannot be dropped any more, and
// the store says it keeps them (the line a run would log as "kept").
TEST_F(RunProcessMemoryCli, TheStatisticsStayOnceSqliteIsInitialised) {
  auto store = dun::StateStore::open(dir_ / "in_process.db");
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_TRUE(dun::StateStore::sqlite_memory_statistics_kept());
  EXPECT_FALSE(dun::StateStore::drop_sqlite_memory_statistics());
  EXPECT_TRUE(dun::StateStore::sqlite_memory_statistics_kept());
}

}  // namespace
