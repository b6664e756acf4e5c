// One day's snapshot with what rendering documents from it needs around it: the portfolio, the
// customer aggregates of the day, the portfolio's batch columns (for the templates' `{if}`
// conditions), the folder the invoice PDFs are read from, and the templates folder.
//
// Ownership: made by load(), the context owns the snapshot it loaded; made around a snapshot that
// is already loaded (the daily run's), it keeps a reference to that Portfolio, which must
// outlive the context and stay unchanged while it is used. Either way it shares the aggregates
// (immutable; the run's when it lends them) and owns the columns (which point into the portfolio
// and the aggregates) and the template library; it keeps a reference to `config`, which must
// outlive it too. Not copyable, not movable (the
// columns point into it): hold it by std::unique_ptr.
//
// Thread safety: none. The template library compiles templates on first use, so even rendering
// is a mutation: use one context from one thread at a time.
#pragma once

#include <filesystem>
#include <memory>

#include "documents/template_library.hpp"
#include "dsl/batch.hpp"
#include "engine/base/config.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio.hpp"
#include "engine/portfolio/portfolio_columns.hpp"
#include "engine/snapshot/snapshot.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun {

class SnapshotContext {
 public:
  // Loads `snapshot` (a CSV folder or a SQLite file; bad rows are quarantined, not fatal) and
  // computes the aggregates of `today`. Fails when the snapshot cannot be loaded.
  static Result<std::unique_ptr<SnapshotContext>> load(const Config& config,
                                                       const std::filesystem::path& snapshot,
                                                       const std::filesystem::path& templates,
                                                       Date today);
  // Around `portfolio`, already loaded from `snapshot` (the daily run's, so that the delivery
  // after it loads nothing twice), with the aggregates of `today` when the caller has them (the
  // run's; else they are computed). REQUIRES: `portfolio` and `config` outlive this context;
  // `aggregates`, when given, were computed for `portfolio`, `today` and `config.rates`.
  SnapshotContext(const Config& config, const Portfolio& portfolio,
                  const std::filesystem::path& snapshot, const std::filesystem::path& templates,
                  Date today, std::shared_ptr<const CustomerAggregates> aggregates = nullptr);
  SnapshotContext(const SnapshotContext&) = delete;
  SnapshotContext& operator=(const SnapshotContext&) = delete;

  const Config& config() const { return config_; }
  const Portfolio& portfolio() const { return *portfolio_; }
  const CustomerAggregates& aggregates() const { return *aggregates_; }
  const dsl::PortfolioColumns& columns() const { return columns_->columns(); }
  // Where the snapshot's invoice PDFs are read from (documents/invoice_pdf.hpp).
  const std::filesystem::path& snapshot_folder() const { return snapshot_folder_; }
  TemplateLibrary& templates() { return templates_; }

 private:
  SnapshotContext(const Config& config, std::unique_ptr<LoadedSnapshot> owned,
                  const std::filesystem::path& snapshot, const std::filesystem::path& templates,
                  Date today);

  const Config& config_;
  std::unique_ptr<LoadedSnapshot> owned_;                 // set by load() only
  const Portfolio* portfolio_;                            // owned_->portfolio, or the one lent
  std::shared_ptr<const CustomerAggregates> aggregates_;  // never null
  std::unique_ptr<PortfolioColumnsView> columns_;  // points into *portfolio_ and *aggregates_
  std::filesystem::path snapshot_folder_;
  TemplateLibrary templates_;
};

}  // namespace dun
