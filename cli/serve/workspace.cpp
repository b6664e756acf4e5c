#include "cli/serve/workspace.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "cli/args/password_hash.hpp"
#include "cli/args/run_common.hpp"
#include "dsl/diagnostics.hpp"

namespace dun::cli {
namespace {

constexpr const char* kSessionCookie = "dun_session";
constexpr const char* kLoginCookie = "dun_login";
constexpr const char* kHtml = "text/html; charset=utf-8";

// The value of cookie `name` in the request's Cookie header, or "".
std::string cookie(const httplib::Request& request, const std::string& name) {
  const std::string header = request.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < header.size()) {
    std::size_t end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(at, end - at);
    const std::size_t first = pair.find_first_not_of(' ');
    pair = first == std::string::npos ? "" : pair.substr(first);
    if (pair.starts_with(name + "=")) return pair.substr(name.size() + 1);
    at = end + 1;
  }
  return "";
}

// Secure (sent over HTTPS only) when the workspace serves HTTPS.
std::string session_cookie(const char* name, const std::string& value, bool expire, bool tls) {
  return std::string(name) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" +
         (tls ? "; Secure" : "") + (expire ? "; Max-Age=0" : "");
}

// What every answer carries: no caching of pages with personal data, no framing, no sniffing,
// and a policy that lets only the workspace's own style sheet and script run.
void secure_headers(httplib::Response& response) {
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "SAMEORIGIN");
  response.set_header("Referrer-Policy", "same-origin");
  response.set_header("Content-Security-Policy",
                      "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
                      "frame-src 'self'; form-action 'self'; frame-ancestors 'self'");
}

}  // namespace

std::string url_encoded(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {

httplib::Params form_fields(const httplib::Request& request) {
  httplib::Params fields;
  const std::string type = request.get_header_value("Content-Type");
  if (type.starts_with("application/x-www-form-urlencoded")) {
    httplib::detail::parse_query_text(request.body, fields);
  }
  return fields;
}

}  // namespace

std::string WebCall::param(const std::string& name) const {
  auto in_form = form.find(name);
  if (in_form != form.end()) return in_form->second;
  return request.has_param(name.c_str()) ? request.get_param_value(name.c_str()) : "";
}

bool WebCall::has(const std::string& name) const {
  return form.count(name) > 0 || request.has_param(name.c_str());
}

std::vector<std::string> WebCall::params(const std::string& name) const {
  // A POST's fields, else the query's: httplib may also have copied the form into
  // request.params, and a field must not count twice.
  std::vector<std::string> values;
  const httplib::Params& source = form.count(name) > 0 ? form : request.params;
  auto [first, last] = source.equal_range(name);
  for (auto it = first; it != last; ++it) values.push_back(it->second);
  return values;
}

Result<std::unique_ptr<Workspace>> Workspace::open(WorkspaceOptions options) {
  auto templates = WebTemplates::load(options.web_dir);
  if (!templates) return templates.error();
  const std::filesystem::path& database = options.config.engine.database;
  if (!std::filesystem::exists(database)) {
    return Error{"no state store at " + database.string() +
                 " yet: run `dun run` first (or pass --db FILE)"};
  }
  auto store = StateStore::open_live_read_only(database);
  if (!store) {
    // A store of an older schema: brought to this build's as any writer would (the lock held
    // only meanwhile), then read live.
    {
      auto migrated = StateStore::open(database, store_writer(options.config, "dun serve"));
      if (!migrated) return migrated.error();
    }  // the writer closed, its lock released
    store = StateStore::open_live_read_only(database);
    if (!store) return store.error();
  }
  return std::unique_ptr<Workspace>(
      new Workspace(std::move(options), std::move(store).value(), std::move(templates).value()));
}

Workspace::Workspace(WorkspaceOptions options, StateStore store, WebTemplates templates)
    : options_(std::move(options)),
      templates_(std::move(templates)),
      store_(std::move(store)),
      table_builder_(std::make_unique<StatusTableBuilder>(options_.config.engine.database)) {
  // The book and the status table are started now, so the first pages find them ready; a
  // snapshot that cannot be loaded is the dashboard's message, not a reason not to serve.
  std::lock_guard lock(store_mutex_);
  notice_commits();
  (void)status_book();
}

Date Workspace::workspace_date() {
  auto today = parse_run_date(std::nullopt);
  auto last = store_.last_completed_run_date();
  if (last && *last) return **last;
  return *today;
}

Date Workspace::change_date() {
  const Date today = *parse_run_date(std::nullopt);
  auto last = store_.last_completed_run_date();
  if (last && *last && **last > today) return **last;
  return today;
}

Result<std::shared_ptr<const StatusBook>> Workspace::status_book() {
  const Date date = workspace_date();
  if (!book_ || book_date_ != date) {
    StatusOptions status_options(options_.config);
    status_options.date = date;
    status_options.snapshot = options_.config.engine.snapshot;
    status_options.scenarios = options_.config.engine.scenarios;
    status_options.templates = options_.config.engine.templates;
    dsl::Diagnostics diagnostics;
    auto book = StatusBook::load(status_options, diagnostics);
    if (!book) return book.error();
    book_ = std::move(book).value();
    book_date_ = date;
    orders_ = std::make_unique<DashboardOrders>(*book_);
    day_.reset();
    ++generation_;
    table_builder_->request(book_, book_date_, generation_);
  }
  return book_;
}

Result<std::shared_ptr<const StatusDay>> Workspace::status_day() {
  auto book = status_book();
  if (!book) return book.error();
  if (!day_) {
    auto day = (*book)->prepare_day(store_, book_date_);
    if (!day) return day.error();
    day_ = std::move(day).value();
  }
  return day_;
}

Result<std::vector<InvoiceStatus>> Workspace::page_statuses(std::span<const std::uint32_t> rows,
                                                            const StatusTable* table) {
  auto day = status_day();
  if (!day) return day.error();
  auto statuses = book_->statuses(store_, **day, rows, /*contact_holds=*/false);
  if (!statuses || !table) return statuses;
  std::vector<InvoiceStatus> shown = std::move(statuses).value();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (const std::string* note = table->hold(rows[i]); note && shown[i].next_date) {
      shown[i].held_by_limit = true;
      shown[i].next_note = *note;
    }
  }
  return shown;
}

Result<std::vector<InvoiceStatus>> Workspace::customer_statuses(const std::string& customer) {
  auto day = status_day();
  if (!day) return day.error();
  return book_->statuses(store_, **day, book_->rows_of_customer(customer),
                         /*contact_holds=*/true);
}

Result<SnapshotContext*> Workspace::snapshot_context() {
  // A run of a later day (the nightly `dun run`) moves the day the documents are rendered for.
  const Date date = workspace_date();
  if (!context_ || context_date_ != date) {
    auto context = SnapshotContext::load(options_.config, options_.config.engine.snapshot,
                                         options_.config.engine.templates, date);
    if (!context) return context.error();
    context_ = std::move(context).value();
    context_date_ = date;
  }
  return context_.get();
}

namespace {

bool same_overrides(const std::vector<Override>& a, const std::vector<Override>& b) {
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(), [](const Override& x, const Override& y) {
        return x.kind == y.kind && x.subject == y.subject && x.scenario == y.scenario &&
               x.until == y.until && x.set_on == y.set_on && x.set_by == y.set_by;
      });
}

}  // namespace

void Workspace::forget_caches() {
  ++generation_;
  if (day_) {
    auto overrides = store_.load_overrides();
    if (!overrides || !same_overrides(*overrides, day_->overrides)) day_.reset();
  }
  if (book_) table_builder_->request(book_, book_date_, generation_);
}

void Workspace::notice_commits() {
  auto version = store_.data_version();
  if (!version || !seen_version_ || *version != *seen_version_) forget_caches();
  seen_version_ = version ? std::optional<std::int64_t>(*version) : std::nullopt;
}

namespace {

// A web write waits this long at most for another writer: a person is waiting for the page, and
// a run or a delivery pass holds the lock for minutes, not seconds.
constexpr std::chrono::seconds kWebWriteWait{2};

// What a busy store's page says: who holds the lock, and that nothing happened.
std::string busy_message(const LockHolder& holder) {
  const std::string details = holder_details(holder);
  const bool nightly = holder.command == "dun run" || holder.command.starts_with("dun run ");
  std::string who = nightly ? "The nightly run" : "Another dun process";
  if (!details.empty()) who += " " + details;
  return who + " is changing the store; try again in a moment. Nothing was changed.";
}

}  // namespace

Workspace::WriteAccess Workspace::open_writer() {
  const std::filesystem::path& database = options_.config.engine.database;
  StoreWriter writer = store_writer(options_.config, "dun serve");
  writer.wait = std::min(writer.wait, kWebWriteWait);
  auto store = StateStore::open(database, writer);
  if (store) return WriteAccess{std::move(store).value(), 200, ""};
  if (auto holder = StoreLock::held_elsewhere(database)) {
    return WriteAccess{std::nullopt, 503, busy_message(*holder)};
  }
  return WriteAccess{std::nullopt, 500, store.error().message};
}

std::optional<StateStore> Workspace::page_writer(WebCall& call, const std::string& back) {
  WriteAccess access = open_writer();
  if (!access.store) {
    if (access.status == 503) call.response.set_header("Retry-After", "30");
    send_message(call, access.status,
                 access.status == 503 ? "The store is busy" : "Nothing was changed",
                 {access.problem}, back);
  }
  return std::move(access.store);
}

void Workspace::send_page(WebCall& call, const std::string& title, const std::string& name,
                          PageData data, int status) {
  data.set("csrf", call.session.csrf);
  PageData layout;
  layout.set("title", title);
  layout.set("user", call.session.user);
  layout.set("role", std::string(to_string(call.session.role)));
  layout.set("csrf", call.session.csrf);
  layout.set("is_admin", call.session.role == UserRole::admin);
  layout.set("is_analyst", role_allows(call.session.role, UserRole::analyst));
  layout.set("body", templates_.render(name, data));
  call.response.status = status;
  call.response.set_content(templates_.render("layout", layout), kHtml);
}

void Workspace::send_message(WebCall& call, int status, const std::string& title,
                             const std::vector<std::string>& lines, const std::string& back) {
  PageData data;
  data.set("heading", title);
  PageData list(PageData::type::list);
  for (const std::string& line : lines) list.push_back(PageData("line", line));
  data.set("lines", list);
  data.set("back", back);
  data.set("failed", status >= 400);
  send_page(call, title, "message", std::move(data), status);
}

void Workspace::login_page(const httplib::Request& request, httplib::Response& response,
                           const std::string& problem, int status) {
  const std::string token = random_token();
  PageData data;
  data.set("login_token", token);
  data.set("problem", problem);
  data.set("next", request.has_param("next") ? request.get_param_value("next") : "/");
  PageData layout;
  layout.set("title", "Log in");
  layout.set("body", templates_.render("login", data));
  secure_headers(response);
  response.status = status;
  response.set_header("Set-Cookie", session_cookie(kLoginCookie, token, false, tls()));
  response.set_content(templates_.render("layout", layout), kHtml);
}

void Workspace::login_post(const httplib::Request& request, httplib::Response& response) {
  const httplib::Params form = form_fields(request);
  auto field = [&](const char* name) {
    auto found = form.find(name);
    return found == form.end() ? std::string() : found->second;
  };
  // The login form is protected by a double-submit token: the cookie set with the form and the
  // form's field must agree (a page of another site can set neither).
  if (!tokens_equal(cookie(request, kLoginCookie), field("login_token"))) {
    login_page(request, response, "Your login form expired: please log in again.", 403);
    return;
  }
  const std::string address = request.remote_addr;
  if (!sessions_.login_allowed(address)) {
    login_page(request, response,
               "Too many failed logins from this address: wait 15 minutes, then try again.", 429);
    return;
  }
  const std::string name = field("user");
  std::optional<UserAccount> account;
  {
    std::lock_guard lock(store_mutex_);
    auto found = store_.find_user(name);
    if (found) account = *found;
  }
  if (!account || !password_matches(account->password_hash, field("password"))) {
    sessions_.login_failed(address);
    login_page(request, response, "Unknown user or wrong password.", 401);
    return;
  }
  sessions_.login_succeeded(address);
  const std::string token = sessions_.open(account->name, account->role);
  std::string next = field("next");
  // Only a path of this site: never an open redirect.
  if (!next.starts_with("/") || next.starts_with("//")) next = "/";
  secure_headers(response);
  response.set_header("Set-Cookie", session_cookie(kSessionCookie, token, false, tls()));
  response.set_redirect(next, 303);
}

void Workspace::logout_post(WebCall& call) {
  sessions_.close(cookie(call.request, kSessionCookie));
  call.response.set_header("Set-Cookie", session_cookie(kSessionCookie, "", true, tls()));
  call.response.set_redirect("/login", 303);
}

void Workspace::route(httplib::Server& server, const char* method, const char* pattern,
                      UserRole needed, Handler handler, StoreUse store_use) {
  const bool post = std::string_view(method) == "POST";
  auto wrapped = [this, post, needed, handler, store_use](const httplib::Request& request,
                                                          httplib::Response& response) {
    secure_headers(response);
    auto session = sessions_.find(cookie(request, kSessionCookie));
    if (!session) {
      if (post) {
        login_page(request, response, "Please log in first.", 401);
      } else {
        response.set_redirect("/login?next=" + url_encoded(request.path), 303);
      }
      return;
    }
    WebCall call{request, response, *session, post ? form_fields(request) : httplib::Params{}};
    if (post && !tokens_equal(call.param("csrf"), session->csrf)) {
      send_message(call, 403, "Forbidden",
                   {"The form's security token is missing or stale: nothing was changed.",
                    "Reload the page and try again."},
                   "/");
      return;
    }
    if (!role_allows(session->role, needed)) {
      send_message(call, 403, "Forbidden",
                   {"This needs the role " + std::string(to_string(needed)) + "; you are " +
                    std::string(to_string(session->role)) + ". Nothing was changed."},
                   "/");
      return;
    }
    if (store_use == StoreUse::own) {
      (this->*handler)(call);
      return;
    }
    std::lock_guard lock(store_mutex_);
    notice_commits();
    (this->*handler)(call);
  };
  if (post) {
    server.Post(pattern, wrapped);
  } else {
    server.Get(pattern, wrapped);
  }
}

void Workspace::install(httplib::Server& server) {
  server.Get("/login", [this](const httplib::Request& request, httplib::Response& response) {
    login_page(request, response, "", 200);
  });
  server.Post("/login", [this](const httplib::Request& request, httplib::Response& response) {
    login_post(request, response);
  });
  server.Get("/style.css", [this](const httplib::Request&, httplib::Response& response) {
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_content(templates_.style(), "text/css; charset=utf-8");
  });
  server.Get("/app.js", [this](const httplib::Request&, httplib::Response& response) {
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_content(templates_.script(), "text/javascript; charset=utf-8");
  });
  server.Post("/hooks/print-mail",
              [this](const httplib::Request& request, httplib::Response& response) {
                hook(request, response, Channel::letter);
              });
  server.Post("/hooks/email", [this](const httplib::Request& request, httplib::Response& response) {
    hook(request, response, Channel::email);
  });
  route(server, "POST", "/logout", UserRole::collector, &Workspace::logout_post);
  route(server, "GET", "/", UserRole::collector, &Workspace::dashboard);
  route(server, "GET", R"(/customer/([^/]+))", UserRole::collector, &Workspace::customer);
  route(server, "POST", R"(/customer/([^/]+)/override)", UserRole::collector,
        &Workspace::override_post);
  route(server, "GET", "/agenda", UserRole::collector, &Workspace::agenda);
  route(server, "GET", R"(/agenda/task/([0-9]+))", UserRole::collector, &Workspace::task_preview);
  route(server, "POST", "/agenda", UserRole::collector, &Workspace::agenda_post);
  route(server, "GET", R"(/action/([^/]+)/document)", UserRole::collector,
        &Workspace::action_document);
  route(server, "GET", "/reports", UserRole::collector, &Workspace::reports);
  route(server, "GET", "/scenarios", UserRole::analyst, &Workspace::scenarios);
  route(server, "GET", "/simulate", UserRole::analyst, &Workspace::simulation, StoreUse::own);
  route(server, "GET", "/users", UserRole::admin, &Workspace::users);
  route(server, "POST", "/users", UserRole::admin, &Workspace::users_post);
}

}  // namespace dun::cli
