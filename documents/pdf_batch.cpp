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

// The pages of `pdfs` in order into one PDF; `pad_to_even` adds a blank page after a document
// with an odd page count (duplex batches).
Result<std::string> join_pdfs(const std::vector<std::string>& pdfs,
                              const std::vector<std::string>& names, bool pad_to_even) {
  if (pdfs.empty()) return Error{"no letters to print"};
  QPDF out;
  out.emptyPDF();
  QPDFPageDocumentHelper out_pages(out);
  std::vector<std::unique_ptr<QPDF>> sources;  // alive until written: pages are copied lazily
  for (std::size_t i = 0; i < pdfs.size(); ++i) {
    const std::string& name = i < names.size() ? names[i] : "letter " + std::to_string(i + 1);
    try {
      sources.push_back(open_pdf(pdfs[i], name));
      std::vector<QPDFPageObjectHelper> pages =
          QPDFPageDocumentHelper(*sources.back()).getAllPages();
      if (pages.empty()) return Error{name + " has no page"};
      for (QPDFPageObjectHelper& page : pages) out_pages.addPage(page, false);
      if (pad_to_even && pages.size() % 2 == 1) {
        out_pages.addPage(blank_page(out, pages.back()), false);
      }
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
    return Error{std::string("cannot write the PDF: ") + error.what()};
  }
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
  return join_pdfs(letters, names, true);
}

Result<std::string> concatenate_pdfs(const std::vector<std::string>& pdfs,
                                     const std::vector<std::string>& names) {
  return join_pdfs(pdfs, names, false);
}

Result<std::vector<PageSize>> pdf_page_sizes(const std::string& pdf) {
  try {
    auto document = open_pdf(pdf, "the PDF");
    std::vector<PageSize> sizes;
    for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(*document).getAllPages()) {
      const QPDFObjectHandle::Rectangle box = page.getMediaBox(true).getArrayAsRectangle();
      PageSize size{box.urx - box.llx, box.ury - box.lly};
      if (size.width < 0) size.width = -size.width;
      if (size.height < 0) size.height = -size.height;
      QPDFObjectHandle rotate = page.getAttribute("/Rotate", false);
      if (rotate.isInteger() && (rotate.getIntValue() / 90) % 2 != 0) {
        std::swap(size.width, size.height);
      }
      sizes.push_back(size);
    }
    return sizes;
  } catch (const std::exception& error) {
    return Error{std::string("not a readable PDF: ") + error.what()};
  }
}

}  // namespace dun
