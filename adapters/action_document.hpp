// The document of an outbox action, rendered from one day's snapshot as the delivery loop, the
// agenda (`dun agenda show`) and `dun send` need it: an email action becomes its RFC 5322
// message (documents/compose_email.hpp) with the SMTP envelope, a letter action its PDF
// (documents/letter_pdf.hpp) with the addresses a print & mail provider asks for.
//
// The document's date is the day the action was created (the day its step fired), so that the
// same action renders the same bytes whatever day it is delivered; its figures come from the
// snapshot given (the day of the first delivery attempt — the outbox then keeps the bytes).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "adapters/adapter.hpp"
#include "documents/email_message.hpp"
#include "documents/render_template.hpp"
#include "documents/template_library.hpp"
#include "engine/base/config.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio_columns.hpp"
#include "engine/snapshot/snapshot.hpp"
#include "stdlib/late_interest.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

// One day's snapshot with what rendering needs around it. Owns everything; not copyable.
class SnapshotContext {
 public:
  // Loads `snapshot` (CSV folder or SQLite file) and computes the aggregates of `today`.
  static Result<std::unique_ptr<SnapshotContext>> load(const Config& config,
                                                       const std::filesystem::path& snapshot,
                                                       const std::filesystem::path& templates,
                                                       Date today);
  // Around a snapshot that is already loaded (the daily run's); `portfolio` must outlive this.
  SnapshotContext(const Config& config, const Portfolio& portfolio,
                  const std::filesystem::path& snapshot, const std::filesystem::path& templates,
                  Date today);
  SnapshotContext(const SnapshotContext&) = delete;
  SnapshotContext& operator=(const SnapshotContext&) = delete;

  const Config& config() const { return config_; }
  const Portfolio& portfolio() const { return *portfolio_; }
  const CustomerAggregates& aggregates() const { return aggregates_; }
  const dsl::PortfolioColumns& columns() const { return columns_->columns(); }
  const std::filesystem::path& snapshot_folder() const { return snapshot_folder_; }
  TemplateLibrary& templates() { return templates_; }

 private:
  SnapshotContext(const Config& config, std::unique_ptr<LoadedSnapshot> owned,
                  const std::filesystem::path& snapshot, const std::filesystem::path& templates,
                  Date today);

  const Config& config_;
  std::unique_ptr<LoadedSnapshot> owned_;  // set by load()
  const Portfolio* portfolio_;
  CustomerAggregates aggregates_;
  std::unique_ptr<PortfolioColumnsView> columns_;
  std::filesystem::path snapshot_folder_;
  TemplateLibrary templates_;
};

// An action's document with what was rendered on the way, for showing it to a person
// (`dun agenda show`): the document's text, and for an email its envelope.
struct RenderedAction {
  OutgoingDocument outgoing;
  RenderedDocument document;
  std::optional<EmailEnvelope> email;  // emails: From, To, Cc, Reply-To, attachments
};

class ActionDocuments {
 public:
  // Fails when the config's late_interest_rate cannot be read.
  static Result<std::unique_ptr<ActionDocuments>> create(SnapshotContext& context);

  // The email or letter of `action` (not tasks). Fails, saying why, when its customer or an
  // invoice is not in the snapshot, its template is missing, or the document cannot be built
  // (no email address, a CR/LF in a header value, …).
  Result<OutgoingDocument> render(const Action& action);
  // The same, keeping the rendered document and the email's envelope.
  Result<RenderedAction> render_with_parts(const Action& action);

 private:
  ActionDocuments(SnapshotContext& context, LateInterestRate late_interest);

  SnapshotContext& context_;
  LateInterestRate late_interest_;
  DocumentRenderer renderer_;
};

}  // namespace dun::adapters
