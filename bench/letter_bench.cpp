// Letters into one batch PDF, the agenda's "print all selected letters": each letter rendered on
// its own (documents/letter_pdf.hpp), then all merged for duplex printing
// (documents/pdf_batch.hpp), as the letter outbox does. The target is at least 200 letters a
// second on one core. Each letter is the formal notice of tests/letter_sample.hpp with 6 overdue
// invoices: one page, registered. The recipient, reference and the demand paragraph (with the
// amount) differ from letter to letter, as they do in a real batch; the other template paragraphs
// are the same text.
#include <benchmark/benchmark.h>

#include "documents/letter_pdf.hpp"
#include "documents/pdf_batch.hpp"
#include "tests/letter_sample.hpp"

namespace {

std::vector<std::pair<dun::RenderedDocument, dun::LetterInfo>> letters(std::int64_t count,
                                                                       int items) {
  std::vector<std::pair<dun::RenderedDocument, dun::LetterInfo>> batch;
  for (std::int64_t i = 0; i < count; ++i) {
    dun::LetterInfo info = dun::test::formal_notice_info();
    info.recipient.name = "Client " + std::to_string(i);
    info.reference = "Réf. client C-" + std::to_string(10000 + i);
    dun::RenderedDocument document = dun::test::formal_notice(items);
    std::get<dun::Paragraph>(document.body[3]).text =
        "Par la présente, nous vous mettons en demeure de nous régler la somme de " +
        dun::test::french_euros(150'000 + i * 37) +
        " dans un délai de huit jours à compter de la réception de ce courrier, par virement sur "
        "le compte dont l'IBAN figure en bas de page.";
    batch.emplace_back(std::move(document), std::move(info));
  }
  return batch;
}

void run_batch(benchmark::State& state, int items) {
  const auto batch = letters(state.range(0), items);
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::vector<std::string> pdfs, names;
    for (const auto& [document, info] : batch) {
      auto pdf = dun::render_letter_pdf(document, info);
      if (!pdf) {
        state.SkipWithError(pdf.error().message.c_str());
        return;
      }
      pdfs.push_back(std::move(pdf).value());
      names.push_back(info.reference);
    }
    auto pdf = dun::merge_for_duplex(pdfs, names);
    if (!pdf) {
      state.SkipWithError(pdf.error().message.c_str());
      return;
    }
    bytes = pdf->size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));  // letters
  state.counters["pdf_MB"] = static_cast<double>(bytes) / 1e6;
}

// One-page letters: the common case.
void BM_LetterBatch(benchmark::State& state) { run_batch(state, 6); }
BENCHMARK(BM_LetterBatch)->Arg(100)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(1);

// Two-page letters with 40 items: the table paginates, the header repeats.
void BM_LetterBatchLong(benchmark::State& state) { run_batch(state, 40); }
BENCHMARK(BM_LetterBatchLong)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
