// release_library_pages (engine/base/library_pages.hpp): after a JIT compilation, LLVM's code is
// resident; releasing it unmaps those pages and keeps its relocated data, and the JIT still
// compiles and decides as the interpreter afterwards (the pages come back from the file).
#include "engine/base/library_pages.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/jit_test_util.hpp"

namespace dun {
namespace {

using dsl::testing::compile;
using dsl::testing::day;
using dsl::testing::expect_backends_agree;
using dsl::testing::SyntheticBatch;
using dsl::testing::TestBatch;

constexpr std::size_t kMegabyte = 1 << 20;

std::unique_ptr<dsl::ir::Scenario> reference_scenario() {
  std::ifstream in(std::filesystem::path(DUN_SOURCE_DIR) / "bench/reference.dun");
  std::stringstream text;
  text << in.rdbuf();
  return compile(text.str());
}

// The JIT's decisions equal the interpreter's on a varied batch (expect_backends_agree compiles
// the scenario at -O0, -O2 and -O3, so LLVM's code runs).
void expect_the_jit_decides(const dsl::ir::Scenario& scenario) {
  const std::int32_t today = day("2026-03-10");
  SyntheticBatch synthetic(200, scenario.steps.size(), today, 11);
  const TestBatch batch(synthetic.portfolio, scenario.steps.size(), synthetic.states, today);
  expect_backends_agree(scenario, batch.input());
}

TEST(LibraryPages, LlvmsCodeIsGivenBackAndItsRelocatedDataKept) {
  const auto scenario = reference_scenario();
  expect_the_jit_decides(*scenario);
  const LibraryResidency before = library_residency("libLLVM");
  // Its start-up and the compilations touched megabytes of LLVM's code; its relocated data
  // (vtables, option tables) is private to the process.
  ASSERT_GT(before.unmodified, 8 * kMegabyte);
  ASSERT_GT(before.modified, 0u);

  const std::size_t released = release_library_pages("libLLVM");
  const LibraryResidency after = library_residency("libLLVM");
  EXPECT_GE(released, before.unmodified - kMegabyte);
  EXPECT_LE(released, before.unmodified + kMegabyte);
  EXPECT_LT(after.unmodified, kMegabyte) << "the unmodified pages are still mapped";
  // The relocated data would be lost if it were released: it is kept, page for page.
  EXPECT_GE(after.modified, before.modified);

  // What the JIT needs comes back from the file.
  expect_the_jit_decides(*scenario);
  EXPECT_GT(library_residency("libLLVM").unmodified, kMegabyte);
}

TEST(LibraryPages, ALibraryThatIsNotLoadedReleasesNothing) {
  const LibraryResidency before = library_residency("libdun-no-such-library");
  EXPECT_EQ(before.unmodified, 0u);
  EXPECT_EQ(before.modified, 0u);
  EXPECT_EQ(release_library_pages("libdun-no-such-library"), 0u);
}

// Another library keeps its pages: only the named one's are released.
TEST(LibraryPages, OnlyTheNamedLibraryIsReleased) {
  const auto scenario = reference_scenario();
  expect_the_jit_decides(*scenario);
  const std::size_t standard_library = library_residency("libstdc++").unmodified;
  ASSERT_GT(standard_library, 0u);
  release_library_pages("libLLVM");
  EXPECT_GE(library_residency("libstdc++").unmodified, standard_library - 64 * 1024);
}

}  // namespace
}  // namespace dun
