// What the `dun` process does for its own memory and allocations, as a verbose run logs it:
// - it gives LLVM's code pages back once the scenarios are compiled (engine/run/run.cpp,
//   engine/base/library_pages.hpp), on either back end, saying how much;
// - it turns SQLite's memory statistics off before any database is opened (cli/main.cpp,
//   StateStore::drop_sqlite_memory_statistics), which a process that has opened one cannot do;
// - it starts itself again with glibc's heap on transparent huge pages when the kernel gives
//   them on request (restart_with_huge_page_heap, engine/base/huge_pages.hpp), keeping the
//   tunables the user set and their own choice of that one.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "engine/base/huge_pages.hpp"
#include "engine/store/state_store.hpp"
#include "tests/background_dun.hpp"
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

// GLIBC_TUNABLES as a test sets it for the `dun` it starts, restored afterwards.
class TunablesForChild {
 public:
  explicit TunablesForChild(const char* value) {
    if (const char* now = std::getenv("GLIBC_TUNABLES")) before_ = now;
    if (value == nullptr) {
      ::unsetenv("GLIBC_TUNABLES");
    } else {
      ::setenv("GLIBC_TUNABLES", value, 1);
    }
  }
  ~TunablesForChild() {
    if (before_) {
      ::setenv("GLIBC_TUNABLES", before_->c_str(), 1);
    } else {
      ::unsetenv("GLIBC_TUNABLES");
    }
  }

 private:
  std::optional<std::string> before_;
};

bool kernel_gives_huge_pages_on_request() {
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(mode, modes);
  return modes.find("[madvise]") != std::string::npos;
}

// The run's log line about its heap.
std::string heap_line(const dun::testing::CommandResult& result) {
  const std::string start = "run 2026-01-19: the heap's huge pages: ";
  const std::size_t at = result.err.find(start);
  if (at == std::string::npos) return "no such line in:\n" + result.err;
  return result.err.substr(at + start.size(), result.err.find('\n', at) - at - start.size());
}

TEST_F(RunProcessMemoryCli, TheRunStartsAgainWithItsHeapOnHugePages) {
  if (!kernel_gives_huge_pages_on_request()) GTEST_SKIP() << "the kernel's THP mode is not madvise";
  const TunablesForChild none(nullptr);
  const auto result = dun("run --date 2026-01-19 --verbose");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(heap_line(result), "glibc.malloc.hugetlb=1 (GLIBC_TUNABLES=glibc.malloc.hugetlb=1)");
}

// The user's other tunables go to the restarted process too, their own order kept.
TEST_F(RunProcessMemoryCli, TheUsersTunablesAreKept) {
  if (!kernel_gives_huge_pages_on_request()) GTEST_SKIP() << "the kernel's THP mode is not madvise";
  const TunablesForChild arenas("glibc.malloc.arena_max=2");
  const auto result = dun("run --date 2026-01-19 --verbose");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(
      heap_line(result),
      "glibc.malloc.hugetlb=1 (GLIBC_TUNABLES=glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1)");
}

// A user who names the tunable decides: `=0` keeps the heap on small pages, and no restart adds
// a second value.
TEST_F(RunProcessMemoryCli, TheUsersOwnChoiceOfTheTunableWins) {
  const TunablesForChild off("glibc.malloc.hugetlb=0");
  const auto result = dun("run --date 2026-01-19 --verbose");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(heap_line(result), "glibc.malloc.hugetlb=0 (GLIBC_TUNABLES=glibc.malloc.hugetlb=0)");
}

// The restarted run's heap does use huge pages: paused before its commit, its anonymous memory
// holds some (smaps_rollup's AnonHugePages), where the same run told `=0` holds none. 20,000
// generated invoices: the one-invoice fixture's heap is too small to hold an aligned 2 MiB page.
std::size_t anon_huge_kilobytes_while_paused(const std::filesystem::path& dir) {
  const std::string scenarios = std::string(DUN_SOURCE_DIR) + "/scenarios";
  std::filesystem::remove(dir / "big.db");
  dun::testing::BackgroundDun run(
      dir,
      {"run", "--config", "big.toml", "--snapshot", "big", "--scenarios", scenarios, "--templates",
       scenarios + "/templates", "--db", "big.db", "--date", "2026-03-02"},
      "run:before-commit", 30);
  if (!run.wait_until_paused()) {
    ADD_FAILURE() << dun::testing::slurp(dir / "background.err");
    return 0;
  }
  std::ifstream rollup("/proc/" + std::to_string(run.pid()) + "/smaps_rollup");
  std::string line;
  std::size_t kilobytes = 0;
  while (std::getline(rollup, line)) {
    if (line.starts_with("AnonHugePages:")) kilobytes = std::stoul(line.substr(14));
  }
  run.kill();
  return kilobytes;
}

TEST_F(RunProcessMemoryCli, TheRestartedRunsHeapHoldsHugePages) {
  if (!kernel_gives_huge_pages_on_request()) GTEST_SKIP() << "the kernel's THP mode is not madvise";
  write("big.toml",
        "[company]\nname = \"Our Company SAS\"\nlanguage = \"en\"\ncurrency = \"EUR\"\n"
        "[rates]\nUSD = 0.92\nGBP = 1.17\nPLN = 0.23\n");
  const auto gen = dun("gen --invoices 20000 --seed 3 --start 2026-03-02 --out big");
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  {
    const TunablesForChild off("glibc.malloc.hugetlb=0");
    EXPECT_EQ(anon_huge_kilobytes_while_paused(dir_), 0U);
  }
  const TunablesForChild none(nullptr);
  EXPECT_GE(anon_huge_kilobytes_while_paused(dir_), 2048U);
}

TEST(HeapHugePageTunable, IsReadFromTheListAsGlibcReadsIt) {
  EXPECT_EQ(dun::heap_huge_page_tunable(""), std::nullopt);
  EXPECT_EQ(dun::heap_huge_page_tunable("glibc.malloc.hugetlb=1"), "1");
  EXPECT_EQ(dun::heap_huge_page_tunable("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=0"), "0");
  // Named twice: the last one counts.
  EXPECT_EQ(dun::heap_huge_page_tunable("glibc.malloc.hugetlb=0:glibc.malloc.hugetlb=2"), "2");
  // Another tunable whose name starts the same is not it.
  EXPECT_EQ(dun::heap_huge_page_tunable("glibc.malloc.hugetlbx=1"), std::nullopt);
  EXPECT_EQ(dun::heap_huge_page_tunable("glibc.malloc.hugetlb"), std::nullopt);
}

}  // namespace
