// The collectors' workspace behind `dun serve` (docs/workspace.md): its routes on a cpp-httplib
// server, over one state store and one configuration.
//
// Every page needs a session (else the login page); every POST checks, in this order, the
// session (401), the form's CSRF token (403), the user's role (403) and its input (400, nothing
// written), then writes through the same functions as the CLI verbs (close_agenda_tasks,
// apply_override, …) with the user's name, so the history says who did it.
//
// Sharing the store with the nightly run (docs/workspace.md): the workspace reads through one
// long-lived live read-only connection (StateStore::open_live_read_only), which takes no lock and
// sees every commit of other processes; a request that writes opens the store's writer
// (StateStore::open, holding the one-writer lock of store_lock.hpp) for that request only. While
// another process holds the lock (`dun run`, `dun deliver`, …) a write waits at most a couple of
// seconds, then answers 503 naming the holder and writes nothing.
//
// The dashboard at scale (dashboard_index.hpp): the workspace keeps a StatusBook (the snapshot
// and scenarios loaded once per day), the day's inputs for the overrides last seen, and computes
// only the statuses of the rows a page shows. The orders and filters that need every invoice's
// status use a StatusTable built in the background (status_table_builder.hpp), requested at
// start and again after every commit anyone makes; meanwhile such pages use the previous table
// and say so.
//
// Ownership and threads: the Workspace owns its read connection, the snapshot it renders
// documents from, the status book and the table builder (its thread and connection);
// httplib calls the handlers from its thread pool, and every use of the store or the caches
// holds store_mutex_ (one request at a time touches them). The Workspace must outlive the server
// it was installed on.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cli/serve/dashboard_index.hpp"
#include "cli/serve/status_table_builder.hpp"
#include "cli/serve/web_sessions.hpp"
#include "cli/serve/web_templates.hpp"
#include "documents/snapshot_context.hpp"
#include "engine/base/config.hpp"
#include "engine/store/state_store.hpp"

namespace dun::cli {

struct WorkspaceOptions {
  Config config;
  std::filesystem::path web_dir;  // templates/ and style.css
};

// One request: what the handlers share.
struct WebCall {
  const httplib::Request& request;
  httplib::Response& response;
  WebSession session;
  httplib::Params form;  // the POST body's fields

  // The first value of `name` in the query or the form; empty when absent.
  std::string param(const std::string& name) const;
  bool has(const std::string& name) const;
  std::vector<std::string> params(const std::string& name) const;
};

// `text` for a URL's path or query (RFC 3986 unreserved characters and '/' kept).
std::string url_encoded(const std::string& text);

class Workspace {
 public:
  static Result<std::unique_ptr<Workspace>> open(WorkspaceOptions options);
  // Registers every route on `server`. REQUIRES: this outlives `server`'s use of them.
  void install(httplib::Server& server);

 private:
  Workspace(WorkspaceOptions options, StateStore store, WebTemplates templates);

  using Handler = void (Workspace::*)(WebCall&);
  // Whether a handler runs holding store_mutex_ (the shared connection and caches), or takes it
  // itself only for what needs it (a long computation that other pages must not wait for).
  enum class StoreUse { serialised, own };
  // Wraps `handler` with the session check, and for POST the CSRF and role checks.
  void route(httplib::Server& server, const char* method, const char* pattern, UserRole needed,
             Handler handler, StoreUse store_use = StoreUse::serialised);

  // Pages and actions (one page_*.cpp each).
  void login_page(const httplib::Request& request, httplib::Response& response,
                  const std::string& problem, int status);
  void login_post(const httplib::Request& request, httplib::Response& response);
  void logout_post(WebCall& call);
  void dashboard(WebCall& call);
  void customer(WebCall& call);
  void override_post(WebCall& call);
  void agenda(WebCall& call);
  void task_preview(WebCall& call);
  void agenda_post(WebCall& call);
  void action_document(WebCall& call);
  void reports(WebCall& call);
  // The analysts' pages (page_analyst.cpp). simulation runs without store_mutex_ (StoreUse::own):
  // it reads a private copy of the store, one simulation at a time (simulation_mutex_).
  void scenarios(WebCall& call);
  void simulation(WebCall& call);
  void users(WebCall& call);
  void users_post(WebCall& call);
  // The providers' signed tracking callbacks (webhooks.cpp): no session, a signature instead.
  void hook(const httplib::Request& request, httplib::Response& response, Channel channel);
  std::string hook_secret() const;
  bool tls() const { return !options_.config.serve.cert.empty(); }

  // The page `name` with `data`, inside the layout (navigation, the user, the CSRF token).
  void send_page(WebCall& call, const std::string& title, const std::string& name, PageData data,
                 int status = 200);
  // The store's writer for one request: the lock is held until the StateStore is destroyed.
  // When it cannot be had, `status` is 503 while another process holds the lock (the message
  // names it), else 500; `store` is then empty and nothing may be written.
  struct WriteAccess {
    std::optional<StateStore> store;
    int status = 200;
    std::string problem;
  };
  WriteAccess open_writer();
  // For a page: the writer, else nothing after answering with the 503/500 message page.
  std::optional<StateStore> page_writer(WebCall& call, const std::string& back);

  // A page that says what happened or went wrong, with a link back.
  void send_message(WebCall& call, int status, const std::string& title,
                    const std::vector<std::string>& lines, const std::string& back);

  // Under store_mutex_: the status book of the workspace's day (loaded on first use and again
  // when a run moves the day; a new book asks for a new status table), its orders, the day of
  // the overrides last seen; and the snapshot documents are rendered from.
  Result<std::shared_ptr<const StatusBook>> status_book();
  Result<std::shared_ptr<const StatusDay>> status_day();
  Result<SnapshotContext*> snapshot_context();
  // The statuses of `rows` of the current book, fresh, in their order: a page's rows with the
  // contact limits' holds of `table` (none when null), or one customer's invoices (all of them:
  // the holds are then computed).
  Result<std::vector<InvoiceStatus>> page_statuses(std::span<const std::uint32_t> rows,
                                                   const StatusTable* table);
  Result<std::vector<InvoiceStatus>> customer_statuses(const std::string& customer);
  // What changed when someone committed: a new generation of the status table is asked for, and
  // the day's inputs are dropped if the overrides changed.
  void forget_caches();
  // Calls forget_caches when anyone (this workspace's writers, `dun run`, …) committed to the
  // store since the last call. Called at the start of every request and after each write,
  // under store_mutex_.
  void notice_commits();
  // The day the workspace describes: the last completed run's date, else today.
  Date workspace_date();
  // The date of a change made now (today, never before the last run's date).
  Date change_date();

  WorkspaceOptions options_;
  WebSessions sessions_;
  WebTemplates templates_;
  std::mutex store_mutex_;
  std::mutex simulation_mutex_;
  StateStore store_;
  std::shared_ptr<const StatusBook> book_;
  Date book_date_;  // the day book_ was loaded for
  std::unique_ptr<DashboardOrders> orders_;
  std::shared_ptr<const StatusDay> day_;
  std::uint64_t generation_ = 0;  // raised by every commit and every new book
  std::unique_ptr<StatusTableBuilder> table_builder_;
  std::unique_ptr<SnapshotContext> context_;
  Date context_date_;                         // the day context_ was loaded for
  std::optional<std::int64_t> seen_version_;  // the store's data_version the caches were built at
  std::map<std::string, std::int64_t> seen_hooks_;  // signature -> its timestamp (replays)
};

}  // namespace dun::cli
