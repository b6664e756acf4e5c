// The letter outbox: DIR/ACTION_ID.pdf and a manifest.csv row per letter, and the batch PDF of
// each delivery pass, every letter in exactly one batch (batches.csv,
// adapters/outbox/batch_index.hpp).
#include <chrono>

#include "adapters/atomic_file.hpp"
#include "adapters/outbox/batch_index.hpp"
#include "adapters/outbox/manifest_csv.hpp"
#include "adapters/outbox/outbox_adapters.hpp"
#include "adapters/outbox/outbox_file.hpp"
#include "adapters/print_options.hpp"
#include "documents/pdf_batch.hpp"
#include "engine/base/fault_hook.hpp"
#include "stdlib/status.hpp"

namespace dun::adapters {
namespace {

// The batch name batches.csv gives the letters delivered before it existed.
constexpr std::string_view kBatchedBeforeIndex = "(batched before batches.csv)";

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
  // A retry writes the same file under the same name again.
  bool deduplicates_retries() const override { return true; }

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
    // A retried letter is in no batch yet unless batches.csv says so (finish_pass checks).
    pass_.push_back(Letter{path->filename().string(), document.bytes});
    return report;
  }

  // Finishes what a killed pass left: its temporary files, the batches batches.csv names but
  // that were not written, and the letters of the manifest in no batch (a pass killed before
  // finish_pass) in a batch of their own.
  Status start_pass() override {
    if (auto removed = remove_abandoned_temporaries(dir_); !removed) return removed.error();
    if (!batch_) return Status::Ok();
    auto index = read_batch_index(index_path());
    if (!index) return index.error();
    if (!index->exists) return start_index();
    for (const auto& [batch, letters] : index->letters) {
      std::error_code error;
      if (batch == kBatchedBeforeIndex || std::filesystem::exists(dir_ / batch, error)) continue;
      std::vector<Letter> from_disk;
      for (const std::string& file : letters) {
        auto pdf = read_file_if_present(dir_ / file);
        if (!pdf) return pdf.error();
        if (pdf.value()) from_disk.push_back(Letter{file, std::move(*pdf.value())});
      }
      if (auto written = write_batch(dir_ / batch, from_disk); !written) return written.error();
    }
    auto ids = manifest_ids();
    if (!ids) return ids.error();
    std::vector<Letter> unbatched;
    for (const std::string& id : *ids) {
      const std::string file = id + ".pdf";
      if (index->batched.count(file) != 0) continue;
      auto pdf = read_file_if_present(dir_ / file);
      if (!pdf) return pdf.error();
      if (pdf.value()) unbatched.push_back(Letter{file, std::move(*pdf.value())});
    }
    return batch_letters(unbatched, index.value().batched);
  }

  Status finish_pass() override {
    if (!batch_ || pass_.empty()) return Status::Ok();
    auto index = read_batch_index(index_path());
    if (!index) return index.error();
    const Status batched = batch_letters(pass_, index.value().batched);
    pass_.clear();
    return batched;
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

  std::filesystem::path index_path() const { return dir_ / "batches.csv"; }

  // The action ids of manifest.csv, its header left out.
  Result<std::vector<std::string>> manifest_ids() const {
    auto manifest = read_file_if_present(dir_ / "manifest.csv");
    if (!manifest) return manifest.error();
    if (!*manifest) return std::vector<std::string>{};
    auto ids = first_fields(**manifest);
    if (!ids) return Error{(dir_ / "manifest.csv").string() + ": " + ids.error().message};
    if (!ids->empty()) ids.value().erase(ids.value().begin());
    return ids;
  }

  // A new folder gets its index before its first letter (so that letters a killed first pass
  // leaves are known to be in no batch). A folder from before batches.csv: its letters were
  // batched the old way (by the pass that delivered them); the index starts with them, so none is
  // printed twice.
  Status start_index() {
    std::error_code error;
    std::filesystem::create_directories(dir_, error);
    if (error) {
      return Error{"cannot create the folder " + dir_.string() + ": " + error.message()};
    }
    auto ids = manifest_ids();
    if (!ids) return ids.error();
    std::vector<std::string> files;
    for (const std::string& id : *ids) files.push_back(id + ".pdf");
    return add_batch_rows(index_path(), std::string(kBatchedBeforeIndex), files);
  }

  // `letters` not in `batched` into a new batch: its rows in batches.csv first, then the PDF.
  Status batch_letters(const std::vector<Letter>& letters, std::set<std::string>& batched) {
    std::vector<Letter> fresh;
    std::vector<std::string> files;
    for (const Letter& letter : letters) {
      if (!batched.insert(letter.file).second) continue;
      fresh.push_back(letter);
      files.push_back(letter.file);
    }
    if (fresh.empty()) return Status::Ok();
    const std::filesystem::path path = batch_path(today_());
    if (auto indexed = add_batch_rows(index_path(), path.filename().string(), files); !indexed) {
      return indexed.error();
    }
    fault_point("letters:before-batch");
    return write_batch(path, fresh);
  }

  static Status write_batch(const std::filesystem::path& path, const std::vector<Letter>& letters) {
    if (letters.empty()) return Status::Ok();
    std::vector<std::string> pdfs, names;
    for (const Letter& letter : letters) {
      pdfs.push_back(letter.pdf);
      names.push_back(letter.file);
    }
    auto merged = merge_for_duplex(pdfs, names);
    if (!merged) return merged.error();
    return write_file_atomically(path, *merged);
  }

  // DIR/batch-YYYY-MM-DD.pdf, or -2, -3, … for the day's later passes: a batch is never replaced.
  std::filesystem::path batch_path(Date day) const {
    const std::string stem = "batch-" + day.to_string();
    std::filesystem::path path = dir_ / (stem + ".pdf");
    std::error_code error;
    // A name batches.csv holds is taken even while its PDF is missing (start_pass rebuilds it).
    auto index = read_batch_index(index_path());
    const auto taken = [&](const std::filesystem::path& candidate) {
      return std::filesystem::exists(candidate, error) ||
             (index && index->letters.count(candidate.filename().string()) != 0);
    };
    for (int n = 2; taken(path); ++n) {
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
