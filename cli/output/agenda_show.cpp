#include "cli/output/agenda_show.hpp"

#include <charconv>
#include <cstdio>

#include "adapters/atomic_file.hpp"
#include "cli/args/run_common.hpp"
#include "documents/pdf_batch.hpp"
#include "stdlib/join.hpp"

namespace dun::cli {
namespace {

int fail(const std::string& message) {
  std::fflush(stdout);  // what was shown comes before the error
  std::fprintf(stderr, "dun agenda: %s\n", message.c_str());
  return 1;
}

std::string field(std::string_view name, const std::string& value) {
  std::string line(name);
  line.resize(10, ' ');
  return line + (value.empty() ? "-" : value) + "\n";
}

std::string mailbox_text(const Mailbox& mailbox) {
  return mailbox.name.empty() ? mailbox.address : mailbox.name + " <" + mailbox.address + ">";
}

std::string mailboxes_text(const std::vector<Mailbox>& mailboxes) {
  std::vector<std::string> texts;
  for (const Mailbox& mailbox : mailboxes) texts.push_back(mailbox_text(mailbox));
  return join(texts, ", ");
}

}  // namespace

std::string task_fields_text(const Task& task, const Action& action) {
  std::string text = "task " + std::to_string(task.id) + "\n";
  text += field("kind", std::string(to_string(task.kind)));
  text += field("status", std::string(to_string(task.status)));
  text += field("created", task.created_on.to_string());
  text += field("due", task.due_on ? task.due_on->to_string() : "");
  text += field("customer", task.customer);
  text += field("invoices", join(task.invoices, ", "));
  text += field("scenario", task.scenario);
  text += field("step", task.step);
  text += field("assignee", task.assignee);
  text += field("action", action.id + " (" + std::string(to_string(action.status)) + ")");
  text += field("text", task.text);
  if (task.closed_on) {
    text += field("closed", task.closed_on->to_string() +
                                (task.closed_by.empty() ? "" : " by " + task.closed_by));
  }
  if (!task.note.empty()) text += field("note", task.note);
  return text;
}

std::string document_preview_text(const Action& action, const RenderedAction& rendered) {
  std::string text;
  const std::string subject = rendered.document.subject.value_or("");
  if (rendered.email) {
    const EmailEnvelope& email = *rendered.email;
    text += "email \"" + action.template_name + "\" (" + action.language + ")\n";
    text += "From: " + mailbox_text(email.from) + "\n";
    text += "To: " + mailboxes_text(email.to) + "\n";
    if (!email.cc.empty()) text += "Cc: " + mailboxes_text(email.cc) + "\n";
    if (email.reply_to) text += "Reply-To: " + mailbox_text(*email.reply_to) + "\n";
    text += "Subject: " + subject + "\n";
    std::vector<std::string> files;
    for (const Attachment& attachment : email.attachments) files.push_back(attachment.filename);
    if (!files.empty()) text += "Attachments: " + join(files, ", ") + "\n";
  } else {
    const std::string letter_type(to_string(action.letter_type.value_or(LetterType::standard)));
    auto pages = pdf_page_count(rendered.outgoing.bytes);
    text +=
        "letter " + letter_type + " \"" + action.template_name + "\" (" + action.language + ")" +
        (pages ? ", " + std::to_string(*pages) + (*pages == 1 ? " page" : " pages") : "") + "\n";
    text += "From: " + rendered.outgoing.sender.name + "\n";
    text += "To: " + rendered.outgoing.recipient.name + "\n";
    for (const std::string& line : rendered.outgoing.recipient.address_lines) {
      text += "    " + line + "\n";
    }
    text += "Subject: " + subject + "\n";
  }
  return text + "\n" + document_text(rendered.document);
}

int show_agenda_task(VerbState& state, const std::string& id_text,
                     const AgendaShowOptions& options) {
  std::int64_t task_id = 0;
  const auto [end, error] =
      std::from_chars(id_text.data(), id_text.data() + id_text.size(), task_id);
  if (error != std::errc() || end != id_text.data() + id_text.size()) {
    return fail("task ID '" + id_text + "' is not a number (see `dun agenda list --all`)");
  }
  auto task = state.store.find_task(task_id);
  if (!task) return fail(task.error().message);
  if (!*task) return fail("no task " + id_text + " in the agenda (see `dun agenda list --all`)");
  auto action = state.store.find_action((*task)->action_id);
  if (!action) return fail(action.error().message);
  if (!*action)
    return fail("the action " + (*task)->action_id + " of task " + id_text + " is missing");

  std::printf("%s", task_fields_text(**task, **action).c_str());
  if ((*task)->kind == TaskKind::task) {
    if (options.out) {
      return fail("task " + id_text + " is a manual task: it has no document to write to " +
                  *options.out);
    }
    return 0;
  }

  auto date = parse_run_date(options.date);
  if (!date) return fail(date.error().message);
  const Config& config = state.config;
  const std::filesystem::path& snapshot = config.engine.snapshot;
  const std::filesystem::path& templates = config.engine.templates;
  // A confirmed action that was delivered keeps its document in the outbox: that is what the
  // customer received, so it is what `--out` writes and, for an email, what is shown.
  auto stored = state.store.stored_document((*task)->action_id);
  if (!stored) return fail(stored.error().message);
  if (*stored) {
    const StoredDocument& kept = **stored;
    std::printf("\ndocument, as delivered (kept in the outbox, %s, %zu bytes)\n",
                kept.content_type.c_str(), kept.bytes.size());
    if (kept.content_type == kEmailContentType) {
      std::printf("%s", kept.bytes.c_str());
    }
    if (options.out) {
      auto written = adapters::write_file_atomically(*options.out, kept.bytes);
      if (!written) return fail(written.error().message);
      std::printf("\nwrote %s\n", options.out->c_str());
    }
    return 0;
  }
  auto context = SnapshotContext::load(config, snapshot, templates, *date);
  if (!context) return fail(context.error().message);
  ActionDocuments documents(**context);
  // Not confirmed yet: shown as it would be if confirmed on `date`.
  Action preview = **action;
  if (preview.status == ActionStatus::pending_confirmation) preview.status_on = *date;
  auto rendered = documents.render_with_parts(preview);
  if (!rendered)
    return fail("cannot render the document of task " + id_text + ": " + rendered.error().message);

  std::printf(
      "\ndocument, PREVIEW rendered from %s for %s (not sent: the document sent is rendered when "
      "the action is executed, with that day's date and figures):\n%s",
      snapshot.string().c_str(), date->to_string().c_str(),
      document_preview_text(preview, *rendered).c_str());
  if (options.out) {
    auto written = adapters::write_file_atomically(*options.out, rendered->outgoing.bytes);
    if (!written) return fail(written.error().message);
    std::printf("\nwrote %s\n", options.out->c_str());
  }
  return 0;
}

}  // namespace dun::cli
