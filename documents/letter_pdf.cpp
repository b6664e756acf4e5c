#include "documents/letter_pdf.hpp"

#include <cairo-pdf.h>
#include <glib.h>

#include <memory>

#include "documents/letter_parts.hpp"

namespace dun {
namespace {

using letter::LetterCanvas;
using letter::TextSetter;

struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroy>;
struct ContextDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Pango replaces invalid UTF-8 with a warning on stderr; a letter must not go out garbled, so
// such text is refused up front, naming the field.
std::optional<Error> check_text(const RenderedDocument& document, const LetterInfo& info) {
  std::optional<Error> problem;
  const auto check = [&problem](std::string_view field, const std::string& text) {
    if (!problem && !g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr))
      problem = Error{std::string(field) + " is not valid UTF-8: fix the template or the data"};
  };
  const auto check_party = [&check](std::string_view who, const Party& party) {
    check(std::string(who) + " name", party.name);
    for (const std::string& line : party.address_lines) check(std::string(who) + " address", line);
    check(std::string(who) + " email", party.email);
    check(std::string(who) + " phone", party.phone);
  };
  check_party("the sender's", info.sender);
  check_party("the recipient's", info.recipient);
  check("the IBAN", info.sender_iban);
  check("the place and date", info.place_and_date);
  check("the reference", info.reference);
  if (info.registered_mention) check("the registered mention", *info.registered_mention);
  for (const std::string& line : info.signature_lines) check("the signature", line);
  if (document.subject) check("the subject", *document.subject);
  for (const Block& block : document.body) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      check("a paragraph", paragraph->text);
      continue;
    }
    const auto& table = std::get<ItemsTable>(block);
    const std::size_t columns = std::max(table.headers.size(), table.numeric.size());
    for (const std::string& header : table.headers) check("a table header", header);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      if (!problem && table.rows[r].size() > columns)
        problem = Error{"items table row " + std::to_string(r + 1) + " has " +
                        std::to_string(table.rows[r].size()) + " cells for " +
                        std::to_string(columns) + " columns: give every column a header"};
      for (const std::string& cell : table.rows[r]) check("a table cell", cell);
    }
    for (const auto& total : table.totals) {
      if (!problem && total.size() > columns)
        problem = Error{"an items table total has more cells than the table has columns"};
      for (const std::string& cell : total) check("a table total", cell);
    }
  }
  return problem;
}

// Draws one letter on its own PDF surface.
class LetterPrinter {
 public:
  LetterPrinter(const LetterLayout& layout, const std::string& title, std::string_view locale)
      : layout_(layout),
        surface_(cairo_pdf_surface_create_for_stream(append_to_string, &bytes_, letter::kPageWidth,
                                                     letter::kPageHeight)) {
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATE_DATE, kLetterPdfDate);
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_MOD_DATE, kLetterPdfDate);
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "dun");
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cr_.reset(cairo_create(surface_.get()));
    text_ = std::make_unique<TextSetter>(cr_.get(), locale);
  }

  std::optional<Error> print(const RenderedDocument& document, const LetterInfo& info) {
    if (auto problem = check_text(document, info)) return problem;
    auto logo = load_logo(info.logo_path);
    if (!logo.ok()) return logo.error();
    LetterCanvas canvas{cr_.get(),
                        *text_,
                        layout_,
                        letter::points(layout_.margin_left_mm),
                        letter::kPageWidth - letter::points(layout_.margin_right_mm),
                        {}};
    if (auto overflow = letter::address_overflow(canvas, info)) return Error{*overflow};
    const std::vector<letter::FlowBox> boxes = letter::body_boxes(canvas, document, info);
    const std::vector<letter::FlowPage> pages = letter::paginate(boxes, letter::flow_area(layout_));
    for (std::size_t p = 0; p < pages.size(); ++p) {
      letter::draw_page_furniture(canvas, info, *logo, static_cast<int>(p + 1),
                                  static_cast<int>(pages.size()));
      for (const letter::PlacedBox& placed : pages[p]) boxes[placed.box].draw(placed.top);
      cairo_show_page(cr_.get());
    }
    if (text_->unknown_glyphs() > 0) {
      // An empty box where a name should be is not a letter to post.
      return Error{"the letter holds " + std::to_string(text_->unknown_glyphs()) +
                   " character(s) no installed font can draw; for Chinese, Japanese or Korean "
                   "install the fonts-noto-cjk package"};
    }
    if (cairo_status(cr_.get()) != CAIRO_STATUS_SUCCESS)
      return Error{std::string("cannot draw the letter: ") +
                   cairo_status_to_string(cairo_status(cr_.get()))};
    return std::nullopt;
  }

  Result<std::string> finish() {
    text_.reset();
    cr_.reset();
    cairo_surface_finish(surface_.get());
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
      return Error{std::string("cannot write the letter PDF: ") +
                   cairo_status_to_string(cairo_surface_status(surface_.get()))};
    }
    return std::move(bytes_);
  }

 private:
  // One image for every page that shows the logo: the PDF then embeds it once.
  Result<cairo_surface_t*> load_logo(const std::string& path) {
    if (path.empty()) return static_cast<cairo_surface_t*>(nullptr);
    logo_.reset(cairo_image_surface_create_from_png(path.c_str()));
    if (cairo_surface_status(logo_.get()) != CAIRO_STATUS_SUCCESS) {
      const std::string reason = cairo_status_to_string(cairo_surface_status(logo_.get()));
      return Error{"logo '" + path + "' cannot be read as a PNG (" + reason +
                   "): check [company] logo in dun.toml"};
    }
    return logo_.get();
  }

  const LetterLayout& layout_;
  std::string bytes_;
  SurfacePtr surface_;
  std::unique_ptr<cairo_t, ContextDestroy> cr_;
  std::unique_ptr<TextSetter> text_;
  SurfacePtr logo_;
};

}  // namespace

Result<std::string> render_letter_pdf(const RenderedDocument& document, const LetterInfo& info,
                                      const LetterLayout& layout) {
  LetterPrinter printer(layout, document.subject.value_or(info.reference),
                        document.locale.empty() ? document.language : document.locale);
  if (auto problem = printer.print(document, info)) return *problem;
  return printer.finish();
}

}  // namespace dun
