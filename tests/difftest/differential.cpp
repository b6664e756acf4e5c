#include "tests/difftest/differential.hpp"

#include <algorithm>
#include <memory>
#include <vector>

#include "tests/difftest/compile_source.hpp"
#include "tests/difftest/random_batch.hpp"

namespace dun::difftest {
namespace {

constexpr std::string_view kOutcomeNames[] = {"nothing", "fire", "hold", "error"};
constexpr std::string_view kErrorNames[] = {
    "none",     "missing_rate", "absent_value",     "division_by_zero",
    "overflow", "out_of_range", "no_interest_rule", "missing_step_date"};
constexpr std::string_view kSkipNames[] = {"?", "expired", "late", "condition"};
constexpr std::string_view kFlagNames[] = {"started", "reopened", "closed",
                                           "stopped", "paused",   "resumed"};
constexpr std::string_view kClauseNames[] = {"?",  "applies", "stop", "pause",     "let",
                                             "at", "until",   "when", "wait until"};

template <std::size_t N>
std::string_view name_of(const std::string_view (&names)[N], unsigned index) {
  return index < N ? names[index] : std::string_view("(invalid)");
}

std::string reproduce_line(std::uint64_t seed, const GeneratorOptions& options) {
  std::string line =
      "reproduce: DUN_DIFFTEST_SEED=" + std::to_string(seed) + " DUN_DIFFTEST_CASES=1";
  if (options.max_depth != GeneratorOptions{}.max_depth) {
    line += " DUN_DIFFTEST_DEPTH=" + std::to_string(options.max_depth);
  }
  return line + " build/tests/difftest_test\n";
}

std::string failure_header(std::uint64_t seed, const GeneratorOptions& options,
                           const std::string& what, const std::string& source) {
  return "difftest case seed " + std::to_string(seed) + ": " + what + "\n" +
         reproduce_line(seed, options) + "--- scenario ---\n" + source +
         "--- end of scenario ---\n";
}

}  // namespace

void Coverage::count(const dsl::Decision& decision) {
  ++decisions;
  ++outcomes[static_cast<unsigned>(decision.outcome) & 3u];
  if (static_cast<unsigned>(decision.error) < errors.size()) {
    ++errors[static_cast<unsigned>(decision.error)];
  }
  for (std::uint8_t nth = 0; nth < decision.skipped_count; ++nth) {
    ++skips[static_cast<unsigned>(decision.skip_reason(nth))];
  }
  most_skips_in_a_day = std::max<std::uint64_t>(most_skips_in_a_day, decision.skipped_count);
  for (std::size_t bit = 0; bit < flags.size(); ++bit) {
    if ((decision.flags & (1u << bit)) != 0) ++flags[bit];
  }
  if (decision.outcome == dsl::Outcome::error) {
    const auto kind = static_cast<unsigned>(dsl::site_kind(decision.error_site));
    if (kind < error_clauses.size()) ++error_clauses[kind];
  }
}

std::string Coverage::summary() const {
  std::string text =
      std::to_string(cases) + " cases, " + std::to_string(decisions) + " decisions\n  outcomes:";
  for (unsigned k = 0; k < outcomes.size(); ++k) {
    text += " " + std::string(kOutcomeNames[k]) + "=" + std::to_string(outcomes[k]);
  }
  text += "\n  errors:";
  for (unsigned k = 1; k < errors.size(); ++k) {
    text += " " + std::string(kErrorNames[k]) + "=" + std::to_string(errors[k]);
  }
  text += "\n  error clauses:";
  for (unsigned k = 1; k < error_clauses.size(); ++k) {
    text += " " + std::string(kClauseNames[k]) + "=" + std::to_string(error_clauses[k]);
  }
  text += "\n  skips:";
  for (unsigned k = 1; k < skips.size(); ++k) {
    text += " " + std::string(kSkipNames[k]) + "=" + std::to_string(skips[k]);
  }
  text += " (at most " + std::to_string(most_skips_in_a_day) + " in one decision)";
  text += "\n  flags:";
  for (unsigned k = 0; k < flags.size(); ++k) {
    text += " " + std::string(kFlagNames[k]) + "=" + std::to_string(flags[k]);
  }
  return text + "\n";
}

std::string describe_decision(const dsl::Decision& decision) {
  std::string text = std::string(name_of(kOutcomeNames, static_cast<unsigned>(decision.outcome)));
  if (decision.outcome == dsl::Outcome::fire || decision.outcome == dsl::Outcome::hold ||
      decision.step != 0) {
    text += " step " + std::to_string(decision.step);
  }
  if (decision.flags != 0) {
    text += ", flags";
    for (unsigned bit = 0; bit < 8; ++bit) {
      if ((decision.flags & (1u << bit)) != 0) text += " " + std::string(name_of(kFlagNames, bit));
    }
  }
  if (decision.skipped_count != 0 || decision.first_skipped != 0 || decision.skip_reasons != 0) {
    text += ", skipped from step " + std::to_string(decision.first_skipped) + ":";
    for (std::uint8_t nth = 0; nth < decision.skipped_count; ++nth) {
      text +=
          " " + std::string(name_of(kSkipNames, static_cast<unsigned>(decision.skip_reason(nth))));
    }
    text += " (reasons bits " + std::to_string(decision.skip_reasons) + ")";
  }
  if (decision.error != dsl::EvalError::none || decision.error_site != 0) {
    text += ", error " + std::string(name_of(kErrorNames, static_cast<unsigned>(decision.error))) +
            " in " +
            std::string(
                name_of(kClauseNames, static_cast<unsigned>(dsl::site_kind(decision.error_site)))) +
            " #" + std::to_string(dsl::site_index(decision.error_site));
  }
  return text;
}

CaseResult run_case(std::uint64_t seed, std::span<const BackendFactory> factories,
                    const GeneratorOptions& options, Coverage* coverage) {
  const GeneratedScenario generated = generate_scenario(seed, options);
  Result<CompiledSource> compiled = compile_source("generated.dun", generated.source);
  if (!compiled.ok()) {
    return {false,
            failure_header(seed, options, "the generated scenario does not check (a generator bug)",
                           generated.source) +
                compiled.error().message};
  }
  const dsl::ir::Scenario& scenario = compiled->scenario();
  // Each back end compiles the scenario once (a JIT compile costs far more than an evaluation),
  // then evaluates several random batches of it: one case per (scenario, batch).
  std::vector<std::unique_ptr<dsl::CompiledScenario>> backends;
  for (const BackendFactory& factory : factories) {
    Result<std::unique_ptr<dsl::CompiledScenario>> backend = factory.compile(scenario);
    if (!backend.ok()) {
      return {false, failure_header(seed, options,
                                    "back end '" + std::string(factory.name) +
                                        "' refused a checked scenario: " + backend.error().message,
                                    generated.source)};
    }
    backends.push_back(std::move(backend).value());
  }

  CaseResult result;
  for (std::uint64_t batch_index = 0; batch_index < kBatchesPerScenario; ++batch_index) {
    // Batch 0 keeps the scenario's seed, so replays of older reports see the same first batch.
    const RandomBatch batch(seed + batch_index * kBatchSeedStride, scenario.steps.size());
    const std::uint32_t rows = batch.input().row_count;
    std::vector<std::vector<dsl::Decision>> decisions;
    for (const auto& backend : backends) {
      decisions.emplace_back(rows);
      backend->evaluate(batch.input(), decisions.back());
    }
    if (coverage != nullptr) {
      ++coverage->cases;
      for (const dsl::Decision& decision : decisions.front()) coverage->count(decision);
    }
    constexpr std::size_t kRowsShown = 5;  // enough to see the pattern, short enough to read
    for (std::size_t b = 1; b < decisions.size(); ++b) {
      std::size_t differing = 0;
      for (std::uint32_t position = 0; position < rows; ++position) {
        const dsl::Decision& expected = decisions.front()[position];
        const dsl::Decision& actual = decisions[b][position];
        if (expected == actual) continue;
        if (result.agreed) {
          result.agreed = false;
          result.report =
              failure_header(seed, options, "the back ends disagree", generated.source) + "batch " +
              std::to_string(batch_index) + " of the scenario\n" + batch.describe_environment() +
              "\n";
        }
        if (++differing > kRowsShown) continue;
        result.report += "row " + std::to_string(position) + ":\n" + batch.describe_row(position) +
                         "  " + std::string(factories.front().name) + ": " +
                         describe_decision(expected) + "\n  " + std::string(factories[b].name) +
                         ": " + describe_decision(actual) + "\n";
      }
      if (differing > kRowsShown) {
        result.report += "… and " + std::to_string(differing - kRowsShown) + " more rows where " +
                         std::string(factories[b].name) + " differs\n";
      }
    }
    if (!result.agreed) break;
  }
  return result;
}

}  // namespace dun::difftest
