// The dashboard: the portfolio's invoices with their scenario, the ⚡ of automation, the last
// and the next follow-up; filters, sorting and keyset pagination (dashboard_index.hpp).
#include "cli/serve/workspace.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

namespace dun::cli {
namespace {

std::string date_text(const std::optional<Date>& date) { return date ? date->to_string() : ""; }

PageData invoice_row(const InvoiceStatus& status) {
  PageData row;
  row.set("invoice", status.invoice);
  row.set("customer", status.customer);
  row.set("customer_url", "/customer/" + url_encoded(status.customer));
  row.set("balance", status.balance);
  row.set("due", status.due_date.to_string());
  row.set("scenario", status.scenario.empty() ? std::string("—") : status.scenario);
  row.set("automation", status.automation);
  row.set("automation_note", status.automation_note);
  row.set("state", status.state);
  row.set("paused_until", date_text(status.paused_until));
  row.set("last_date", date_text(status.last_date));
  row.set("last", status.last_date
                      ? status.last_step + " · " + status.last_channel + " · " + status.last_status
                      : std::string());
  row.set("next_step", status.next_step);
  row.set("next_date", date_text(status.next_date));
  row.set("next_note", status.next_note);
  return row;
}

// A select's options with the current one marked.
PageData options(const std::vector<std::string>& values, const std::string& current) {
  PageData list(PageData::type::list);
  for (const std::string& value : values) {
    PageData option;
    option.set("value", value);
    option.set("selected", value == current);
    list.push_back(option);
  }
  return list;
}

// How long a page that needs the status table waits for the one of the store's current state
// before it answers from the previous table (or says that the first is being built): long
// enough for a small portfolio's table, short enough for a person waiting for the page.
constexpr std::chrono::milliseconds kTableWait{2000};

// A page's rows at most (?limit=N; 50 by default).
constexpr std::size_t kMaxPageRows = 500;

std::string seconds_since(std::chrono::steady_clock::time_point since) {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - since);
  return std::to_string(seconds.count()) + " s";
}

}  // namespace

void Workspace::dashboard(WebCall& call) {
  DashboardQuery query;
  auto sort = parse_dashboard_sort(call.param("sort"));
  if (!sort) {
    send_message(call, 400, "Bad request",
                 {"sort '" + call.param("sort") + "' is not one of customer, due, last, next."},
                 "/");
    return;
  }
  query.sort = *sort;
  if (call.has("limit")) {
    const std::string limit = call.param("limit");
    std::size_t rows = 0;
    const auto parsed = std::from_chars(limit.data(), limit.data() + limit.size(), rows);
    if (parsed.ec != std::errc() || parsed.ptr != limit.data() + limit.size() || rows < 1 ||
        rows > kMaxPageRows) {
      send_message(call, 400, "Bad request",
                   {"limit '" + limit + "' is not a number of rows from 1 to " +
                    std::to_string(kMaxPageRows) + "."},
                   "/");
      return;
    }
    query.limit = rows;
  }
  query.search = call.param("q");
  query.scenario = call.param("scenario");
  query.automation = call.param("automation");
  query.state = call.param("state");
  query.after = call.param("after");
  auto day = status_day();
  if (!day) {
    send_message(call, 500, "The dashboard cannot be built", {day.error().message}, "/agenda");
    return;
  }
  const std::shared_ptr<const StatusBook> book = book_;
  PageData data;
  DashboardPage page;
  // The table of this book and state, else the latest of this book (a moment behind). Only a
  // page that sorts or filters by it waits for it.
  const StatusTableBuilder::Latest latest = table_builder_->latest(
      generation_, query.needs_status_table() ? kTableWait : std::chrono::milliseconds(0));
  const bool usable = latest.table && latest.book == book;
  const StatusTable* table = usable ? latest.table.get() : nullptr;
  if (query.needs_status_table()) {
    if (usable) page = find_dashboard_page(*book, **day, *orders_, table, query);
    if (!usable && latest.problem.empty()) {
      data.set("table_note",
               "The status table of the " + std::to_string(book->portfolio().invoices.size()) +
                   " invoices is being built (for " + seconds_since(latest.building_since) +
                   "): sorting by last or next follow-up and the state filter are "
                   "ready in a moment. Reload the page then; the other sorts and "
                   "filters work now.");
    } else if (!usable) {  // the last build failed, and no other is under way
      data.set("table_note", "The status table could not be built: " + latest.problem);
    } else if (latest.generation != generation_) {
      data.set("table_note", "The store changed and the status table is being rebuilt (for " +
                                 seconds_since(latest.building_since) +
                                 "): the order and the state filter follow it in a moment; each "
                                 "row shows its status of now.");
    }
  } else {
    page = find_dashboard_page(*book, **day, *orders_, nullptr, query);
    if (!usable) {
      data.set("table_note",
               "The status table of every invoice is being built: the contact limits' holds are "
               "shown in the next follow-up once it is ready.");
    }
  }
  auto statuses = page_statuses(page.rows, table);
  if (!statuses) {
    send_message(call, 500, "The dashboard cannot be built", {statuses.error().message}, "/agenda");
    return;
  }
  PageData rows(PageData::type::list);
  for (const InvoiceStatus& status : *statuses) rows.push_back(invoice_row(status));
  std::vector<std::string> scenario_names;
  for (const LoadedScenario& scenario : book->scenarios().scenarios()) {
    scenario_names.push_back(scenario.ir->name);
  }
  std::sort(scenario_names.begin(), scenario_names.end());
  data.set("rows", rows);
  data.set("empty", page.rows.empty());
  data.set("total", std::to_string(book->portfolio().invoices.size()));
  data.set("date", workspace_date().to_string());
  data.set("q", query.search);
  data.set("scenarios", options(scenario_names, query.scenario));
  data.set("automations", options({"on", "off"}, query.automation));
  data.set("states",
           options({"not started", "active", "paused", "closed", "stopped"}, query.state));
  data.set("sorts", options({"customer", "due", "last", "next"}, call.param("sort")));
  if (!page.next_cursor.empty()) {
    data.set("next_url",
             "/?q=" + url_encoded(query.search) + "&scenario=" + url_encoded(query.scenario) +
                 "&automation=" + url_encoded(query.automation) +
                 "&state=" + url_encoded(query.state) + "&sort=" + url_encoded(call.param("sort")) +
                 "&limit=" + std::to_string(query.limit) +
                 "&after=" + url_encoded(page.next_cursor));
  }
  send_page(call, "Dashboard", "dashboard", std::move(data));
}

}  // namespace dun::cli
