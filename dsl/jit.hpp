// The LLVM ORC JIT back end (architecture.md, docs/jit.md): compiles a checked scenario (the typed
// IR) into ONE native function that evaluates a whole batch of invoices — the columnar portfolio,
// the customer aggregates and the sequence state in (dsl/batch.hpp), one Decision per invoice out —
// with exactly the decisions, errors and error sites of the reference interpreter.
//
// Contract:
// - compile_jit is thread-safe for different scenarios (each gets its own LLVMContext, module and
//   LLJIT; LLVM's targets are initialised once). Every LLVM failure comes back as an Error whose
//   message names the scenario; nothing throws or aborts.
// - The object cache: with a cache_dir, the object code is looked up there first under a key made
//   of cache_key (the caller's hash of the scenario's source), the scenario name, its custom fields
//   (ir::Scenario::custom_fields), dun's version,
//   the code generator's version, LLVM's version, the host CPU and its features, and the opt
//   level; an unchanged scenario is then never recompiled. An entry that fails its checksum (a
//   truncated or damaged file) is ignored and rewritten. A cache that cannot be written costs a
//   recompilation next time, never an error.
// - The returned CompiledScenario keeps its own JIT and code alive; it does not point into the
//   ir::Scenario, which may be destroyed after compile_jit returns. evaluate() is const and
//   stateless (dsl/backend.hpp).
// No LLVM header is included here: LLVM stays inside dsl/jit*.cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "dsl/backend.hpp"
#include "dsl/ir.hpp"
#include "stdlib/result.hpp"

namespace dun::dsl {

struct JitOptions {
  int opt_level = 2;                // 0..3, LLVM's -O levels (new pass manager, host CPU features)
  std::filesystem::path cache_dir;  // empty: no object cache
  std::string cache_key;            // the caller's hash of the scenario's source (+ name)
};

Result<std::unique_ptr<CompiledScenario>> compile_jit(const ir::Scenario& scenario,
                                                      const JitOptions& options);

// How the object cache has answered since the process started (for tests and `--verbose`).
struct JitCacheStats {
  std::uint64_t hits = 0;      // object code loaded from the cache
  std::uint64_t misses = 0;    // no entry: compiled (and stored)
  std::uint64_t rejected = 0;  // an entry failed its checks: compiled again and rewritten
};
JitCacheStats jit_cache_stats();

// The folder of the object cache for a state store: `jit-cache` beside the database file.
std::filesystem::path jit_cache_dir_for(const std::filesystem::path& database);

}  // namespace dun::dsl
