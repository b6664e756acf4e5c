#include "adapters/plugin/plugin_views.hpp"

namespace dun::adapters {

CStringArray::CStringArray(const std::vector<std::string>& strings) {
  pointers_.reserve(strings.size());
  for (const std::string& text : strings) pointers_.push_back(text.c_str());
}

SettingsView::SettingsView(const AdapterConfig& config) {
  for (const auto& [key, value] : config.settings) {
    if (key == "kind" || key == "path") continue;
    settings_.push_back(dun_setting{key.c_str(), value.c_str()});
  }
}

// The enum names are copied into owned strings: the C side needs NUL-terminated text, which a
// string_view does not promise.
ActionView::ActionView(const Action& action)
    : date_(action.created_on.to_string()),
      channel_(to_string(action.channel)),
      letter_type_(action.letter_type ? std::string(to_string(*action.letter_type)) : ""),
      mode_(to_string(action.mode)),
      invoices_(action.invoices),
      copy_(action.copy) {
  view_.id = action.id.c_str();
  view_.date = date_.c_str();
  view_.scenario = action.scenario.c_str();
  view_.step = action.step.c_str();
  view_.channel = channel_.c_str();
  view_.letter_type = action.letter_type ? letter_type_.c_str() : nullptr;
  view_.mode = mode_.c_str();
  view_.customer = action.customer.c_str();
  view_.invoices = invoices_.data();
  view_.invoice_count = invoices_.size();
  view_.template_name = action.template_name.c_str();
  view_.language = action.language.c_str();
  view_.to = action.to.c_str();
  view_.copy = copy_.data();
  view_.copy_count = copy_.size();
}

DocumentView::DocumentView(const OutgoingDocument& document)
    : envelope_to_(document.envelope_to),
      recipient_lines_(document.recipient.address_lines),
      sender_lines_(document.sender.address_lines) {
  view_.content_type = document.content_type.c_str();
  view_.bytes = reinterpret_cast<const unsigned char*>(document.bytes.data());
  view_.size = document.bytes.size();
  view_.envelope_from = document.envelope_from.c_str();
  view_.envelope_to = envelope_to_.data();
  view_.envelope_to_count = envelope_to_.size();
  view_.recipient_name = document.recipient.name.c_str();
  view_.recipient_address_lines = recipient_lines_.data();
  view_.recipient_address_line_count = recipient_lines_.size();
  view_.recipient_country = document.recipient_country.c_str();
  view_.sender_name = document.sender.name.c_str();
  view_.sender_address_lines = sender_lines_.data();
  view_.sender_address_line_count = sender_lines_.size();
}

}  // namespace dun::adapters
