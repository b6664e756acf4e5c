#include "engine/generate/generate_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <array>
#include <memory>

namespace dun::generate {
namespace {

constexpr double kPageWidth = 595.0;  // A4 in points
constexpr double kPageHeight = 842.0;
constexpr double kMargin = 56.0;

struct Labels {
  std::string_view language;
  std::string_view invoice;
  std::string_view credit_note;
  std::string_view number;
  std::string_view issued;
  std::string_view due;
  std::string_view bill_to;
  std::string_view line_item;
  std::string_view total;
  std::string_view pay_by;
};

constexpr std::array<Labels, 4> kLabels = {{
    {"en", "INVOICE", "CREDIT NOTE", "Number", "Issue date", "Due date", "Bill to",
     "Services rendered", "Total due",
     "Please pay by the due date to IBAN FR76 3000 6000 0112 3456 7890 189."},
    {"fr", "FACTURE", "AVOIR", "Numéro", "Date d'émission", "Échéance", "Facturé à",
     "Prestations de services", "Total dû",
     "Merci de régler avant l'échéance sur l'IBAN FR76 3000 6000 0112 3456 7890 189."},
    {"de", "RECHNUNG", "GUTSCHRIFT", "Nummer", "Rechnungsdatum", "Fällig am", "Rechnungsempfänger",
     "Erbrachte Leistungen", "Gesamtbetrag",
     "Bitte zahlen Sie bis zum Fälligkeitsdatum auf IBAN FR76 3000 6000 0112 3456 7890 189."},
    {"pl", "FAKTURA", "FAKTURA KORYGUJĄCA", "Numer", "Data wystawienia", "Termin płatności",
     "Nabywca", "Usługi", "Do zapłaty",
     "Prosimy o zapłatę w terminie na IBAN FR76 3000 6000 0112 3456 7890 189."},
}};

const Labels& labels_for(std::string_view language) {
  for (const Labels& labels : kLabels) {
    if (labels.language == language) return labels;
  }
  return kLabels[0];
}

// Cairo's toy text API wants NUL-terminated strings.
void show(cairo_t* cr, double x, double y, std::string_view text) {
  const std::string terminated(text);
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, terminated.c_str());
}

void show_right_aligned(cairo_t* cr, double right, double y, std::string_view text) {
  const std::string terminated(text);
  cairo_text_extents_t extents;
  cairo_text_extents(cr, terminated.c_str(), &extents);
  show(cr, right - extents.x_advance, y, text);
}

void use_font(cairo_t* cr, double size, bool bold) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

// Prints the '\n'-separated lines of `text` downwards from y; returns the y after the last line.
double show_lines(cairo_t* cr, double x, double y, std::string_view text, double leading) {
  while (true) {
    const std::size_t end = text.find('\n');
    show(cr, x, y, text.substr(0, end));
    y += leading;
    if (end == std::string_view::npos) return y;
    text.remove_prefix(end + 1);
  }
}

// A thin line across the page's text width.
void draw_rule(cairo_t* cr, double y) {
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, kMargin, y);
  cairo_line_to(cr, kPageWidth - kMargin, y);
  cairo_stroke(cr);
}

// A label on the left margin and its amount against the right one.
void show_table_row(cairo_t* cr, double y, std::string_view label, std::string_view amount) {
  show(cr, kMargin, y, label);
  show_right_aligned(cr, kPageWidth - kMargin, y, amount);
}

void draw_page(cairo_t* cr, const InvoiceDocument& document) {
  const Labels& labels = labels_for(document.language);
  const double right = kPageWidth - kMargin;
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);

  use_font(cr, 11, true);
  double y = show_lines(cr, kMargin, 70, "Our Company SAS", 14);
  use_font(cr, 9, false);
  show_lines(cr, kMargin, y, "12 rue de la Paix\n75002 Paris\nFrance\nar@ourco.example", 12);

  use_font(cr, 22, true);
  show_right_aligned(cr, right, 80, document.credit_note ? labels.credit_note : labels.invoice);
  use_font(cr, 10, false);
  const std::string issue = document.issue_date.to_string();
  const std::string due = document.due_date.to_string();
  show_right_aligned(cr, right, 110,
                     std::string(labels.number) + ": " + std::string(document.number));
  show_right_aligned(cr, right, 125, std::string(labels.issued) + ": " + issue);
  show_right_aligned(cr, right, 140, std::string(labels.due) + ": " + due);

  use_font(cr, 9, true);
  show(cr, kMargin, 200, labels.bill_to);
  use_font(cr, 11, false);
  y = show_lines(cr, kMargin, 216, document.customer_name, 15);
  show_lines(cr, kMargin, y, document.customer_address, 15);

  const std::string amount = std::string(document.amount) + " " + std::string(document.currency);
  draw_rule(cr, 340);
  use_font(cr, 10, false);
  show_table_row(cr, 360, labels.line_item, amount);
  draw_rule(cr, 372);
  use_font(cr, 12, true);
  show_table_row(cr, 396, labels.total, amount);

  use_font(cr, 8, false);
  show(cr, kMargin, kPageHeight - 60, labels.pay_by);
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

}  // namespace

Result<std::string> render_invoice_pdf(const InvoiceDocument& document) {
  std::string bytes;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &bytes, kPageWidth, kPageHeight));
  // Without an explicit date cairo stamps the clock, and two runs would differ.
  const std::string created = document.issue_date.to_string() + "T00:00:00Z";
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "dun gen");
  const std::string title = std::string(document.number);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  {
    std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
    draw_page(cr.get(), document);
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      return Error{std::string("cannot draw the invoice PDF: ") +
                   cairo_status_to_string(cairo_status(cr.get()))};
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error{std::string("cannot write the invoice PDF: ") +
                 cairo_status_to_string(cairo_surface_status(surface.get()))};
  }
  return bytes;
}

void release_pdf_font_caches() {
  cairo_debug_reset_static_data();
  FcFini();
}

}  // namespace dun::generate
