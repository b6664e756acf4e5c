// The delivery facts a scenario reads (invoice.last_letter_status, customer.email_bounced;
// docs/delivery.md, "What a scenario reads of delivery") on every back end: the escalation
// scenarios an analyst writes, evaluated by the reference interpreter and the JIT at -O0 and -O2
// on random portfolios whose delivery columns hold every status word (and now and then a byte
// beyond the table, or no column at all). Every back end must make the reference's decisions,
// and the fixed rows below must come out as the documentation says.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dsl/check.hpp"
#include "dsl/letter_status.hpp"
#include "dsl/parse.hpp"
#include "tests/difftest/backends.hpp"
#include "tests/difftest/random_batch.hpp"
#include "tests/difftest_test_util.hpp"

namespace dun::difftest {
namespace {

const char* const kScenarios[] = {
    R"(scenario escalate "Escalate a refused electronic letter"
  step paper
    at invoice.due_date + 1 days
    when invoice.last_letter_status in ["refused", "neglected"]
    letter registered "t"
  step call
    at previous + 2 days
    when customer.email_bounced or invoice.last_letter_status == ""
    task "call"
end
)",
    R"(scenario b "Bounced"
  stop when customer.email_bounced and invoice.last_letter_status == "signed"
  let status = invoice.last_letter_status
  step s
    at invoice.due_date - 3 days
    wait until not customer.email_bounced or contains(status, "e")
    email "t"
end
)",
};

struct Checked {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::CheckedFile file;
};

Checked check_text(const char* text) {
  Checked checked;
  checked.source = std::make_unique<dsl::SourceFile>("delivery.dun", text);
  dsl::Diagnostics diagnostics;
  const dsl::ast::File file = dsl::parse(*checked.source, diagnostics);
  checked.file = dsl::check(file, *checked.source, dsl::CheckOptions{}, diagnostics);
  for (const dsl::Diagnostic& d : diagnostics.items()) {
    if (d.severity == dsl::Severity::error) {
      ADD_FAILURE() << d.pos.line << ":" << d.pos.column << ": " << d.message << "\n" << text;
    }
  }
  return checked;
}

TEST(DeliveryFieldsDifftest, EveryBackEndDecidesAsTheReference) {
  std::size_t fired = 0, rows_seen = 0;
  for (const char* text : kScenarios) {
    const Checked checked = check_text(text);
    ASSERT_EQ(checked.file.scenarios.size(), 1u);
    const dsl::ir::Scenario& scenario = checked.file.scenarios[0];
    const auto backends = testing::compile_on_every_backend(scenario);
    ASSERT_EQ(backends.size(), backend_factories().size());
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
      const RandomBatch batch(seed, scenario.steps.size());
      const std::vector<dsl::Decision> reference =
          testing::expect_backends_agree(backends, batch.input(), batch, seed, text);
      for (const dsl::Decision& d : reference) fired += d.outcome == dsl::Outcome::fire ? 1 : 0;
      rows_seen += reference.size();
    }
  }
  EXPECT_GT(fired, rows_seen / 100);
}

// One invoice, its letter status and its customer's bounce set by hand: the escalation step fires
// exactly for "refused" and "neglected", on every back end.
TEST(DeliveryFieldsDifftest, TheEscalationFiresForARefusedOrNeglectedLetterOnly) {
  const Checked checked = check_text(kScenarios[0]);
  ASSERT_EQ(checked.file.scenarios.size(), 1u);
  const auto backends = testing::compile_on_every_backend(checked.file.scenarios[0]);
  std::vector<std::size_t> escalations(backends.size(), 0);
  for (const std::string_view status : dsl::letter_statuses()) {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
      RandomBatch batch(seed, 2);
      dsl::PortfolioColumns portfolio = *batch.input().portfolio;
      std::vector<std::uint8_t> letters(portfolio.invoice_count, dsl::letter_status_code(status));
      portfolio.last_letter_status = letters.data();
      dsl::BatchInput input = batch.input();
      input.portfolio = &portfolio;
      for (std::size_t b = 0; b < backends.size(); ++b) {
        std::vector<dsl::Decision> decisions(input.row_count);
        backends[b]->evaluate(input, decisions);
        for (std::uint32_t row = 0; row < input.row_count; ++row) {
          const dsl::Decision& d = decisions[row];
          if (d.outcome == dsl::Outcome::fire && d.step == 0) {
            EXPECT_TRUE(status == "refused" || status == "neglected")
                << backend_factories()[b].name << " fired the escalation for '" << status << "'";
            ++escalations[b];
          }
        }
      }
    }
  }
  for (std::size_t b = 0; b < backends.size(); ++b) {
    EXPECT_GT(escalations[b], 0u) << backend_factories()[b].name << " never escalated";
  }
}

}  // namespace
}  // namespace dun::difftest
