// Where the delivery loop (adapters/deliver.hpp) gets the documents of the actions the outbox
// has no document for yet: rendered from a snapshot by documents/action_document.hpp. The
// snapshot is loaded (or, when it is already loaded, its aggregates computed) only when the first
// such action comes: a pass of retries, whose documents the outbox keeps, needs none.
//
// Thread safety: none; a source serves one delivery pass at a time.
#pragma once

#include <filesystem>
#include <memory>

#include "documents/outgoing_document.hpp"
#include "engine/base/config.hpp"
#include "engine/model/action.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun {

class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // Whether documents can be rendered at all (the snapshot and the config's settings load).
  virtual Status ready() = 0;
  // The document of `action` (an email or a letter), or why it cannot be rendered.
  virtual Result<OutgoingDocument> render(const Action& action) = 0;
};

// From the snapshot at `snapshot`, loaded at the first render, with `templates`, the aggregates
// of `today`. REQUIRES: `config` outlives the source.
std::unique_ptr<DocumentSource> snapshot_documents(const Config& config,
                                                   std::filesystem::path snapshot,
                                                   std::filesystem::path templates, Date today);

// The same around `portfolio`, already loaded from `snapshot` (the daily run's) with the
// aggregates of `today` if the caller has them: nothing is loaded or computed again.
// REQUIRES: `config` and `portfolio` outlive the source (SnapshotContext's constructor says what
// `aggregates` must be).
std::unique_ptr<DocumentSource> snapshot_documents(
    const Config& config, const Portfolio& portfolio, std::filesystem::path snapshot,
    std::filesystem::path templates, Date today,
    std::shared_ptr<const CustomerAggregates> aggregates = nullptr);

}  // namespace dun
