// Shared by the state store suites: a fresh database file per test and small record builders.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "engine/store/state_store.hpp"

namespace dun::testing {

inline Date day(const char* text) { return *Date::parse(text); }

// A temporary directory removed after the test; the store file lives in it.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ =
        std::filesystem::temp_directory_path() / ("dun_store_" + std::to_string(::getpid()) + "_" +
                                                  info->test_suite_name() + "_" + info->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path db_path() const { return directory_ / "dun.db"; }

  StateStore open_store() {
    auto store = StateStore::open(db_path());
    if (!store) ADD_FAILURE() << store.error().message;
    return std::move(store).value();
  }

  std::filesystem::path directory_;
};

inline RunRecord run_on(const char* date) {
  RunRecord record;
  record.date = day(date);
  record.snapshot_fingerprint = "snap";
  record.scenario_fingerprints = {{"standard_b2b", "f1"}};
  return record;
}

// A batch's sequence rows view their text (ChangeBatch): the tests' ids, often built in a
// temporary, are kept here for the whole test program.
inline std::string_view kept(std::string_view text) {
  static TextPool pool;
  return pool.keep(text);
}

inline SequenceUpdate sequence(std::string_view invoice, std::string_view last_step,
                               const char* date) {
  return {kept(invoice),   "C1",      "standard_b2b", SequenceState::active,
          kept(last_step), day(date), day(date)};
}

inline Action email_action(const std::string& id, std::vector<std::string> invoices,
                           const char* date) {
  Action action;
  action.id = id;
  action.created_on = day(date);
  action.status_on = day(date);
  action.scenario = "standard_b2b";
  action.step = "first";
  action.customer = "C1";
  action.invoices = std::move(invoices);
  action.template_name = "first_reminder";
  action.language = "en";
  action.to = "ap@c1.example";
  action.payload = "Dear customer";
  return action;
}

// A confirm (or manual) task with its action, as the run creates them.
inline void add_task(ChangeBatch& batch, const std::string& action_id, TaskKind kind,
                     std::vector<std::string> invoices, const char* date) {
  Action action = email_action(action_id, invoices, date);
  action.mode = kind == TaskKind::confirm ? ActionMode::confirm : ActionMode::task;
  action.status =
      kind == TaskKind::confirm ? ActionStatus::pending_confirmation : ActionStatus::open;
  if (kind == TaskKind::task) {
    action.channel = Channel::task;
    action.template_name.clear();
    action.to.clear();
  }
  Task task;
  task.kind = kind;
  task.created_on = day(date);
  task.scenario = "standard_b2b";
  task.step = "formal";
  task.customer = "C1";
  task.invoices = std::move(invoices);
  task.action_id = action_id;
  task.text = "Call C1";
  batch.actions.push_back(std::move(action));
  batch.tasks.push_back(std::move(task));
}

}  // namespace dun::testing
