// `dun agenda show ID`: one task of the agenda with everything a collector needs to decide —
// its fields and, for a confirm-task, the email or letter it holds, as text (or as the .eml or
// PDF file with --out).
#pragma once

#include <optional>
#include <string>

#include "cli/args/store_access.hpp"
#include "documents/action_document.hpp"
#include "engine/model/task.hpp"

namespace dun::cli {

struct AgendaShowOptions {
  std::optional<std::string> out;        // write the document's .eml or PDF there
  std::optional<std::string> snapshot;   // --snapshot, given to open_verb_state
  std::optional<std::string> templates;  // --templates, given to open_verb_state
  std::optional<std::string> date;       // the day the figures are computed for (default today)
};

// The task's fields, one "name  value" line each, as `dun agenda list` shows them.
std::string task_fields_text(const Task& task, const Action& action);

// The document as a collector reads it: the email's headers and text, or the letter's
// addresses and text.
std::string document_preview_text(const Action& action, const RenderedAction& rendered);

// Prints task `id_text`; with options.out writes its document. Returns the exit code (errors
// are printed as "dun agenda: …").
int show_agenda_task(VerbState& state, const std::string& id_text,
                     const AgendaShowOptions& options);

}  // namespace dun::cli
