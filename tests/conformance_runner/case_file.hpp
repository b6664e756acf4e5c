// A conformance case (tests/conformance/NAME.test, format in tests/conformance/README.md): the
// operations to replay in order (files to write, runs, agenda moves) and the expected output.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dun::conformance {

enum class OperationKind {
  scenario,       // write (or rewrite) a scenario file
  config,         // the case's dun.toml snippet
  table_replace,  // a whole snapshot CSV file
  table_patch,    // rows merged by id into a snapshot CSV file
  table_delete,   // ids removed from a snapshot CSV file
  run,            // dun run --date DATE
  agenda,         // dun agenda confirm|complete|cancel of the task named by step and invoice
  override_verb,  // dun assign|optout|optin|pause|resume (a collector's override)
  explain,        // dun explain INVOICE --date DATE --json, its decision checked
  send,           // dun send: a manual action outside any run (a contact for the limits)
};

struct Operation {
  OperationKind kind = OperationKind::run;
  int line = 0;        // of the `==` header in the .test file, for messages
  std::string target;  // scenario file name or CSV file name
  std::string text;    // the section's body
  std::string date;    // run and agenda
  // run: the date is expected to be refused (non-zero exit, nothing recorded)
  bool refused = false;
  // run: invoices expected to have an evaluation error that day
  std::vector<std::string> error_invoices;
  // agenda: confirm, complete or cancel, and the task's step and one of its invoices
  std::string agenda_verb;
  std::string step;
  std::string invoice;
  // override_verb: the verb and its positional arguments (CUSTOMER SCENARIO, or INVOICE), and
  // pause's --until date
  std::string override_name;
  std::vector<std::string> override_arguments;
  std::string until;
  // explain: the invoice is `invoice`; the decision expected, and words that must occur, in
  // order, in its `why`
  std::string decision;
  std::vector<std::string> why_words;
  // send: the customer, its invoices (`invoice` joined by commas), channel and template
  std::string customer;
  std::string channel;
  std::string template_name;
};

// `event DATE INVOICE KIND [DETAIL WORDS…]`: the words must occur, in order, among the words of
// the stored detail (the detail's wording is the engine's; the words pin what matters).
struct ExpectedEvent {
  int line = 0;
  std::string date;
  std::string invoice;
  std::string kind;
  std::vector<std::string> detail_words;
};

struct Case {
  std::string name;  // the file's stem
  std::vector<Operation> operations;
  std::vector<std::string> expected_actions;  // canonical lines, see canonical_action()
  std::vector<ExpectedEvent> expected_events;
};

// Throws std::runtime_error("FILE:LINE: reason") for a malformed case.
Case read_case_file(const std::filesystem::path& path);

// The words of a text: maximal runs of letters, digits, '_', '-' (so "task 3: settled"
// gives "task", "3", "settled").
std::vector<std::string> words_of(const std::string& text);

}  // namespace dun::conformance
