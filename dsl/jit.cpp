// compile_jit: the typed IR through dsl/jit_codegen to LLVM IR, the new pass manager at the
// requested level for the host CPU, and ORC's LLJIT, with the on-disk object cache in front
// (docs/jit.md). Every llvm::Error and llvm::Expected is consumed here and becomes a dun::Error.
#include "dsl/jit.hpp"

#include <llvm/Config/llvm-config.h>
#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <optional>

#include "dsl/backend_common.hpp"
#include "dsl/jit_cache.hpp"
#include "dsl/jit_codegen.hpp"
#include "dsl/jit_runtime.hpp"
#include "dsl/jit_wide_masks.hpp"

#ifndef DUN_VERSION
#define DUN_VERSION "dev"
#endif

namespace dun::dsl {
namespace {

// Bump whenever the generated code changes for the same IR (codegen, ABI, runtime symbols): old
// cache entries then stop matching instead of running stale code.
constexpr std::string_view kCodegenVersion = "jit-codegen-11";

std::atomic<std::uint64_t> cache_hits{0}, cache_misses{0}, cache_rejected{0};

std::string message_of(llvm::Error error) { return llvm::toString(std::move(error)); }

void initialise_llvm_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

llvm::CodeGenOptLevel codegen_level(int level) {
  switch (level) {
    case 0:
      return llvm::CodeGenOptLevel::None;
    case 1:
      return llvm::CodeGenOptLevel::Less;
    case 3:
      return llvm::CodeGenOptLevel::Aggressive;
    default:
      return llvm::CodeGenOptLevel::Default;
  }
}

#if defined(__clang__)
#define DUN_NO_SANITIZE_FUNCTION __attribute__((no_sanitize("function")))
#else
#define DUN_NO_SANITIZE_FUNCTION
#endif

class JitScenario final : public CompiledScenario {
 public:
  JitScenario(std::unique_ptr<llvm::orc::LLJIT> jit, jit::BatchFunction function)
      : jit_(std::move(jit)), function_(function) {}

  // Clang's -fsanitize=function (part of -fsanitize=undefined, on in the fuzz build) checks an
  // indirect call by reading a type signature from the 8 bytes before the callee. JIT'd code has
  // no such prefix, and when it starts a mapped page that read faults (the difftest_fuzz SEGV of
  // CI run 11), so calls into JIT'd code are exempt from that one check.
  DUN_NO_SANITIZE_FUNCTION
  void evaluate(const BatchInput& batch, std::span<Decision> decisions) const override {
    const std::uint32_t count = rows_to_decide(batch, decisions);
    if (count > 0) function_(&batch, decisions.data(), count);
  }

 private:
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  jit::BatchFunction function_;
};

// The IR pipeline of each level. LLVM's per-module default pipelines spend most of their time on
// what a single generated function does not need (inlining, interprocedural passes, loop
// transformations of loops it does not have), so levels 1 and 2 run a short function pipeline
// instead: SROA turns the allocas into registers, EarlyCSE and InstCombine fold the checks,
// SimplifyCFG merges the blocks; level 2 adds the loop vectorizer for the fast pass's loop
// (jit_fast_pass.cpp). Level 3 is LLVM's full -O3 pipeline. Measured in bench/RESULTS.md.
// `instcombine<no-verify-fixpoint>` as LLVM's own pipelines use it: the bare textual
// `instcombine` checks that one iteration reached a fixpoint and aborts the process otherwise.
#define DUN_JIT_LEAN_PASSES "sroa,early-cse,instcombine<no-verify-fixpoint>,simplifycfg"
constexpr const char* kLeanPipeline = "function(" DUN_JIT_LEAN_PASSES ")";
constexpr const char* kVectorisingPipeline =
    "function(" DUN_JIT_LEAN_PASSES
    ",loop-simplify,lcssa,loop-vectorize,instcombine<no-verify-fixpoint>,simplifycfg)";
#undef DUN_JIT_LEAN_PASSES

Status optimise(llvm::Module& module, llvm::TargetMachine& machine, int level) {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager cgscc;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder passes(&machine);
  passes.registerModuleAnalyses(modules);
  passes.registerCGSCCAnalyses(cgscc);
  passes.registerFunctionAnalyses(functions);
  passes.registerLoopAnalyses(loops);
  passes.crossRegisterProxies(loops, functions, cgscc, modules);
  llvm::ModulePassManager pipeline;
  if (level == 0) {
    pipeline = passes.buildO0DefaultPipeline(llvm::OptimizationLevel::O0);
  } else if (level == 3) {
    pipeline = passes.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
  } else if (auto error = passes.parsePassPipeline(
                 pipeline, level == 1 ? kLeanPipeline : kVectorisingPipeline)) {
    return Error{"internal error: the pass pipeline does not parse: " +
                 message_of(std::move(error))};
  }
  pipeline.run(module, modules);
  // After the pipeline, whose InstCombine would fold them back (docs/jit.md, "Masks in 32-bit
  // lanes"); --opt 2 only, where the core first pass runs 16 rows per iteration.
  if (level == 2) {
    for (llvm::Function& function : module) jit::widen_vector_masks(function);
  }
  return Status::Ok();
}

// DUN_JIT_DUMP=DIR writes each compiled scenario's optimised IR (DIR/<scenario>.ll), its machine
// code (DIR/<scenario>.s) and the object the JIT links (DIR/<scenario>.o, whose disassembly has
// the offsets a profiler's samples land on), to see where the time goes (docs/jit.md). Best
// effort.
std::string dump_base(const llvm::Module& module) {
  const char* dir = std::getenv("DUN_JIT_DUMP");
  if (dir == nullptr || *dir == '\0') return {};
  return std::string(dir) + "/" + module.getName().str();
}

void dump_if_asked(const llvm::Module& module, llvm::TargetMachine& machine) {
  const std::string base = dump_base(module);
  if (base.empty()) return;
  std::error_code error;
  llvm::raw_fd_ostream ir(base + ".ll", error);
  if (!error) module.print(ir, nullptr);
  llvm::raw_fd_ostream assembly(base + ".s", error);
  if (error) return;
  std::unique_ptr<llvm::Module> copy = llvm::CloneModule(module);
  llvm::legacy::PassManager passes;
  if (!machine.addPassesToEmitFile(passes, assembly, nullptr,
                                   llvm::CodeGenFileType::AssemblyFile)) {
    passes.run(*copy);
  }
}

// The host as LLVM describes it (triple, CPU, features), detected once per process.
struct HostTarget {
  std::optional<llvm::orc::JITTargetMachineBuilder> machine;
  std::string description;  // triple, CPU and features, for the cache key
  std::string error;        // why the host could not be described, when it could not
};

const HostTarget& host_target() {
  static const HostTarget host = [] {
    HostTarget detected_host;
    auto detected = llvm::orc::JITTargetMachineBuilder::detectHost();
    if (!detected) {
      detected_host.error = "cannot describe this CPU to LLVM: " + message_of(detected.takeError());
      return detected_host;
    }
    detected_host.description = detected->getTargetTriple().str() + " " + detected->getCPU() + " " +
                                detected->getFeatures().getString();
    detected_host.machine = std::move(*detected);
    return detected_host;
  }();
  return host;
}

// An LLJIT that resolves nothing from the process: only dun's host functions, as absolute symbols.
// It only links objects (compile_object made them), so it needs no target machine of its own.
Result<std::unique_ptr<llvm::orc::LLJIT>> make_jit(const HostTarget& host) {
  auto built = llvm::orc::LLJITBuilder()
                   .setJITTargetMachineBuilder(*host.machine)
                   .setLinkProcessSymbolsByDefault(false)
                   // No ORC runtime platform (static initialisers, TLS): the generated code needs
                   // none, and the native platform would insist on linking the process's symbols.
                   .setPlatformSetUp(llvm::orc::setUpInactivePlatform)
                   .create();
  if (!built) return Error{"cannot start LLVM's JIT: " + message_of(built.takeError())};
  std::unique_ptr<llvm::orc::LLJIT> jit = std::move(*built);
  llvm::orc::SymbolMap symbols;
  for (const FunctionSymbol& symbol : jit_runtime_symbols()) {
    symbols[jit->mangleAndIntern(llvm::StringRef(symbol.name.data(), symbol.name.size()))] =
        llvm::orc::ExecutorSymbolDef(
            llvm::orc::ExecutorAddr(symbol.address),
            llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable);
  }
  if (auto error = jit->getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)))) {
    return Error{"cannot register dun's runtime functions with the JIT: " +
                 message_of(std::move(error))};
  }
  return jit;
}

// Generates, optimises and compiles the scenario to a relocatable object, with ONE target machine
// for the IR pipeline and the code generator. Everything lives in this call's own context, so
// scenarios compile on several threads at once.
Result<std::string> compile_object(const ir::Scenario& scenario, std::int32_t calendar_id,
                                   const HostTarget& host, const JitOptions& options) {
  llvm::orc::JITTargetMachineBuilder builder = *host.machine;
  builder.setCodeGenOptLevel(codegen_level(options.opt_level));
  auto machine = builder.createTargetMachine();
  if (!machine) {
    return Error{"cannot create LLVM's target machine: " + message_of(machine.takeError())};
  }
  llvm::LLVMContext context;
  llvm::Module module("scenario_" + scenario.name, context);
  module.setDataLayout((*machine)->createDataLayout());
  module.setTargetTriple((*machine)->getTargetTriple().str());
  // The fast pass needs the vectorizer, which only level 2 and 3 run; its wider subset compiles
  // several times slower, so level 2 (the default) keeps to the core one (docs/jit.md).
  const jit::FastPass fast_pass = options.opt_level >= 3   ? jit::FastPass::wide
                                  : options.opt_level == 2 ? jit::FastPass::core
                                                           : jit::FastPass::none;
  auto generated = jit::generate_batch_function(scenario, calendar_id, fast_pass, module);
  if (!generated) return generated.error();
  if (auto optimised = optimise(module, **machine, options.opt_level); !optimised) {
    return optimised.error();
  }
  dump_if_asked(module, **machine);
  auto object = llvm::orc::SimpleCompiler(**machine)(module);
  if (!object) return Error{"LLVM could not compile it: " + message_of(object.takeError())};
  if (const std::string base = dump_base(module); !base.empty()) {
    std::error_code error;
    llvm::raw_fd_ostream dumped(base + ".o", error);
    if (!error) dumped << (*object)->getBuffer();
  }
  return std::string((*object)->getBufferStart(), (*object)->getBufferSize());
}

// One JIT for the scenario, linking its object code (compiled now or read from the cache).
Result<std::unique_ptr<JitScenario>> load(const ir::Scenario& scenario, const HostTarget& host,
                                          const std::string& object) {
  auto jit = make_jit(host);
  if (!jit) return jit.error();
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(object, "object_" + scenario.name);
  if (auto error = (*jit)->addObjectFile(std::move(buffer))) {
    return Error{"the object code does not load: " + message_of(std::move(error))};
  }
  auto address = (*jit)->lookup(jit::kBatchFunctionName);
  if (!address) return Error{"the object code does not link: " + message_of(address.takeError())};
  const auto function = address->toPtr<jit::BatchFunction>();
  return std::make_unique<JitScenario>(std::move(jit).value(), function);
}

}  // namespace

Result<std::unique_ptr<CompiledScenario>> compile_jit(const ir::Scenario& scenario,
                                                      const JitOptions& options) {
  const std::string what = "scenario " + scenario.name + ": JIT: ";
  if (options.opt_level < 0 || options.opt_level > 3) {
    return Error{what + "optimisation level " + std::to_string(options.opt_level) +
                 " is not one of 0, 1, 2, 3"};
  }
  if (auto limit = check_step_limit(scenario); !limit) return limit.error();
  auto calendar = scenario_calendar(scenario);
  if (!calendar) return calendar.error();
  initialise_llvm_once();
  const HostTarget& host = host_target();
  if (!host.machine) return Error{what + host.error};

  const bool cached = !options.cache_dir.empty();
  // The custom fields decide the slots the code reads: a reordered [fields] is another program.
  const std::string key = options.cache_key + "\nscenario " + scenario.name + "\nfields " +
                          scenario.custom_fields + "\ndun " + DUN_VERSION + " " +
                          std::string(kCodegenVersion) + "\nLLVM " + LLVM_VERSION_STRING + "\n" +
                          host.description + "\nO" + std::to_string(options.opt_level);
  if (cached) {
    const jit::CacheEntry entry = jit::read_cache_entry(options.cache_dir, key);
    if (entry.status == jit::CacheLookup::hit) {
      auto loaded = load(scenario, host, entry.object);
      if (loaded) {
        ++cache_hits;
        return std::unique_ptr<CompiledScenario>(std::move(loaded).value());
      }
    }
    ++(entry.status == jit::CacheLookup::miss ? cache_misses : cache_rejected);
  }
  auto object = compile_object(scenario, calendar->id(), host, options);
  if (!object) return Error{what + object.error().message};
  auto compiled = load(scenario, host, *object);
  if (!compiled) return Error{what + compiled.error().message};
  // A cache that cannot be written only costs a compilation next time.
  if (cached) (void)jit::write_cache_entry(options.cache_dir, key, *object);
  return std::unique_ptr<CompiledScenario>(std::move(compiled).value());
}

JitCacheStats jit_cache_stats() {
  return {cache_hits.load(), cache_misses.load(), cache_rejected.load()};
}

std::filesystem::path jit_cache_dir_for(const std::filesystem::path& database) {
  return database.parent_path() / "jit-cache";
}

}  // namespace dun::dsl
