#include <llvm/Config/llvm-config.h>

#include <cstdio>

#include "cli/args/flags.hpp"
#include "cli/args/shipped_files.hpp"
#include "engine/store/state_store.hpp"

namespace dun::cli {

int run_version(Args args) {
  FlagParser flags(
      "version",
      "usage: dun version\n"
      "\n"
      "Prints the versions of dun, of the LLVM it was built against (part of the JIT's\n"
      "cache key) and of SQLite, and where its shipped scenarios and templates are.\n"
      "\n"
      "example:\n"
      "  dun version\n");
  if (auto exit_code = flags.parse(args)) return *exit_code;
  std::printf("dun %s (LLVM %s, SQLite %s)\n", DUN_VERSION, LLVM_VERSION_STRING,
              StateStore::sqlite_version());
  std::printf("shipped files: %s\n", shipped_files_dir().string().c_str());
  return 0;
}

}  // namespace dun::cli
