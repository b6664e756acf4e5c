// The delivery loop's DocumentSource over a snapshot: loaded at the first action that needs a
// document, never for a pass of retries (their documents are kept in the outbox).
#include "adapters/action_document.hpp"
#include "adapters/deliver.hpp"

namespace dun::adapters {
namespace {

class SnapshotDocuments : public DocumentSource {
 public:
  SnapshotDocuments(const Config& config, std::filesystem::path snapshot,
                    std::filesystem::path templates, Date today)
      : config_(config),
        snapshot_(std::move(snapshot)),
        templates_(std::move(templates)),
        today_(today) {}

  Result<bool> ready() override {
    if (documents_) return true;
    auto context = SnapshotContext::load(config_, snapshot_, templates_, today_);
    if (!context) return Error{"cannot render documents: " + context.error().message};
    context_ = std::move(context).value();
    auto documents = ActionDocuments::create(*context_);
    if (!documents) return Error{"cannot render documents: " + documents.error().message};
    documents_ = std::move(documents).value();
    return true;
  }

  Result<OutgoingDocument> render(const Action& action) override {
    if (auto loaded = ready(); !loaded) return loaded.error();
    return documents_->render(action);
  }

 private:
  const Config& config_;
  std::filesystem::path snapshot_;
  std::filesystem::path templates_;
  Date today_;
  std::unique_ptr<SnapshotContext> context_;
  std::unique_ptr<ActionDocuments> documents_;
};

}  // namespace

std::unique_ptr<DocumentSource> snapshot_documents(const Config& config,
                                                   std::filesystem::path snapshot,
                                                   std::filesystem::path templates, Date today) {
  return std::make_unique<SnapshotDocuments>(config, std::move(snapshot), std::move(templates),
                                             today);
}

}  // namespace dun::adapters
