// The letter outbox: DIR/ACTION_ID.pdf and a manifest.csv row per letter, and the batch PDF of
// each delivery pass.
#include <chrono>

#include "adapters/atomic_file.hpp"
#include "adapters/outbox/manifest_csv.hpp"
#include "adapters/outbox/outbox_adapters.hpp"
#include "adapters/outbox/outbox_file.hpp"
#include "adapters/print_options.hpp"
#include "documents/pdf_batch.hpp"
#include "stdlib/status.hpp"

namespace dun::adapters {
namespace {

Date today_utc() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  return Date::from_days(static_cast<std::int32_t>(days));
}

class LetterOutbox final : public Adapter {
 public:
  LetterOutbox(std::filesystem::path dir, bool batch, PrintOptions print,
               std::function<Date()> today)
      : dir_(std::move(dir)), batch_(batch), print_(print), today_(std::move(today)) {}

  std::string_view kind() const override { return "outbox"; }

  DeliveryReport deliver(const Action& action, const OutgoingDocument& document) override {
    if (document.content_type != kLetterContentType) {
      return {DeliveryOutcome::rejected, "",
              "the letter outbox takes PDFs (" + std::string(kLetterContentType) + "), not " +
                  document.content_type};
    }
    auto path = action_file(dir_, action.id, "pdf");
    if (!path) return {DeliveryOutcome::rejected, "", path.error().message};
    auto pages = pdf_page_count(document.bytes);
    if (!pages)
      return {DeliveryOutcome::rejected, "", "letter " + action.id + ": " + pages.error().message};
    // The PDF first, then its row: after a crash between the two, the retry finds the same PDF
    // and adds the missing row.
    DeliveryReport report = place_action_file(*path, document.bytes);
    if (report.outcome != DeliveryOutcome::sent) return report;
    auto added =
        add_manifest_row(dir_ / "manifest.csv", manifest_row(action, document, *pages, print_));
    if (!added) return {DeliveryOutcome::failed, report.provider_ref, added.error().message};
    // A letter is retried only when its pass stopped before finish_pass(), so it is in no batch
    // yet: put it in this one even when its PDF was already there.
    pass_.push_back(Letter{path->filename().string(), document.bytes});
    return report;
  }

  Status finish_pass() override {
    if (!batch_ || pass_.empty()) return Status::Ok();
    std::vector<std::string> pdfs, names;
    for (const Letter& letter : pass_) {
      pdfs.push_back(letter.pdf);
      names.push_back(letter.file);
    }
    auto merged = merge_for_duplex(pdfs, names);
    if (!merged) return merged.error();
    const std::filesystem::path path = batch_path(today_());
    auto written = write_file_atomically(path, *merged);
    if (!written) return written.error();
    pass_.clear();
    return Status::Ok();
  }

  CheckReport check() override { return check_outbox_folder(dir_); }

  std::string describe(const Action& action) const override {
    return describe_print(print_, action);
  }

 private:
  struct Letter {
    std::string file;
    std::string pdf;
  };

  static ManifestRow manifest_row(const Action& action, const OutgoingDocument& document, int pages,
                                  const PrintOptions& print) {
    ManifestRow row;
    row.action_id = action.id;
    row.date = action.created_on.to_string();
    row.customer = action.customer;
    row.recipient_name = document.recipient.name;
    row.address_lines = document.recipient.address_lines;
    row.country = document.recipient_country;
    row.letter_type = std::string(to_string(action.letter_type.value_or(LetterType::standard)));
    row.pages = pages;
    row.file = action.id + ".pdf";
    row.invoices = action.invoices;
    if (action.postage) row.postage = std::string(to_string(*action.postage));
    row.color = print.color;
    row.duplex = print.duplex;
    return row;
  }

  // DIR/batch-YYYY-MM-DD.pdf, or -2, -3, … for the day's later passes: a batch is never replaced.
  std::filesystem::path batch_path(Date day) const {
    const std::string stem = "batch-" + day.to_string();
    std::filesystem::path path = dir_ / (stem + ".pdf");
    std::error_code error;
    for (int n = 2; std::filesystem::exists(path, error); ++n) {
      path = dir_ / (stem + "-" + std::to_string(n) + ".pdf");
    }
    return path;
  }

  std::filesystem::path dir_;
  bool batch_;
  PrintOptions print_;
  std::function<Date()> today_;
  std::vector<Letter> pass_;  // the letters of the current pass, in delivery order
};

}  // namespace

Result<std::unique_ptr<Adapter>> make_letter_outbox_adapter(const AdapterSettings& settings) {
  return make_letter_outbox_adapter(settings, today_utc);
}

Result<std::unique_ptr<Adapter>> make_letter_outbox_adapter(const AdapterSettings& settings,
                                                            std::function<Date()> today) {
  static constexpr std::string_view kKnown[] = {"kind", "dir", "batch", "color", "duplex"};
  if (auto known = settings.only(kKnown); !known) return known.error();
  if (auto dir = settings.required("dir", "\"out/letters\""); !dir) return dir.error();
  auto batch = settings.boolean("batch", true);
  if (!batch) return batch.error();
  auto print = read_print_options(settings);
  if (!print) return print.error();
  return std::unique_ptr<Adapter>(
      new LetterOutbox(settings.path("dir", ""), *batch, *print, std::move(today)));
}

}  // namespace dun::adapters
