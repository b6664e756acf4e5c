// What a case's runs left behind, in the canonical forms the expectations are written in: the
// jsonl file's lines and the history events of the state store.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dun::conformance {

struct ObservedEvent {
  std::string date;
  std::string invoice;
  std::string kind;
  std::string detail;
};

// One jsonl line as "date scenario step channel letter_type mode customer invoices template
// status"; null is "-", invoices are sorted and joined with ',' ("-" when none).
std::string canonical_action(const std::string& json_line);

// Every line of the jsonl file (none when it does not exist), canonical.
std::vector<std::string> read_canonical_actions(const std::filesystem::path& jsonl);

// The history of every invoice, ordered by date, then invoice id, then writing order. Delivery
// and quarantine events are left out: they are the adapters' and loaders' business, not the
// scenario's. Throws std::runtime_error when the database cannot be read.
std::vector<ObservedEvent> read_history(const std::filesystem::path& database);

// The evaluation error count of the last completed run of `date`, if there is one.
std::optional<long long> evaluation_errors_of_run(const std::filesystem::path& database,
                                                  const std::string& date);

// The id of the one open task of `step` listing `invoice`, from `dun agenda list --json`.
// Throws std::runtime_error naming what was found instead.
long long find_open_task(const std::string& agenda_json, const std::string& step,
                         const std::string& invoice);

// The decision of `dun explain --json` and its reason. Throws std::runtime_error when the text
// is not such an object.
struct ObservedExplanation {
  std::string decision;
  std::string why;
};
ObservedExplanation read_explanation(const std::string& explain_json);

}  // namespace dun::conformance
