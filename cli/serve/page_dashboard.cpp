// The dashboard: the portfolio's invoices with their scenario, the ⚡ of automation, the last
// and the next follow-up; filters, sorting and keyset pagination (dashboard_index.hpp).
#include "cli/serve/workspace.hpp"

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
  query.search = call.param("q");
  query.scenario = call.param("scenario");
  query.automation = call.param("automation");
  query.state = call.param("state");
  query.after = call.param("after");
  auto index = dashboard_index();
  if (!index) {
    send_message(call, 500, "The dashboard cannot be built", {index.error().message}, "/agenda");
    return;
  }
  const DashboardPage page = (*index)->page(query);
  PageData rows(PageData::type::list);
  for (const InvoiceStatus* status : page.rows) rows.push_back(invoice_row(*status));
  PageData data;
  data.set("rows", rows);
  data.set("empty", page.rows.empty());
  data.set("total", std::to_string((*index)->size()));
  data.set("date", workspace_date().to_string());
  data.set("q", query.search);
  data.set("scenarios", options((*index)->scenarios(), query.scenario));
  data.set("automations", options({"on", "off"}, query.automation));
  data.set("states",
           options({"not started", "active", "paused", "closed", "stopped"}, query.state));
  data.set("sorts", options({"customer", "due", "last", "next"}, call.param("sort")));
  if (!page.next_cursor.empty()) {
    data.set("next_url",
             "/?q=" + url_encoded(query.search) + "&scenario=" + url_encoded(query.scenario) +
                 "&automation=" + url_encoded(query.automation) +
                 "&state=" + url_encoded(query.state) + "&sort=" + url_encoded(call.param("sort")) +
                 "&after=" + url_encoded(page.next_cursor));
  }
  send_page(call, "Dashboard", "dashboard", std::move(data));
}

}  // namespace dun::cli
