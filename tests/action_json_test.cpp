#include "engine/model/action_json.hpp"

#include <gtest/gtest.h>

#include "tests/example_action.hpp"

namespace dun {
namespace {

Action example_action() {
  Action action = test::data_model_example_action();
  action.payload = "not part of the JSON form";
  return action;
}

// The example of data-model.md, field for field and in its order.
TEST(ActionJson, MatchesTheDocumentedExample) {
  EXPECT_EQ(action_to_json(example_action()),
            R"({"id":"4c1131c6ba6370326dc71f697e0555c5","date":"2026-11-22",)"
            R"("scenario":"standard_b2b","step":"first","channel":"email","letter_type":null,)"
            R"("mode":"auto","customer":"C0042","invoices":["INV-1001","INV-1007"],)"
            R"("template":"first_reminder","language":"fr","to":"ap@client.example",)"
            R"("copy":["anna@ourco.example"],"status":"queued"})");
}

TEST(ActionJson, LetterConfirmWithStatusDate) {
  Action action = example_action();
  action.channel = Channel::letter;
  action.letter_type = LetterType::registered;
  action.mode = ActionMode::confirm;
  action.status = ActionStatus::pending_confirmation;
  action.status_on = *Date::parse("2026-12-01");
  action.copy.clear();
  action.to = "12 rue X\n75002 Paris";
  const std::string json = action_to_json(action);
  EXPECT_NE(json.find(R"("date":"2026-12-01")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("channel":"letter","letter_type":"registered","mode":"confirm")"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("to":"12 rue X\n75002 Paris","copy":[],"status":"pending_confirmation")"),
            std::string::npos)
      << json;
}

TEST(ActionJson, TaskHasNullTemplateAndRecipient) {
  Action action = example_action();
  action.channel = Channel::task;
  action.mode = ActionMode::task;
  action.template_name.clear();
  action.language.clear();
  action.to.clear();
  action.copy.clear();
  action.status = ActionStatus::open;
  const std::string json = action_to_json(action);
  EXPECT_NE(json.find(R"("template":null,"language":null,"to":null,"copy":[],"status":"open")"),
            std::string::npos)
      << json;
}

TEST(ActionJson, EscapesQuotesBackslashesAndControlCharactersAndKeepsUtf8) {
  Action action = example_action();
  action.customer = "Ça \"va\" \\ bien\t\x01\x1f";
  action.invoices = {"FAC-été-№1"};
  const std::string json = action_to_json(action);
  EXPECT_NE(json.find(R"("customer":"Ça \"va\" \\ bien\t\u0001\u001f")"), std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("invoices":["FAC-été-№1"])"), std::string::npos) << json;
  EXPECT_EQ(json.find('\n'), std::string::npos) << "one object per line";
}

TEST(ActionJson, InvalidUtf8BecomesReplacementCharacterNotAFailure) {
  Action action = example_action();
  action.customer = "C\xff\xfe";
  EXPECT_NE(action_to_json(action).find("\"customer\":\"C\xEF\xBF\xBD\xEF\xBF\xBD\""),
            std::string::npos);
}

TEST(AgendaJson, MatchesTheDocumentedFieldsInOrder) {
  Task task;
  task.id = 12;
  task.kind = TaskKind::confirm;
  task.status = TaskStatus::open;
  task.created_on = *Date::parse("2026-11-22");
  task.scenario = "standard_b2b";
  task.step = "formal";
  task.customer = "C0042";
  task.invoices = {"INV-1001"};
  task.action_id = "4c1131c6ba6370326dc71f697e0555c5";
  task.text = "Confirm the registered letter";
  EXPECT_EQ(task_to_json(task),
            R"({"id":12,"kind":"confirm","status":"open","created":"2026-11-22",)"
            R"("scenario":"standard_b2b","step":"formal","customer":"C0042",)"
            R"("invoices":["INV-1001"],"action_id":"4c1131c6ba6370326dc71f697e0555c5",)"
            R"("assignee":null,"text":"Confirm the registered letter"})");
  task.assignee = "anna";
  const std::vector<Task> tasks = {task};
  EXPECT_EQ(tasks_to_json(tasks), "[\n  " + task_to_json(task) + "\n]");
  EXPECT_NE(task_to_json(task).find(R"("assignee":"anna")"), std::string::npos);
  EXPECT_EQ(tasks_to_json({}), "[]");
}

TEST(StringListJson, RoundTripsAndRejectsOtherJson) {
  const std::vector<std::string> items = {"a\"b", "é", ""};
  auto back = string_list_from_json(string_list_to_json(items));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, items);
  EXPECT_FALSE(string_list_from_json("{}"));
  EXPECT_FALSE(string_list_from_json("[1]"));
  EXPECT_FALSE(string_list_from_json("[\"a\""));
}

}  // namespace
}  // namespace dun
