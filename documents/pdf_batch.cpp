#include "documents/pdf_batch.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <memory>

namespace dun {
namespace {

// QPDF keeps pointers into the buffer, so the bytes must outlive the returned object.
std::unique_ptr<QPDF> open_pdf(const std::string& bytes, const std::string& name) {
  auto pdf = std::make_unique<QPDF>();
  pdf->setSuppressWarnings(true);
  pdf->processMemoryFile(name.c_str(), bytes.data(), bytes.size());
  return pdf;
}

// An empty page as large as `like`, owned by `out`.
QPDFPageObjectHelper blank_page(QPDF& out, QPDFPageObjectHelper like) {
  const QPDFObjectHandle::Rectangle box = like.getMediaBox().getArrayAsRectangle();
  QPDFObjectHandle page = QPDFObjectHandle::newDictionary();
  page.replaceKey("/Type", QPDFObjectHandle::newName("/Page"));
  page.replaceKey("/MediaBox", QPDFObjectHandle::newFromRectangle(box));
  page.replaceKey("/Resources", QPDFObjectHandle::newDictionary());
  page.replaceKey("/Contents", QPDFObjectHandle::newStream(&out, ""));
  return QPDFPageObjectHelper(out.makeIndirectObject(page));
}

}  // namespace

Result<int> pdf_page_count(const std::string& pdf) {
  try {
    auto document = open_pdf(pdf, "letter");
    return static_cast<int>(QPDFPageDocumentHelper(*document).getAllPages().size());
  } catch (const std::exception& error) {
    return Error{std::string("not a readable PDF: ") + error.what()};
  }
}

Result<std::string> merge_for_duplex(const std::vector<std::string>& letters,
                                     const std::vector<std::string>& names) {
  if (letters.empty()) return Error{"no letters to print"};
  QPDF out;
  out.emptyPDF();
  QPDFPageDocumentHelper out_pages(out);
  std::vector<std::unique_ptr<QPDF>> sources;  // alive until written: pages are copied lazily
  for (std::size_t i = 0; i < letters.size(); ++i) {
    const std::string& name = i < names.size() ? names[i] : "letter " + std::to_string(i + 1);
    try {
      sources.push_back(open_pdf(letters[i], name));
      std::vector<QPDFPageObjectHelper> pages =
          QPDFPageDocumentHelper(*sources.back()).getAllPages();
      if (pages.empty()) return Error{name + " has no page"};
      for (QPDFPageObjectHelper& page : pages) out_pages.addPage(page, false);
      if (pages.size() % 2 == 1) out_pages.addPage(blank_page(out, pages.back()), false);
    } catch (const std::exception& error) {
      return Error{name + " is not a readable PDF: " + error.what()};
    }
  }
  try {
    QPDFWriter writer(out);
    writer.setOutputMemory();
    writer.setDeterministicID(true);
    writer.write();
    std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
  } catch (const std::exception& error) {
    return Error{std::string("cannot write the batch PDF: ") + error.what()};
  }
}

}  // namespace dun
