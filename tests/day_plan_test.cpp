// The one planner of a day (engine/day/day_plan.hpp): the scenario of each invoice, the stored
// sequence it goes on with, the sequences that close unevaluated, the collector's pauses, and a
// one-invoice plan that sees exactly what the whole day's plan sees for that invoice.
#include "engine/day/day_plan.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/base/temp_folder.hpp"
#include "engine/snapshot/load_snapshot.hpp"
#include "tests/snapshot_fixture.hpp"

namespace dun {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

const Date kToday = *Date::parse("2026-01-20");

class DayPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto folder = make_temp_folder("dun-day-plan-test");
    dir_ = *folder;
    write_file(dir_ / "snapshot" / "collectors.csv", testing::kCollectorsCsv);
    write_file(dir_ / "snapshot" / "customers.csv",
               testing::kCustomersCsvHeader +
                   "C1,Acme,en,FR,EUR,sme,,c1@acme.example,1 Rue,,\n"
                   "C2,Globex,en,FR,EUR,sme,,c2@globex.example,2 Rue,,\n");
    write_file(dir_ / "snapshot" / "invoices.csv",
               testing::kInvoicesCsvHeader +
                   "I1,C1,F-1,invoice,2026-01-01,2026-01-05,EUR,100.00,100.00,false,true,,\n"
                   "I2,C1,F-2,invoice,2026-01-01,2026-01-05,EUR,100.00,100.00,false,true,,\n"
                   "I3,C2,F-3,invoice,2026-01-01,2026-01-05,EUR,100.00,100.00,false,true,,\n");
    const std::string steps =
        "  step first\n    at invoice.due_date + 7 days\n    task \"call\"\nend\n";
    write_file(dir_ / "scenarios" / "a.dun", "scenario a \"A\"\n" + steps);
    write_file(dir_ / "scenarios" / "b.dun", "scenario b \"B\"\n" + steps);

    auto snapshot = load_snapshot(dir_ / "snapshot", /*strict=*/true);
    snapshot_ = std::make_unique<LoadedSnapshot>(std::move(snapshot).value());
    dsl::Diagnostics diagnostics;
    auto scenarios =
        ScenarioSet::load(dir_ / "scenarios", std::nullopt, "en", BackendKind::interp, diagnostics);
    scenarios_ = std::move(scenarios).value();
    config_.engine.default_scenario = "a";

    // I2 runs under b (it is reassigned to a today); I9 has left the snapshot.
    SequenceTableBuilder builder;
    builder.add_sequence("I2", "C1", "b", SequenceState::active, "first", kToday - 5, kToday - 5);
    builder.add_event("first", StepStatus::fired, "", kToday - 5);
    builder.add_sequence("I9", "C1", "a", SequenceState::active, "", kToday - 5, kToday - 5);
    sequences_ = std::move(builder).finish();

    overrides_.push_back({OverrideKind::assign, "C2", "b", std::nullopt, kToday, "test"});
    overrides_.push_back({OverrideKind::pause, "I1", "", kToday + 3, kToday, "test"});
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  DaySources sources() const {
    return {snapshot_->portfolio, *scenarios_, config_, sequences_, overrides_, kToday};
  }
  std::uint32_t row_of(std::string_view invoice) const {
    return static_cast<std::uint32_t>(*snapshot_->portfolio.find_invoice(invoice));
  }

  fs::path dir_;
  std::unique_ptr<LoadedSnapshot> snapshot_;
  std::unique_ptr<ScenarioSet> scenarios_;
  Config config_;
  SequenceTable sequences_;
  std::vector<Override> overrides_;
};

TEST_F(DayPlanTest, SplitsTheInvoicesByScenarioWithTheCollectorsOverrides) {
  auto plan = DayPlan::build(sources());
  ASSERT_EQ(plan.batches().size(), 2u);
  ASSERT_NE(plan.aggregates(), nullptr);  // the day's, shared with the delivery after a run
  const ScenarioBatch& a = plan.batches()[0];
  const ScenarioBatch& b = plan.batches()[1];
  EXPECT_EQ(a.rows, (std::vector<std::uint32_t>{row_of("I1"), row_of("I2")}));
  EXPECT_EQ(b.rows, (std::vector<std::uint32_t>{row_of("I3")}));
  EXPECT_EQ(plan.handled(), 3u);
  EXPECT_EQ(a.input.row_count, 2u);
  EXPECT_EQ(a.input.today, kToday.days());
}

TEST_F(DayPlanTest, ClosesTheSequencesOfAbsentAndReassignedInvoices) {
  auto plan = DayPlan::build(sources());
  ASSERT_EQ(plan.closings().size(), 2u);
  EXPECT_EQ(plan.closings()[0].sequence_row, *sequences_.find("I9"));
  EXPECT_EQ(plan.closings()[0].detail, "absent from the snapshot");
  EXPECT_EQ(plan.closings()[1].sequence_row, *sequences_.find("I2"));
  EXPECT_EQ(plan.closings()[1].detail, "reassigned to a");
  const auto i2 = plan.find(row_of("I2"));
  ASSERT_TRUE(i2.has_value());
  EXPECT_EQ(plan.batches()[i2->scenario].sequence_rows[i2->position], kNoSequence);
}

TEST_F(DayPlanTest, FlagsTheCollectorsPauseForTheBackEnds) {
  auto plan = DayPlan::build(sources());
  const ScenarioBatch& a = plan.batches()[0];
  EXPECT_NE(a.sequences.flags[0] & dsl::kSequenceManualPause, 0);  // I1
  EXPECT_EQ(a.sequences.flags[1] & dsl::kSequenceManualPause, 0);  // I2
  EXPECT_EQ(plan.manual_pause_until("I1"), kToday + 3);
  EXPECT_EQ(plan.manual_pause_until("I2"), std::nullopt);
}

// The run frees the plan's evaluation inputs before recording the day's rows (the first day's
// memory is highest there); what the recorder reads stays.
TEST_F(DayPlanTest, ReleasingTheEvaluationInputsKeepsWhatTheRunRecords) {
  auto plan = DayPlan::build(sources());
  const std::shared_ptr<const CustomerAggregates> aggregates = plan.aggregates();
  const std::weak_ptr<const DayInputs> inputs = plan.inputs();
  const std::vector<std::uint32_t> rows = plan.batches()[0].rows;
  const std::vector<std::uint32_t> sequence_rows = plan.batches()[0].sequence_rows;
  const std::vector<std::uint8_t> flags = plan.batches()[0].sequences.flags;
  ASSERT_FALSE(plan.batches()[0].sequences.step_dates.empty());

  plan.release_evaluation_inputs();
  EXPECT_TRUE(inputs.expired());  // the columns, assignment and delivery are freed
  EXPECT_EQ(plan.manual_pause_until("I1"), std::nullopt);
  for (const ScenarioBatch& batch : plan.batches()) {
    EXPECT_EQ(batch.sequences.step_dates.capacity(), 0u);
    EXPECT_EQ(batch.sequences.status.capacity(), 0u);
    EXPECT_EQ(batch.sequences.last_step.capacity(), 0u);
    EXPECT_EQ(batch.input.portfolio, nullptr);
    EXPECT_EQ(batch.input.sequences.step_dates, nullptr);
  }
  const ScenarioBatch& a = plan.batches()[0];
  EXPECT_EQ(a.rows, rows);
  EXPECT_EQ(a.sequence_rows, sequence_rows);
  EXPECT_EQ(a.sequences.flags, flags);
  EXPECT_NE(a.sequences.flags[0] & dsl::kSequenceManualPause, 0);  // I1: the pause's event
  EXPECT_EQ(plan.closings().size(), 2u);
  EXPECT_EQ(plan.handled(), 3u);
  EXPECT_EQ(aggregates.use_count(), 1);  // the run's copy outlives the plan's
}

TEST_F(DayPlanTest, PlansOneInvoiceAsTheWholeDayDoes) {
  auto whole = DayPlan::build(sources());
  for (const char* invoice : {"I1", "I2", "I3"}) {
    const std::uint32_t only_row[] = {row_of(invoice)};
    auto one = DayPlan::build(sources(), only_row);
    EXPECT_EQ(one.handled(), 1u) << invoice;
    const auto in_whole = whole.find(only_row[0]);
    const auto in_one = one.find(only_row[0]);
    ASSERT_TRUE(in_whole && in_one) << invoice;
    EXPECT_EQ(in_one->position, 0u);
    const ScenarioBatch& w = whole.batches()[in_whole->scenario];
    const ScenarioBatch& o = one.batches()[in_one->scenario];
    EXPECT_EQ(o.input.row_count, 1u);
    EXPECT_EQ(o.sequence_rows[0], w.sequence_rows[in_whole->position]) << invoice;
    EXPECT_EQ(o.sequences.status[0], w.sequences.status[in_whole->position]) << invoice;
    EXPECT_EQ(o.sequences.flags[0], w.sequences.flags[in_whole->position]) << invoice;
    EXPECT_EQ(o.sequences.last_step[0], w.sequences.last_step[in_whole->position]) << invoice;
  }
}

}  // namespace
}  // namespace dun
