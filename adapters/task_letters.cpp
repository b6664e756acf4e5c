#include "adapters/task_letters.hpp"

#include "documents/action_document.hpp"
#include "documents/pdf_batch.hpp"

namespace dun::adapters {

Result<TaskLetterBatch> batch_task_letters(StateStore& store, SnapshotContext& context,
                                           const std::vector<Task>& tasks) {
  if (tasks.empty()) return Error{"no letter selected: the selection holds no confirm-task"};
  ActionDocuments documents(context);
  TaskLetterBatch batch;
  std::vector<std::string> letters;
  std::vector<std::string> names;
  for (const Task& task : tasks) {
    const std::string name = "task " + std::to_string(task.id);
    auto action = store.find_action(task.action_id);
    if (!action) return action.error();
    if (!*action || (*action)->channel != Channel::letter) {
      return Error{
          name + " holds no letter (" +
          (task.kind == TaskKind::task ? std::string("a manual task") : std::string("an email")) +
          "): select confirm-tasks of letters only (`--kind confirm`, see `dun agenda "
          "list`)"};
    }
    auto kept = store.stored_document(task.action_id);
    if (!kept) return kept.error();
    if (*kept) {
      letters.push_back((*kept)->bytes);
    } else {
      auto rendered = documents.render(**action);
      if (!rendered) {
        return Error{"cannot render the letter of " + name + ": " + rendered.error().message};
      }
      letters.push_back(std::move(rendered.value().bytes));
    }
    names.push_back(name);
    batch.task_ids.push_back(task.id);
  }
  auto merged = merge_for_duplex(letters, names);
  if (!merged) return merged.error();
  batch.pdf = std::move(merged).value();
  auto pages = pdf_page_count(batch.pdf);
  if (!pages) return pages.error();
  batch.pages = *pages;
  return batch;
}

}  // namespace dun::adapters
