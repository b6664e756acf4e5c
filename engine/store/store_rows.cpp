#include "engine/store/store_rows.hpp"

#include "engine/model/action_json.hpp"

namespace dun::store_rows {

Error damaged(std::string_view file_name, std::string_view what, std::string_view value) {
  return Error{std::string(file_name) + ": the state store holds " + std::string(what) + " '" +
               std::string(value) +
               "', which dun never writes: the file was damaged or edited by hand"};
}

Result<Date> read_date(const sqlite::Statement& row, int column, std::string_view file_name) {
  const std::string_view text = row.column_text(column);
  if (auto date = Date::parse(text)) return *date;
  return damaged(file_name, "the date", text);
}

namespace {

Result<std::optional<Date>> read_optional_date(const sqlite::Statement& row, int column,
                                               std::string_view file_name) {
  if (row.column_is_null(column)) return std::optional<Date>();
  auto date = read_date(row, column, file_name);
  if (!date) return date.error();
  return std::optional<Date>(*date);
}

Result<std::vector<std::string>> read_list(const sqlite::Statement& row, int column,
                                           std::string_view file_name) {
  auto list = string_list_from_json(row.column_text(column));
  if (!list) return damaged(file_name, "the list", row.column_text(column));
  return list;
}

template <typename Enum, typename Parser>
Result<Enum> read_enum(const sqlite::Statement& row, int column, std::string_view file_name,
                       std::string_view what, Parser parse) {
  if (auto value = parse(row.column_text(column))) return *value;
  return damaged(file_name, what, row.column_text(column));
}

}  // namespace

Result<Action> read_action(const sqlite::Statement& row, std::string_view file_name) {
  Action action;
  action.id = row.column_text(0);
  auto created = read_date(row, 1, file_name);
  auto status_on = read_date(row, 2, file_name);
  auto channel = read_enum<Channel>(row, 6, file_name, "the channel", parse_channel);
  auto mode = read_enum<ActionMode>(row, 8, file_name, "the mode", parse_action_mode);
  auto invoices = read_list(row, 10, file_name);
  auto copy = read_list(row, 14, file_name);
  auto status = read_enum<ActionStatus>(row, 15, file_name, "the status", parse_action_status);
  if (!created) return created.error();
  if (!status_on) return status_on.error();
  if (!channel) return channel.error();
  if (!mode) return mode.error();
  if (!invoices) return invoices.error();
  if (!copy) return copy.error();
  if (!status) return status.error();
  action.created_on = *created;
  action.status_on = *status_on;
  action.scenario = row.column_text(3);
  action.step = row.column_text(4);
  action.position = static_cast<int>(row.column_int64(5));
  action.channel = *channel;
  if (!row.column_is_null(7)) {
    auto letter_type =
        read_enum<LetterType>(row, 7, file_name, "the letter type", parse_letter_type);
    if (!letter_type) return letter_type.error();
    action.letter_type = *letter_type;
  }
  action.mode = *mode;
  action.customer = row.column_text(9);
  action.invoices = std::move(invoices).value();
  action.template_name = row.column_text(11);
  action.language = row.column_text(12);
  action.to = row.column_text(13);
  action.copy = std::move(copy).value();
  action.status = *status;
  action.attempts = static_cast<int>(row.column_int64(16));
  action.last_error = row.column_text(17);
  action.provider_ref = row.column_text(18);
  action.payload = row.column_text(19);
  action.tracking = row.column_text(20);
  action.next_attempt_at = row.column_text(21);
  action.in_flight = row.column_int64(22) != 0;
  action.uncertain = row.column_int64(23) != 0;
  action.proof_path = row.column_text(24);
  action.adapter_kind = row.column_text(25);
  action.adapter_name = row.column_text(26);
  action.delivery_settings = row.column_text(27);
  if (!row.column_is_null(28)) {
    auto postage = read_enum<Postage>(row, 28, file_name, "the postage", parse_postage);
    if (!postage) return postage.error();
    action.postage = *postage;
  }
  return action;
}

Result<Task> read_task(const sqlite::Statement& row, std::string_view file_name) {
  Task task;
  task.id = row.column_int64(0);
  auto kind = read_enum<TaskKind>(row, 1, file_name, "the task kind", parse_task_kind);
  auto status = read_enum<TaskStatus>(row, 2, file_name, "the task status", parse_task_status);
  auto created = read_date(row, 3, file_name);
  auto invoices = read_list(row, 7, file_name);
  auto due = read_optional_date(row, 11, file_name);
  auto closed = read_optional_date(row, 12, file_name);
  if (!kind) return kind.error();
  if (!status) return status.error();
  if (!created) return created.error();
  if (!invoices) return invoices.error();
  if (!due) return due.error();
  if (!closed) return closed.error();
  task.kind = *kind;
  task.status = *status;
  task.created_on = *created;
  task.scenario = row.column_text(4);
  task.step = row.column_text(5);
  task.customer = row.column_text(6);
  task.invoices = std::move(invoices).value();
  task.action_id = row.column_text(8);
  task.assignee = row.column_text(9);
  task.text = row.column_text(10);
  task.due_on = *due;
  task.closed_on = *closed;
  task.closed_by = row.column_text(13);
  task.note = row.column_text(14);
  return task;
}

Result<HistoryEvent> read_event(const sqlite::Statement& row, std::string_view file_name) {
  auto date = read_date(row, 2, file_name);
  auto kind = read_enum<EventKind>(row, 3, file_name, "the event kind", parse_event_kind);
  if (!date) return date.error();
  if (!kind) return kind.error();
  return HistoryEvent{std::string(row.column_text(0)), std::string(row.column_text(1)), *date,
                      *kind, std::string(row.column_text(4))};
}

}  // namespace dun::store_rows
