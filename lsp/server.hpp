// The language server (LSP 3.17, docs/editors.md): the lifecycle (initialize, initialized,
// shutdown, exit), full-text document sync, diagnostics published after a quiet moment, and the
// requests of features.hpp. Requests are answered in order; a request still queued when its
// $/cancelRequest arrives is answered with RequestCancelled. Every malformed message or failing
// handler gets a JSON-RPC error response, never a crash.
//
// The server does no I/O itself: the caller hands it the bodies of received messages and the
// clock, and it sends its messages through `send` (stdio.hpp runs it on stdin/stdout). Not
// thread-safe: one thread drives it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lsp/analysis.hpp"

namespace dun::lsp {

using Clock = std::chrono::steady_clock;

class Server {
 public:
  // How long the diagnostics of a changed document wait for the typing to pause.
  static constexpr std::chrono::milliseconds kDebounce{150};

  Server(SettingsProvider settings, std::function<void(const nlohmann::json&)> send);

  // Handles the messages received together, in order (`now`: when they arrived).
  void receive(const std::vector<std::string>& bodies, Clock::time_point now);
  // Publishes the diagnostics whose quiet moment has passed by `now`.
  void publish_due(Clock::time_point now);
  // When publish_due next has something to do.
  std::optional<Clock::time_point> next_deadline() const;

  bool exited() const { return exit_code_.has_value(); }
  // 0 after shutdown then exit, 1 after an exit without shutdown (LSP 3.17).
  int exit_code() const { return exit_code_.value_or(1); }

  // Answers an unreadable message (a bad header) — there is no id to answer.
  void report_problem(const std::string& problem);

 private:
  struct Document {
    std::string uri;
    std::string text;
    std::optional<std::int64_t> version;       // the client's, echoed with the diagnostics
    std::shared_ptr<const Analysis> analysis;  // of `text`; built when first needed
  };

  void handle(const nlohmann::json& message, const std::set<std::string>& cancelled,
              Clock::time_point now);
  nlohmann::json request(const std::string& method, const nlohmann::json& params);
  void notification(const std::string& method, const nlohmann::json& params, Clock::time_point now);
  const Analysis& analysis_of(const std::string& uri);
  void publish(const std::string& uri);

  SettingsProvider settings_;
  std::function<void(const nlohmann::json&)> send_;
  bool initialized_ = false;
  bool shutting_down_ = false;
  std::optional<int> exit_code_;
  std::map<std::string, Document> documents_;
  std::map<std::string, Clock::time_point> pending_diagnostics_;
};

}  // namespace dun::lsp
