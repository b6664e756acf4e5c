#include "documents/snapshot_context.hpp"

#include "documents/invoice_pdf.hpp"
#include "engine/snapshot/load_snapshot.hpp"

namespace dun {

Result<std::unique_ptr<SnapshotContext>> SnapshotContext::load(
    const Config& config, const std::filesystem::path& snapshot,
    const std::filesystem::path& templates, Date today) {
  auto loaded = load_snapshot(snapshot, false, {}, config.fields);
  if (!loaded) return loaded.error();
  auto owned = std::make_unique<LoadedSnapshot>(std::move(loaded).value());
  return std::unique_ptr<SnapshotContext>(
      new SnapshotContext(config, std::move(owned), snapshot, templates, today));
}

SnapshotContext::SnapshotContext(const Config& config, const Portfolio& portfolio,
                                 const std::filesystem::path& snapshot,
                                 const std::filesystem::path& templates, Date today,
                                 std::shared_ptr<const CustomerAggregates> aggregates)
    : config_(config),
      portfolio_(&portfolio),
      aggregates_(aggregates ? std::move(aggregates)
                             : std::make_shared<const CustomerAggregates>(
                                   compute_aggregates(portfolio, today, config.rates))),
      columns_(std::make_unique<PortfolioColumnsView>(portfolio, *aggregates_)),
      snapshot_folder_(dun::snapshot_folder(snapshot)),
      templates_(templates, config.company.language, config.fields) {}

SnapshotContext::SnapshotContext(const Config& config, std::unique_ptr<LoadedSnapshot> owned,
                                 const std::filesystem::path& snapshot,
                                 const std::filesystem::path& templates, Date today)
    : SnapshotContext(config, owned->portfolio, snapshot, templates, today) {
  owned_ = std::move(owned);
}

}  // namespace dun
