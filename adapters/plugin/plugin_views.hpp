// The C views (adapters/plugin/dun_adapter.h) of what dun hands a plugin: its settings, an
// action, an action's document. A view points into the C++ values it was made from and into the
// small arrays of pointers it owns, so it is valid while both live; dun builds one per call.
#pragma once

#include <string>
#include <vector>

#include "adapters/adapter.hpp"
#include "adapters/plugin/dun_adapter.h"
#include "engine/base/config.hpp"
#include "engine/model/action.hpp"

namespace dun::adapters {

// The C array of a list of strings (pointers into `strings`, which must outlive it).
class CStringArray {
 public:
  explicit CStringArray(const std::vector<std::string>& strings);
  const char* const* data() const { return pointers_.empty() ? nullptr : pointers_.data(); }
  size_t size() const { return pointers_.size(); }

 private:
  std::vector<const char*> pointers_;
};

// Every setting of an [adapters.NAME] table but `kind` and `path`, which are dun's.
class SettingsView {
 public:
  explicit SettingsView(const AdapterConfig& config);
  const dun_setting* data() const { return settings_.empty() ? nullptr : settings_.data(); }
  size_t size() const { return settings_.size(); }

 private:
  std::vector<dun_setting> settings_;
};

class ActionView {
 public:
  explicit ActionView(const Action& action);
  ActionView(const ActionView&) = delete;
  ActionView& operator=(const ActionView&) = delete;
  const dun_action_view& view() const { return view_; }

 private:
  std::string date_, channel_, letter_type_, mode_;
  CStringArray invoices_, copy_;
  dun_action_view view_{};
};

class DocumentView {
 public:
  explicit DocumentView(const OutgoingDocument& document);
  DocumentView(const DocumentView&) = delete;
  DocumentView& operator=(const DocumentView&) = delete;
  const dun_document_view& view() const { return view_; }

 private:
  CStringArray envelope_to_, recipient_lines_, sender_lines_;
  dun_document_view view_{};
};

}  // namespace dun::adapters
