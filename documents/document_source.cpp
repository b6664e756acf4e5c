#include "documents/document_source.hpp"

#include <functional>

#include "documents/action_document.hpp"
#include "documents/snapshot_context.hpp"
#include "stdlib/status.hpp"

namespace dun {
namespace {

using ContextMaker = std::function<Result<std::unique_ptr<SnapshotContext>>()>;

// Makes its context at the first action that needs a document, never for a pass of retries.
class SnapshotDocuments : public DocumentSource {
 public:
  explicit SnapshotDocuments(ContextMaker make_context) : make_context_(std::move(make_context)) {}

  Status ready() override {
    if (documents_) return Status::Ok();
    auto context = make_context_();
    if (!context) return Error{"cannot render documents: " + context.error().message};
    context_ = std::move(context).value();
    documents_ = std::make_unique<ActionDocuments>(*context_);
    return Status::Ok();
  }

  Result<OutgoingDocument> render(const Action& action) override {
    if (auto loaded = ready(); !loaded) return loaded.error();
    return documents_->render(action);
  }

 private:
  ContextMaker make_context_;
  std::unique_ptr<SnapshotContext> context_;
  std::unique_ptr<ActionDocuments> documents_;  // refers to *context_
};

}  // namespace

std::unique_ptr<DocumentSource> snapshot_documents(const Config& config,
                                                   std::filesystem::path snapshot,
                                                   std::filesystem::path templates, Date today) {
  return std::make_unique<SnapshotDocuments>(
      [&config, snapshot = std::move(snapshot), templates = std::move(templates), today] {
        return SnapshotContext::load(config, snapshot, templates, today);
      });
}

std::unique_ptr<DocumentSource> snapshot_documents(
    const Config& config, const Portfolio& portfolio, std::filesystem::path snapshot,
    std::filesystem::path templates, Date today,
    std::shared_ptr<const CustomerAggregates> aggregates) {
  return std::make_unique<SnapshotDocuments>(
      [&config, &portfolio, snapshot = std::move(snapshot), templates = std::move(templates), today,
       aggregates = std::move(aggregates)]() -> Result<std::unique_ptr<SnapshotContext>> {
        return std::make_unique<SnapshotContext>(config, portfolio, snapshot, templates, today,
                                                 aggregates);
      });
}

}  // namespace dun
