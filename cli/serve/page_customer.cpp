// The customer record: the customer's invoices (as on the dashboard), contacts, the collector's
// overrides as forms, and the full history with each action's document and tracking.
#include "cli/args/collector_override.hpp"
#include "cli/serve/workspace.hpp"
#include "stdlib/join.hpp"

namespace dun::cli {
namespace {

std::string text(std::string_view view) { return std::string(view); }

PageData contact(const std::string& name, const std::string& role, const std::string& email,
                 const std::string& phone) {
  PageData row;
  row.set("name", name);
  row.set("role", role);
  row.set("email", email);
  row.set("phone", phone);
  return row;
}

// The customer's name, address and contacts from the snapshot.
void describe_customer(const Portfolio& portfolio, const std::string& id, PageData& data) {
  auto row = portfolio.find_customer(id);
  if (!row) return;
  data.set("name", text(portfolio.customers.name[*row]));
  data.set("email", text(portfolio.customers.email[*row]));
  data.set("address", text(portfolio.customers.address[*row]));
  PageData contacts(PageData::type::list);
  for (RowIndex contact_row : portfolio.contacts_of(*row)) {
    contacts.push_back(contact(text(portfolio.contacts.name[contact_row]),
                               text(portfolio.symbols.text(portfolio.contacts.role[contact_row])),
                               text(portfolio.contacts.email[contact_row]),
                               text(portfolio.contacts.phone[contact_row])));
  }
  data.set("contacts", contacts);
  data.set("has_contacts", !portfolio.contacts_of(*row).empty());
}

}  // namespace

void Workspace::customer(WebCall& call) {
  const std::string id = call.request.matches[1];
  PageData data;
  data.set("id", id);
  data.set("override_url", "/customer/" + url_encoded(id) + "/override");
  auto context = snapshot_context();
  if (context) describe_customer((*context)->portfolio(), id, data);

  auto statuses = customer_statuses(id);
  PageData invoices(PageData::type::list);
  std::size_t invoice_count = 0;
  if (statuses) {
    for (const InvoiceStatus& status : *statuses) {
      PageData row;
      row.set("invoice", status.invoice);
      row.set("balance", status.balance);
      row.set("due", status.due_date.to_string());
      row.set("scenario", status.scenario);
      row.set("automation", status.automation);
      row.set("automation_note", status.automation_note);
      row.set("state", status.state);
      row.set("paused_until", status.paused_until ? status.paused_until->to_string() : "");
      row.set("next",
              status.next_step.empty()
                  ? status.next_note
                  : status.next_step + (status.next_date ? " on " + status.next_date->to_string()
                                                         : std::string()));
      invoices.push_back(row);
      ++invoice_count;
    }
  }
  data.set("invoices", invoices);
  data.set("default_until", (change_date() + 14).to_string());

  auto history = store_.customer_history(id);
  auto actions = store_.actions_of_customer(id);
  if (!history || !actions) {
    send_message(call, 500, "The history cannot be read",
                 {history ? actions.error().message : history.error().message}, "/");
    return;
  }
  if (invoice_count == 0 && history->empty() && actions->empty()) {
    send_message(call, 404, "Unknown customer",
                 {"There is no customer '" + id + "' in the snapshot or the history."}, "/");
    return;
  }
  PageData events(PageData::type::list);
  for (const HistoryEvent& event : *history) {
    PageData row;
    row.set("date", event.date.to_string());
    row.set("invoice", event.invoice_id);
    row.set("kind", text(to_string(event.kind)));
    row.set("detail", event.detail);
    events.push_back(row);
  }
  data.set("events", events);
  PageData action_rows(PageData::type::list);
  for (const Action& action : *actions) {
    PageData row;
    row.set("id", action.id);
    row.set("date", action.created_on.to_string());
    row.set("step", action.scenario + " / " + action.step);
    row.set("channel", text(to_string(action.channel)));
    row.set("invoices", join(action.invoices, ", "));
    row.set("status", text(to_string(action.status)));
    row.set("tracking", action.tracking);
    if (action.channel != Channel::task) {
      row.set("document_url", "/action/" + url_encoded(action.id) + "/document");
    }
    action_rows.push_back(row);
  }
  data.set("actions", action_rows);
  data.set("is_analyst", role_allows(call.session.role, UserRole::analyst));
  send_page(call, "Customer " + id, "customer", std::move(data));
}

void Workspace::override_post(WebCall& call) {
  const std::string customer = call.request.matches[1];
  const std::string verb = call.param("verb");
  const std::string back = "/customer/" + url_encoded(customer);
  const bool on_invoice =
      verb == "pause" || verb == "resume" || verb == "optout" || verb == "optin";
  if (!on_invoice && verb != "assign") {
    send_message(call, 400, "Nothing was changed",
                 {"'" + verb + "' is not an override: pause, resume, optout, optin or assign."},
                 back);
    return;
  }
  OverrideChange change{verb, customer, customer, change_date(), call.session.user, "dun serve"};
  std::optional<Date> until;
  std::optional<std::string> scenario;
  bool clear = false;
  if (on_invoice) {
    change.subject = call.param("invoice");
    auto book = status_book();
    bool known = false;
    if (book) {
      for (const std::uint32_t row : (*book)->rows_of_customer(customer))
        known = known || (*book)->portfolio().invoices.id[row] == change.subject;
    }
    if (!known) {
      send_message(
          call, 400, "Nothing was changed",
          {"Invoice '" + change.subject + "' is not an invoice of customer " + customer + "."},
          back);
      return;
    }
  }
  if (verb == "pause") {
    until = Date::parse(call.param("until"));
    if (!until || *until < change.date) {
      send_message(call, 400, "Nothing was changed",
                   {"Pause until '" + call.param("until") + "': give a date (YYYY-MM-DD) from " +
                    change.date.to_string() + " on."},
                   back);
      return;
    }
  }
  if (verb == "assign") {
    const std::string name = call.param("scenario");
    clear = name.empty();
    if (!clear) {
      if (auto known = check_scenario_name(name, options_.config); !known) {
        send_message(call, 400, "Nothing was changed", {known.error().message}, back);
        return;
      }
      scenario = name;
    }
  }
  auto writer = page_writer(call, back);
  if (!writer) return;
  auto applied = apply_override(*writer, change, scenario, until, clear);
  if (!applied) {
    send_message(call, 409, "Nothing was changed", {applied.error().message}, back);
    return;
  }
  notice_commits();  // this request's own commit: the caches follow it
  call.response.set_redirect(back + "?done=" + url_encoded(verb), 303);
}

}  // namespace dun::cli
