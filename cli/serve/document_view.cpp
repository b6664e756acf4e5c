// An action's document as the customer received it: the kept .eml shown as a page (its headers
// and text as sent), a kept letter's PDF inline; before delivery, the document as it would be
// sent, rendered from the snapshot. With the action's delivery status and tracking events.
// (`dun show ACTION_ID` shows the same from the terminal.)
#include "cli/output/agenda_show.hpp"
#include "cli/serve/workspace.hpp"
#include "documents/action_document.hpp"

namespace dun::cli {

void Workspace::action_document(WebCall& call) {
  const std::string id = call.request.matches[1];
  auto action = store_.find_action(id);
  if (!action || !*action) {
    send_message(call, 404, "Unknown action", {"There is no action " + id + " in the outbox."},
                 "/");
    return;
  }
  auto kept = store_.stored_document(id);
  if (!kept) {
    send_message(call, 500, "The document cannot be read", {kept.error().message}, "/");
    return;
  }
  const bool pdf = *kept && (*kept)->content_type == "application/pdf";
  if (pdf && call.param("raw") == "1") {
    call.response.set_header("Content-Disposition", "inline; filename=\"" + id + ".pdf\"");
    call.response.set_content((*kept)->bytes, "application/pdf");
    return;
  }
  PageData data;
  data.set("id", id);
  data.set("customer", (*action)->customer);
  data.set("customer_url", "/customer/" + url_encoded((*action)->customer));
  data.set("channel", std::string(to_string((*action)->channel)));
  data.set("status", std::string(to_string((*action)->status)));
  data.set("step", (*action)->scenario + " / " + (*action)->step);
  data.set("date", (*action)->created_on.to_string());
  data.set("attempts", std::to_string((*action)->attempts));
  data.set("last_error", (*action)->last_error);
  data.set("provider_ref", (*action)->provider_ref);
  if (*kept) {
    data.set("kept", true);
    if (pdf) {
      data.set("pdf_url", "/action/" + url_encoded(id) + "/document?raw=1");
    } else {
      data.set("message", (*kept)->bytes);
    }
  } else if ((*action)->channel != Channel::task) {
    auto context = snapshot_context();
    if (context) {
      ActionDocuments documents(**context);
      auto rendered = documents.render_with_parts(**action);
      data.set("preview", rendered ? document_preview_text(**action, *rendered)
                                   : "cannot be rendered: " + rendered.error().message);
    } else {
      data.set("preview", "cannot be rendered: " + context.error().message);
    }
  }
  auto tracking = store_.tracking_events(id);
  PageData events(PageData::type::list);
  if (tracking) {
    for (const TrackingRecord& record : *tracking) {
      PageData row;
      row.set("status", record.status);
      row.set("at", record.occurred_at);
      row.set("provider_status", record.provider_status);
      row.set("recorded", record.recorded_on.to_string());
      events.push_back(row);
    }
    data.set("has_tracking", !tracking->empty());
  }
  data.set("tracking", events);
  send_page(call, "Action " + id, "document", std::move(data));
}

}  // namespace dun::cli
