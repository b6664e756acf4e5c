// A collector's override (assign, optout, optin, pause, resume) applied to the state store with
// its history line: the one way both the verbs (`dun pause` …) and the workspace (`dun serve`)
// make these changes. Works through the caller's StateStore (one thread at a time) and keeps
// nothing.
#pragma once

#include <optional>
#include <string>

#include "engine/base/config.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun::cli {

struct OverrideChange {
  std::string verb;      // assign, optout, optin, pause or resume
  std::string subject;   // customer (assign) or invoice
  std::string customer;  // the subject's customer (the history's customer column)
  Date date;
  std::string by;
  std::string via;  // what made the change, in the history ("dun pause"); empty: "dun VERB"
};

// OK when `name` is a scenario of the config's scenarios folder, or "none"; else an error naming
// the closest scenario.
Status check_scenario_name(const std::string& name, const Config& config);

// The history line of the change: "<what> by <by> (<via>)".
HistoryEvent override_event(const OverrideChange& change, const std::string& what);

// Applies the change; returns what happened, one line ("invoice I1 paused through …", or
// "… nothing changed" when it was already so). REQUIRES: `scenario` for assign unless `clear`,
// `until` for pause.
Result<std::string> apply_override(StateStore& store, const OverrideChange& change,
                                   const std::optional<std::string>& scenario,
                                   const std::optional<Date>& until, bool clear);

}  // namespace dun::cli
