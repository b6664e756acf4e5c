// `dun serve [--listen ADDR:PORT]`: the collectors' workspace in a browser (cli/serve/,
// docs/workspace.md).
#include <pthread.h>
#include <signal.h>

#include <unistd.h>

#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "cli/args/flags.hpp"
#include "cli/args/shipped_files.hpp"
#include "cli/args/verb_config.hpp"
#include "cli/serve/workspace.hpp"
#include "cli/verbs.hpp"
#include "engine/base/library_pages.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun serve [--listen ADDR:PORT] [--config FILE] [--db FILE] [--snapshot PATH]\n"
    "                 [--scenarios DIR] [--templates DIR]\n"
    "\n"
    "The collectors' workspace in a browser, over the state store and the configuration: the\n"
    "dashboard of invoices, each customer's record and history (with the documents sent), the\n"
    "agenda with bulk confirm, cancel, complete, print and send, and the reports; for analysts\n"
    "also the scenarios with their `dun check` diagnostics and `dun simulate` as a page. Accounts\n"
    "come from `dun users add`. It works without JavaScript and fetches nothing from elsewhere.\n"
    "The dashboard pages by cursor and computes only the rows it shows, so it stays fast on a\n"
    "million invoices (docs/workspace.md).\n"
    "\n"
    "  --listen ADDR:PORT  where to listen (default [serve] listen, else 127.0.0.1:8080; port 0\n"
    "                      picks a free one); HTTPS when [serve] cert and key are set\n"
    "  --db FILE           the state store (default from dun.toml, else dun.db)\n"
    "  --snapshot PATH     the snapshot (default from dun.toml)\n"
    "  --scenarios DIR     the scenarios (default from dun.toml)\n"
    "  --templates DIR     their templates (default from dun.toml)\n"
    "  --config FILE       the configuration (default ./dun.toml when present)\n"
    "\n"
    "It holds no lock on the store, so the nightly `dun run` and the other writers go on beside\n"
    "it: a web write takes the store's lock for that request only, and while another process\n"
    "holds it the page says which (503) and nothing is written.\n"
    "\n"
    "SIGTERM or Ctrl-C stops it after the requests in progress.\n"
    "\n"
    "example:\n"
    "  dun users add anna --role collector --config examples/dun.toml\n"
    "  dun serve --config examples/dun.toml --listen 127.0.0.1:8080\n";

// "HOST:PORT" with a port of 0 to 65535.
std::optional<std::pair<std::string, int>> parse_listen(const std::string& text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  int port = -1;
  const char* begin = text.data() + colon + 1;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(begin, end, port);
  if (error != std::errc() || stop != end || port < 0 || port > 65535) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return std::pair{host, port};
}

}  // namespace

int run_serve(Args args) {
  std::optional<std::string> config_path, db, snapshot, scenarios, templates, listen;
  FlagParser flags("serve", kHelp);
  flags.value("config", config_path);
  flags.value("db", db);
  flags.value("snapshot", snapshot);
  flags.value("scenarios", scenarios);
  flags.value("templates", templates);
  flags.value("listen", listen);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  auto config = load_verb_config_or_report(
      "serve", config_path,
      {.snapshot = snapshot, .scenarios = scenarios, .templates = templates, .db = db});
  if (!config) return 1;
  const std::string listen_text = listen.value_or(config->serve.listen);
  auto address = parse_listen(listen_text);
  if (!address) {
    return flags.usage_error("--listen '" + listen_text +
                             "' is not ADDR:PORT (like 127.0.0.1:8080)");
  }
  const bool tls = !config->serve.cert.empty();
  const std::string cert = config->serve.cert.string(), key = config->serve.key.string();
  auto workspace = Workspace::open({*config, shipped_files_dir() / "web"});
  if (!workspace) {
    std::fprintf(stderr, "dun serve: %s\n", workspace.error().message.c_str());
    return 1;
  }
  std::unique_ptr<httplib::Server> server;
  if (tls) {
    auto secure = std::make_unique<httplib::SSLServer>(cert.c_str(), key.c_str());
    if (!secure->is_valid()) {
      std::fprintf(stderr,
                   "dun serve: the TLS certificate %s or key %s cannot be used (missing, "
                   "unreadable, or not a matching PEM pair): fix [serve] cert and key\n",
                   cert.c_str(), key.c_str());
      return 1;
    }
    server = std::move(secure);
  } else {
    server = std::make_unique<httplib::Server>();
  }
  // A long-lived process: LLVM's code, resident since start-up, goes back to the page cache
  // (library_pages.hpp); a page that compiles a scenario maps what it needs again.
  release_library_pages("libLLVM");
  server->set_payload_max_length(1 << 20);
  (*workspace)->install(*server);

  // SIGTERM and SIGINT are taken by one thread that stops the server: the requests in progress
  // finish, then listen returns. They are blocked before the server's threads exist, so only
  // that thread receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  int port = address->second;
  if (port == 0) {
    port = server->bind_to_any_port(address->first);
    if (port < 0) port = 0;
  } else if (!server->bind_to_port(address->first, port)) {
    port = 0;
  }
  if (port == 0) {
    std::fprintf(stderr,
                 "dun serve: cannot listen on %s (in use, or not an address of this "
                 "machine): choose another with --listen\n",
                 listen_text.c_str());
    return 1;
  }
  std::atomic<bool> stopping = false;
  std::thread stopper([&server, &stopping, stop_signals] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    stopping = true;
    std::fprintf(stderr, "dun serve: stopping (%s)\n",
                 signal_number == SIGTERM ? "SIGTERM" : "SIGINT");
    server->stop();
  });
  std::printf("dun serve: the workspace is on %s://%s:%d/ (SIGTERM or Ctrl-C stops it)\n",
              tls ? "https" : "http", address->first.c_str(), port);
  std::fflush(stdout);
  const bool listened = server->listen_after_bind();
  // The server stopped by itself (an error): wake the stopper so it can be joined.
  if (!stopping) kill(getpid(), SIGTERM);
  stopper.join();
  std::printf("dun serve: stopped\n");
  return listened ? 0 : 1;
}

}  // namespace dun::cli
