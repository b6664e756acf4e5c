#include "lsp/server.hpp"

#include <cstdio>
#include <stdexcept>

#include "lsp/features.hpp"

namespace dun::lsp {
namespace {

using nlohmann::json;

// JSON-RPC 2.0 and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;
constexpr int kRequestCancelled = -32800;

// A handler's way of answering with an error.
struct RpcError : std::runtime_error {
  RpcError(int error_code, const std::string& message)
      : std::runtime_error(message), code(error_code) {}
  int code;
};

json error_response(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

std::string id_key(const json& id) { return id.dump(); }

Position position_of(const json& params) {
  const json& position = params.at("position");
  return {position.at("line").get<std::uint32_t>(), position.at("character").get<std::uint32_t>()};
}

std::optional<std::int64_t> version_of(const json& document) {
  if (!document.contains("version") || !document["version"].is_number_integer())
    return std::nullopt;
  return document["version"].get<std::int64_t>();
}

std::string uri_of(const json& params) {
  return params.at("textDocument").at("uri").get<std::string>();
}

json capabilities() {
  return {
      {"positionEncoding", "utf-16"},
      {"textDocumentSync", {{"openClose", true}, {"change", 1}}},  // 1: the full text
      {"completionProvider", {{"triggerCharacters", json::array({".", "\""})}}},
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"documentSymbolProvider", true},
      {"documentFormattingProvider", true},
      {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}},
  };
}

}  // namespace

Server::Server(SettingsProvider settings, std::function<void(const json&)> send)
    : settings_(std::move(settings)), send_(std::move(send)) {}

void Server::report_problem(const std::string& problem) {
  send_(error_response(nullptr, kParseError, problem));
}

void Server::receive(const std::vector<std::string>& bodies, Clock::time_point now) {
  std::vector<json> messages;
  std::set<std::string> cancelled;
  for (const std::string& body : bodies) {
    json message = json::parse(body, nullptr, false);
    if (message.is_discarded()) {
      send_(error_response(nullptr, kParseError, "the message is not valid JSON"));
      continue;
    }
    if (message.is_object() && message.value("method", "") == "$/cancelRequest" &&
        message.contains("params") && message["params"].is_object() &&
        message["params"].contains("id")) {
      cancelled.insert(id_key(message["params"]["id"]));
    }
    messages.push_back(std::move(message));
  }
  for (const json& message : messages) {
    if (exited()) return;
    handle(message, cancelled, now);
  }
}

void Server::handle(const json& message, const std::set<std::string>& cancelled,
                    Clock::time_point now) {
  const bool valid_id = message.is_object() && message.contains("id") &&
                        (message["id"].is_number_integer() || message["id"].is_string());
  if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
    // A response from the client (to nothing we asked) is ignored; anything else is invalid.
    if (message.is_object() && (message.contains("result") || message.contains("error"))) return;
    send_(error_response(valid_id ? message["id"] : json(nullptr), kInvalidRequest,
                         "not a JSON-RPC request: it needs a \"method\" string"));
    return;
  }
  const std::string method = message["method"].get<std::string>();
  const json params = message.contains("params") ? message["params"] : json::object();
  if (!message.contains("id")) {
    try {
      notification(method, params, now);
    } catch (const std::exception& error) {
      // A notification has no answer: say what was wrong in the client's log.
      send_({{"jsonrpc", "2.0"},
             {"method", "window/logMessage"},
             {"params", {{"type", 1}, {"message", "dun lsp: " + method + ": " + error.what()}}}});
    }
    return;
  }
  if (!valid_id) {
    send_(error_response(nullptr, kInvalidRequest, "a request id must be a number or a string"));
    return;
  }
  const json& id = message["id"];
  if (cancelled.contains(id_key(id))) {
    send_(error_response(id, kRequestCancelled, "the request was cancelled"));
    return;
  }
  try {
    json result = request(method, params);
    send_({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  } catch (const RpcError& error) {
    send_(error_response(id, error.code, error.what()));
  } catch (const json::exception& error) {
    send_(error_response(id, kInvalidParams, std::string("invalid params: ") + error.what()));
  } catch (const std::exception& error) {
    send_(error_response(id, kInternalError, error.what()));
  }
}

json Server::request(const std::string& method, const json& params) {
  if (method == "initialize") {
    if (initialized_) throw RpcError(kInvalidRequest, "the server is already initialized");
    initialized_ = true;
    return {{"capabilities", capabilities()},
            {"serverInfo", {{"name", "dun"}, {"version", DUN_LSP_VERSION}}}};
  }
  if (!initialized_) throw RpcError(kServerNotInitialized, "the server is not initialized yet");
  if (shutting_down_) throw RpcError(kInvalidRequest, "the server is shutting down");
  if (method == "shutdown") {
    shutting_down_ = true;
    return nullptr;
  }
  if (method == "textDocument/completion")
    return completion(analysis_of(uri_of(params)), position_of(params));
  if (method == "textDocument/hover")
    return hover(analysis_of(uri_of(params)), position_of(params));
  if (method == "textDocument/definition") {
    const std::string uri = uri_of(params);
    return definition(analysis_of(uri), uri, position_of(params));
  }
  if (method == "textDocument/documentSymbol") return document_symbols(analysis_of(uri_of(params)));
  if (method == "textDocument/formatting") return formatting(analysis_of(uri_of(params)));
  if (method == "textDocument/codeAction") {
    const std::string uri = uri_of(params);
    const json& range = params.at("range");
    const auto at = [](const json& position) {
      return Position{position.at("line").get<std::uint32_t>(),
                      position.at("character").get<std::uint32_t>()};
    };
    return code_actions(analysis_of(uri), uri, at(range.at("start")), at(range.at("end")));
  }
  throw RpcError(kMethodNotFound, "unknown method '" + method + "'");
}

void Server::notification(const std::string& method, const json& params, Clock::time_point now) {
  if (method == "exit") {
    exit_code_ = shutting_down_ ? 0 : 1;
    return;
  }
  if (!initialized_ || shutting_down_) return;  // dropped, as LSP asks
  if (method == "textDocument/didOpen") {
    const json& document = params.at("textDocument");
    const std::string uri = document.at("uri").get<std::string>();
    documents_[uri] = {uri, document.at("text").get<std::string>(), version_of(document), nullptr};
    pending_diagnostics_[uri] = now;  // at once: the document was just opened
  } else if (method == "textDocument/didChange") {
    const std::string uri = uri_of(params);
    auto found = documents_.find(uri);
    if (found == documents_.end()) return;
    // Full sync: the last change holds the whole text.
    const json& changes = params.at("contentChanges");
    if (!changes.is_array() || changes.empty()) return;
    found->second.text = changes.back().at("text").get<std::string>();
    found->second.version = version_of(params.at("textDocument"));
    found->second.analysis = nullptr;
    pending_diagnostics_[uri] = now + kDebounce;
  } else if (method == "textDocument/didClose") {
    const std::string uri = uri_of(params);
    documents_.erase(uri);
    pending_diagnostics_.erase(uri);
    send_({{"jsonrpc", "2.0"},
           {"method", "textDocument/publishDiagnostics"},
           {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
  }
  // initialized, $/cancelRequest, $/setTrace, didSave and other notifications need nothing.
}

const Analysis& Server::analysis_of(const std::string& uri) {
  auto found = documents_.find(uri);
  if (found == documents_.end()) {
    throw RpcError(kInvalidParams, "the document '" + uri + "' is not open");
  }
  Document& document = found->second;
  if (!document.analysis) {
    const std::optional<std::string> path = path_of_uri(uri);
    document.analysis =
        std::make_shared<const Analysis>(path.value_or(uri), document.text, settings_(path));
  }
  return *document.analysis;
}

void Server::publish(const std::string& uri) {
  json params = {{"uri", uri}, {"diagnostics", diagnostics_json(analysis_of(uri))}};
  if (const std::optional<std::int64_t> version = documents_.at(uri).version) {
    params["version"] = *version;
  }
  send_({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", params}});
}

void Server::publish_due(Clock::time_point now) {
  for (auto it = pending_diagnostics_.begin(); it != pending_diagnostics_.end();) {
    if (it->second > now) {
      ++it;
      continue;
    }
    const std::string uri = it->first;
    it = pending_diagnostics_.erase(it);
    publish(uri);
  }
}

std::optional<Clock::time_point> Server::next_deadline() const {
  std::optional<Clock::time_point> next;
  for (const auto& [uri, due] : pending_diagnostics_) {
    if (!next || due < *next) next = due;
  }
  return next;
}

}  // namespace dun::lsp
