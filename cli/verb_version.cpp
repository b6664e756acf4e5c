#include <llvm/Config/llvm-config.h>
#include <sqlite3.h>

#include <cstdio>

#include "cli/verbs.hpp"

namespace dun::cli {

int run_version(Args) {
  std::printf("dun %s (LLVM %s, SQLite %s)\n", DUN_VERSION, LLVM_VERSION_STRING,
              sqlite3_libversion());
  return 0;
}

}  // namespace dun::cli
