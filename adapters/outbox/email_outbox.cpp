// The email outbox: DIR/ACTION_ID.eml per email action.
#include "adapters/atomic_file.hpp"
#include "adapters/outbox/outbox_adapters.hpp"
#include "adapters/outbox/outbox_file.hpp"

namespace dun::adapters {
namespace {

class EmailOutbox final : public Adapter {
 public:
  explicit EmailOutbox(std::filesystem::path dir) : dir_(std::move(dir)) {}

  std::string_view kind() const override { return "outbox"; }
  // A retry writes the same file under the same name again.
  bool deduplicates_retries() const override { return true; }

  DeliveryReport deliver(const Action& action, const OutgoingDocument& document) override {
    if (document.content_type != kEmailContentType) {
      return {DeliveryOutcome::rejected, "",
              "the email outbox takes messages (" + std::string(kEmailContentType) + "), not " +
                  document.content_type};
    }
    auto path = action_file(dir_, action.id, "eml");
    if (!path) return {DeliveryOutcome::rejected, "", path.error().message};
    return place_action_file(*path, document.bytes);
  }

  // The temporary files of a pass killed while it wrote.
  Status start_pass() override {
    if (auto removed = remove_abandoned_temporaries(dir_); !removed) return removed.error();
    return Status::Ok();
  }

  CheckReport check() override { return check_outbox_folder(dir_); }

 private:
  std::filesystem::path dir_;
};

}  // namespace

Result<std::unique_ptr<Adapter>> make_email_outbox_adapter(const AdapterSettings& settings) {
  static constexpr std::string_view kKnown[] = {"kind", "dir"};
  if (auto known = settings.only(kKnown); !known) return known.error();
  if (auto dir = settings.required("dir", "\"out/emails\""); !dir) return dir.error();
  return std::unique_ptr<Adapter>(new EmailOutbox(settings.path("dir", "")));
}

}  // namespace dun::adapters
