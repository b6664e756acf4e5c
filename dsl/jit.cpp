// compile_jit: the typed IR through dsl/jit_codegen to LLVM IR, the new pass manager at the
// requested level for the host CPU, and ORC's LLJIT, with the on-disk object cache in front
// (docs/jit.md). Every llvm::Error and llvm::Expected is consumed here and becomes a dun::Error.
#include "dsl/jit.hpp"

#include <llvm/Config/llvm-config.h>
#include <llvm/ExecutionEngine/ObjectCache.h>
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

#include "dsl/backend_common.hpp"
#include "dsl/jit_cache.hpp"
#include "dsl/jit_codegen.hpp"
#include "dsl/jit_runtime.hpp"

#ifndef DUN_VERSION
#define DUN_VERSION "dev"
#endif

namespace dun::dsl {
namespace {

// Bump whenever the generated code changes for the same IR (codegen, ABI, runtime symbols): old
// cache entries then stop matching instead of running stale code.
constexpr std::string_view kCodegenVersion = "jit-codegen-5";

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

// Collects the object code LLVM compiles, so that compile_jit can store it in the cache.
class CapturingObjectCache final : public llvm::ObjectCache {
 public:
  void notifyObjectCompiled(const llvm::Module*, llvm::MemoryBufferRef object) override {
    object_.assign(object.getBufferStart(), object.getBufferSize());
  }
  std::unique_ptr<llvm::MemoryBuffer> getObject(const llvm::Module*) override { return nullptr; }
  const std::string& object() const { return object_; }

 private:
  std::string object_;
};

#if defined(__clang__)
#define DUN_NO_SANITIZE_FUNCTION __attribute__((no_sanitize("function")))
#else
#define DUN_NO_SANITIZE_FUNCTION
#endif

class JitScenario final : public CompiledScenario {
 public:
  JitScenario(std::unique_ptr<CapturingObjectCache> cache, std::unique_ptr<llvm::orc::LLJIT> jit,
              jit::BatchFunction function)
      : cache_(std::move(cache)), jit_(std::move(jit)), function_(function) {}

  // Clang's -fsanitize=function (part of -fsanitize=undefined, on in the fuzz build) checks an
  // indirect call by reading a type signature from the 8 bytes before the callee. JIT'd code has
  // no such prefix, and when it starts a mapped page that read faults (the difftest_fuzz SEGV of
  // CI run 11), so calls into JIT'd code are exempt from that one check.
  DUN_NO_SANITIZE_FUNCTION
  void evaluate(const BatchInput& batch, std::span<Decision> decisions) const override {
    const std::uint32_t count = rows_to_decide(batch, decisions);
    if (count > 0) function_(&batch, decisions.data(), count);
  }

  const std::string& compiled_object() const { return cache_->object(); }

 private:
  std::unique_ptr<CapturingObjectCache> cache_;  // outlives the JIT that reports to it
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  jit::BatchFunction function_;
};

// The new pass manager's default pipeline at `level`, tuned for the target machine (host CPU).
void optimise(llvm::Module& module, llvm::TargetMachine& machine, int level) {
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
  static const llvm::OptimizationLevel kLevels[] = {
      llvm::OptimizationLevel::O0, llvm::OptimizationLevel::O1, llvm::OptimizationLevel::O2,
      llvm::OptimizationLevel::O3};
  llvm::ModulePassManager pipeline =
      level == 0 ? passes.buildO0DefaultPipeline(llvm::OptimizationLevel::O0)
                 : passes.buildPerModuleDefaultPipeline(kLevels[level]);
  pipeline.run(module, modules);
}

// DUN_JIT_DUMP=DIR writes each compiled scenario's optimised IR (DIR/<scenario>.ll) and its
// machine code (DIR/<scenario>.s), to see where the time goes (docs/jit.md). Best effort.
void dump_if_asked(const llvm::Module& module, llvm::TargetMachine& machine) {
  const char* dir = std::getenv("DUN_JIT_DUMP");
  if (dir == nullptr || *dir == '\0') return;
  const std::string base = std::string(dir) + "/" + module.getName().str();
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

struct Target {
  llvm::orc::JITTargetMachineBuilder machine;
  std::string description;  // CPU and features, for the cache key
};

Result<Target> host_target(int opt_level) {
  auto detected = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!detected)
    return Error{"cannot describe this CPU to LLVM: " + message_of(detected.takeError())};
  detected->setCodeGenOptLevel(codegen_level(opt_level));
  std::string description = detected->getTargetTriple().str() + " " + detected->getCPU() + " " +
                            detected->getFeatures().getString();
  return Target{std::move(*detected), std::move(description)};
}

// An LLJIT that resolves nothing from the process: only dun's host functions, as absolute symbols.
Result<std::unique_ptr<llvm::orc::LLJIT>> make_jit(const Target& target,
                                                   CapturingObjectCache* cache) {
  auto built =
      llvm::orc::LLJITBuilder()
          .setJITTargetMachineBuilder(target.machine)
          .setLinkProcessSymbolsByDefault(false)
          // No ORC runtime platform (static initialisers, TLS): the generated code needs none,
          // and the native platform would insist on linking the process's symbols.
          .setPlatformSetUp(llvm::orc::setUpInactivePlatform)
          .setCompileFunctionCreator(
              [cache](llvm::orc::JITTargetMachineBuilder machine)
                  -> llvm::Expected<std::unique_ptr<llvm::orc::IRCompileLayer::IRCompiler>> {
                auto target_machine = machine.createTargetMachine();
                if (!target_machine) return target_machine.takeError();
                return std::make_unique<llvm::orc::TMOwningSimpleCompiler>(
                    std::move(*target_machine), cache);
              })
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

// Generates and optimises the scenario's module in its own context (one ThreadSafeModule per
// scenario, so that scenarios compile on several threads at once).
Result<llvm::orc::ThreadSafeModule> build_module(const ir::Scenario& scenario,
                                                 std::int32_t calendar_id, const Target& target,
                                                 const llvm::orc::LLJIT& jit,
                                                 const JitOptions& options) {
  auto context = std::make_unique<llvm::LLVMContext>();
  auto module = std::make_unique<llvm::Module>("scenario_" + scenario.name, *context);
  module->setDataLayout(jit.getDataLayout());
  module->setTargetTriple(jit.getTargetTriple().str());
  auto generated = jit::generate_batch_function(scenario, calendar_id, *module);
  if (!generated) return generated.error();
  llvm::orc::JITTargetMachineBuilder builder = target.machine;
  auto machine = builder.createTargetMachine();
  if (!machine) {
    return Error{"cannot create LLVM's target machine: " + message_of(machine.takeError())};
  }
  optimise(*module, **machine, options.opt_level);
  dump_if_asked(*module, **machine);
  return llvm::orc::ThreadSafeModule(std::move(module), std::move(context));
}

// One JIT for the scenario, from the cached object when there is one, else compiled.
Result<std::unique_ptr<JitScenario>> load(const ir::Scenario& scenario, std::int32_t calendar_id,
                                          const Target& target, const JitOptions& options,
                                          const std::string* cached_object) {
  auto cache = std::make_unique<CapturingObjectCache>();
  auto jit = make_jit(target, cache.get());
  if (!jit) return jit.error();
  if (cached_object != nullptr) {
    auto buffer = llvm::MemoryBuffer::getMemBufferCopy(*cached_object, "cached_" + scenario.name);
    if (auto error = (*jit)->addObjectFile(std::move(buffer))) {
      return Error{"the cached code does not load: " + message_of(std::move(error))};
    }
  } else {
    auto module = build_module(scenario, calendar_id, target, **jit, options);
    if (!module) return module.error();
    if (auto error = (*jit)->addIRModule(std::move(module).value())) {
      return Error{"LLVM refused the generated module: " + message_of(std::move(error))};
    }
  }
  auto address = (*jit)->lookup(jit::kBatchFunctionName);
  if (!address) return Error{"LLVM could not compile it: " + message_of(address.takeError())};
  const auto function = address->toPtr<jit::BatchFunction>();
  return std::make_unique<JitScenario>(std::move(cache), std::move(jit).value(), function);
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
  auto target = host_target(options.opt_level);
  if (!target) return Error{what + target.error().message};

  const bool cached = !options.cache_dir.empty();
  // The custom fields decide the slots the code reads: a reordered [fields] is another program.
  const std::string key = options.cache_key + "\nscenario " + scenario.name + "\nfields " +
                          scenario.custom_fields + "\ndun " + DUN_VERSION + " " +
                          std::string(kCodegenVersion) + "\nLLVM " + LLVM_VERSION_STRING + "\n" +
                          target->description + "\nO" + std::to_string(options.opt_level);
  if (cached) {
    const jit::CacheEntry entry = jit::read_cache_entry(options.cache_dir, key);
    if (entry.status == jit::CacheLookup::hit) {
      auto loaded = load(scenario, calendar->id(), *target, options, &entry.object);
      if (loaded) {
        ++cache_hits;
        return std::unique_ptr<CompiledScenario>(std::move(loaded).value());
      }
    }
    ++(entry.status == jit::CacheLookup::miss ? cache_misses : cache_rejected);
  }
  auto compiled = load(scenario, calendar->id(), *target, options, nullptr);
  if (!compiled) return Error{what + compiled.error().message};
  if (cached && !(*compiled)->compiled_object().empty()) {
    // A cache that cannot be written only costs a compilation next time.
    (void)jit::write_cache_entry(options.cache_dir, key, (*compiled)->compiled_object());
  }
  return std::unique_ptr<CompiledScenario>(std::move(compiled).value());
}

JitCacheStats jit_cache_stats() {
  return {cache_hits.load(), cache_misses.load(), cache_rejected.load()};
}

std::filesystem::path jit_cache_dir_for(const std::filesystem::path& database) {
  return database.parent_path() / "jit-cache";
}

}  // namespace dun::dsl
