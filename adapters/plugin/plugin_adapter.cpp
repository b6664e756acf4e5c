#include "adapters/plugin/plugin_adapter.hpp"

#include <cstring>
#include <string>
#include <system_error>

#include "adapters/plugin/plugin_library.hpp"
#include "adapters/plugin/plugin_views.hpp"

namespace dun::adapters {

namespace {

// The text a plugin wrote into one of dun's buffers, read without trusting it to have ended it
// with a NUL.
template <size_t N>
std::string buffer_text(char (&buffer)[N]) {
  buffer[N - 1] = '\0';
  return std::string(buffer, strnlen(buffer, N));
}

std::string plugin_name(const PluginLibrary& library) {
  return "plugin \"" + std::string(library.table().kind) + "\"";
}

class PluginAdapter final : public Adapter {
 public:
  PluginAdapter(std::unique_ptr<PluginLibrary> library, dun_adapter_instance* instance)
      : library_(std::move(library)), instance_(instance) {}
  PluginAdapter(const PluginAdapter&) = delete;
  PluginAdapter& operator=(const PluginAdapter&) = delete;
  // The instance goes first; `library_`, declared first, is unloaded after it.
  ~PluginAdapter() override { library_->table().destroy(instance_); }

  std::string_view kind() const override { return "plugin"; }

  DeliveryReport deliver(const Action& action, const OutgoingDocument& document) override {
    const ActionView action_view(action);
    const DocumentView document_view(document);
    dun_delivery_result result{};
    result.outcome = DUN_OUTCOME_FAILED;
    library_->table().deliver(instance_, &action_view.view(), &document_view.view(), &result);

    DeliveryReport report;
    report.provider_ref = buffer_text(result.provider_ref);
    report.error = buffer_text(result.error);
    switch (result.outcome) {
      case DUN_OUTCOME_SENT:
        report.outcome = DeliveryOutcome::sent;
        report.error.clear();
        return report;
      case DUN_OUTCOME_FAILED:
        report.outcome = DeliveryOutcome::failed;
        break;
      case DUN_OUTCOME_REJECTED:
        report.outcome = DeliveryOutcome::rejected;
        break;
      case DUN_OUTCOME_UNCERTAIN:
        report.outcome = DeliveryOutcome::uncertain;
        break;
      default: {
        // Failed, not uncertain: an unknown code says nothing about the document having left,
        // and failed keeps the automatic retries with backoff.
        std::string message = plugin_name(*library_) + " returned the unknown outcome code " +
                              std::to_string(result.outcome) +
                              " (sent 0, failed 1, rejected 2, uncertain 3): treated as failed";
        if (!report.error.empty()) message += "; its message: " + report.error;
        report.outcome = DeliveryOutcome::failed;
        report.error = std::move(message);
        return report;
      }
    }
    if (report.error.empty()) report.error = plugin_name(*library_) + " gave no reason";
    return report;
  }

  CheckReport check() override {
    char detail[DUN_ADAPTER_TEXT_SIZE] = {};
    const int connected = library_->table().check(instance_, detail, sizeof detail);
    CheckReport report;
    report.connected = connected == 1;
    report.detail = plugin_name(*library_) + " (" + library_->file().string() + ")";
    if (std::string text = buffer_text(detail); !text.empty()) report.detail += ": " + text;
    return report;
  }

 private:
  std::unique_ptr<PluginLibrary> library_;
  dun_adapter_instance* instance_;
};

// The folder relative paths in the plugin's settings are read from, as the plugin gets it.
std::string config_folder(const AdapterConfig& config) {
  std::error_code error;
  const std::filesystem::path folder =
      config.file.empty() ? std::filesystem::current_path(error)
                          : std::filesystem::absolute(config.file, error).parent_path();
  return folder.lexically_normal().string();
}

}  // namespace

Result<std::unique_ptr<Adapter>> make_plugin_adapter(const AdapterSettings& settings) {
  auto path = settings.required("path", "\"plugins/libdun_example.so\"");
  if (!path) return path.error();
  // Always absolute: dlopen would search the library path for a bare file name.
  std::error_code error;
  const std::filesystem::path file = std::filesystem::absolute(settings.path("path", ""), error);
  auto library = PluginLibrary::open(file.lexically_normal());
  if (!library) return settings.error_at("path", library.error().message);

  const SettingsView settings_view(settings.config());
  const std::string folder = config_folder(settings.config());
  dun_create_error create_error{};
  dun_adapter_instance* instance = library.value()->table().create(
      settings_view.data(), settings_view.size(), folder.c_str(), &create_error);
  if (instance == nullptr) {
    std::string message = buffer_text(create_error.message);
    if (message.empty()) message = "refused its settings without saying why";
    return settings.error_at(buffer_text(create_error.setting),
                             plugin_name(*library.value()) + ": " + message);
  }
  return std::unique_ptr<Adapter>(
      std::make_unique<PluginAdapter>(std::move(library.value()), instance));
}

}  // namespace dun::adapters
