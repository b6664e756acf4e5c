// What surrounds a letter's body: the letterhead, the address field behind the envelope window,
// place and date, the running head of later pages, the footer, the fold and punch marks.
#include <algorithm>
#include <optional>
#include <string>

#include "documents/document_labels.hpp"
#include "documents/letter_parts.hpp"

namespace dun::letter {
namespace {

constexpr double kHeadTop = points(12);  // letterhead and running head
constexpr double kFooterRule = kPageHeight - points(18);
constexpr double kLogoMaxWidth = points(55);
constexpr double kLogoMaxHeight = points(20);

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string text;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!text.empty()) text += separator;
    text += part;
  }
  return text;
}

void hairline(const LetterCanvas& canvas, double x0, double y0, double x1, double y1, double width,
              double level) {
  canvas.grey(level);
  cairo_set_line_width(canvas.cr, width);
  cairo_move_to(canvas.cr, x0, y0);
  cairo_line_to(canvas.cr, x1, y1);
  cairo_stroke(canvas.cr);
}

// Text placed once: a layout drawn at (x, y), right-aligned against x when `right`.
double put(LetterCanvas& canvas, std::string_view text, const Font& font, double x, double y,
           double level, bool right = false, double width = 0) {
  PangoLayout* layout = canvas.text.shared_layout(text, font, width);
  canvas.grey(level);
  canvas.text.draw(layout, right ? x - TextSetter::width(layout) : x, y);
  return TextSetter::height(layout);
}

void draw_logo(const LetterCanvas& canvas, cairo_surface_t* logo) {
  const double width = cairo_image_surface_get_width(logo);
  const double height = cairo_image_surface_get_height(logo);
  if (width <= 0 || height <= 0) return;
  const double scale = std::min(kLogoMaxWidth / width, kLogoMaxHeight / height);
  cairo_save(canvas.cr);
  cairo_translate(canvas.cr, canvas.left, kHeadTop);
  cairo_scale(canvas.cr, scale, scale);
  cairo_set_source_surface(canvas.cr, logo, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(canvas.cr), CAIRO_FILTER_GOOD);
  cairo_paint(canvas.cr);
  cairo_restore(canvas.cr);
}

// The company: its logo (or its name as a wordmark) on the left, its contact block on the right.
void draw_letterhead(LetterCanvas& canvas, const LetterInfo& info, cairo_surface_t* logo) {
  double y = kHeadTop;
  if (logo != nullptr) {
    draw_logo(canvas, logo);
    PangoLayout* name = canvas.text.shared_layout(info.sender.name, fonts::kCompanyName);
    canvas.colour(ink::kAccent);
    canvas.text.draw(name, canvas.right - TextSetter::width(name), y);
    y += TextSetter::height(name);
  } else {
    PangoLayout* name = canvas.text.shared_layout(info.sender.name, fonts::kWordmark);
    canvas.colour(ink::kAccent);
    canvas.text.draw(name, canvas.left, kHeadTop);
  }
  std::vector<std::string> contact = info.sender.address_lines;
  contact.push_back(info.sender.phone);
  contact.push_back(info.sender.email);
  for (const std::string& line : contact) {
    if (!line.empty()) y += put(canvas, line, fonts::kSmall, canvas.right, y, ink::kMuted, true);
  }
}

std::vector<std::string> recipient_lines(const LetterInfo& info) {
  std::vector<std::string> lines{info.recipient.name};
  lines.insert(lines.end(), info.recipient.address_lines.begin(),
               info.recipient.address_lines.end());
  return lines;
}

double address_inner_width(const LetterLayout& layout) {
  return points(layout.address_width_mm) - points(5);
}

// The window: the return address and the mention in its top zone, the recipient below.
void draw_address_field(LetterCanvas& canvas, const LetterInfo& info) {
  const LetterLayout& layout = canvas.layout;
  const double x = points(layout.address_left_mm) + points(5);  // the window's inner margin
  const double top = points(layout.address_top_mm);
  const double width = address_inner_width(layout);
  std::vector<std::string> sender{info.sender.name};
  sender.insert(sender.end(), info.sender.address_lines.begin(), info.sender.address_lines.end());
  const double zone_top = top + points(2);
  const double return_height =
      put(canvas, joined(sender, " · "), fonts::kTiny, x, zone_top, ink::kMuted, false, width);
  hairline(canvas, x, zone_top + return_height + 0.8, x + width, zone_top + return_height + 0.8,
           0.3, ink::kRule);
  if (info.registered_mention) {
    put(canvas, *info.registered_mention, fonts::kMention, x, zone_top + return_height + points(2),
        ink::kText, false, width);
  }
  double y = top + points(layout.mention_height_mm) + points(1);
  for (const std::string& line : recipient_lines(info)) {
    y += put(canvas, line, fonts::kRecipient, x, y, ink::kText, false, width);
  }
}

double address_bottom(const LetterLayout& layout) {
  return points(layout.address_top_mm + layout.address_height_mm);
}

void draw_place_and_reference(LetterCanvas& canvas, const LetterInfo& info) {
  const double y = address_bottom(canvas.layout) + points(6);
  put(canvas, info.place_and_date, fonts::kBody, canvas.right, y, ink::kText, true);
  if (!info.reference.empty())
    put(canvas, info.reference, fonts::kSmall, canvas.left, y + 1.5, ink::kMuted);
}

void draw_running_head(LetterCanvas& canvas, const LetterInfo& info) {
  put(canvas, joined({info.recipient.name, info.place_and_date}, " · "), fonts::kSmall, canvas.left,
      kHeadTop, ink::kMuted);
  put(canvas, info.sender.name, fonts::kSmall, canvas.right, kHeadTop, ink::kMuted, true);
  hairline(canvas, canvas.left, kHeadTop + points(5), canvas.right, kHeadTop + points(5), 0.4,
           ink::kRule);
}

void draw_footer(LetterCanvas& canvas, const LetterInfo& info, int page, int pages) {
  hairline(canvas, canvas.left, kFooterRule, canvas.right, kFooterRule, 0.4, ink::kRule);
  std::vector<std::string> legal{info.sender.name};
  legal.insert(legal.end(), info.sender.address_lines.begin(), info.sender.address_lines.end());
  if (!info.sender_iban.empty()) legal.push_back("IBAN " + info.sender_iban);
  const double number_width = points(28);
  put(canvas, joined(legal, " · "), fonts::kTiny, canvas.left, kFooterRule + points(2), ink::kMuted,
      false, canvas.text_width() - number_width);
  const std::string number = fill_label(
      info.page_label, {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}});
  put(canvas, number, fonts::kSmall, canvas.right, kFooterRule + points(2), ink::kMuted, true);
}

void draw_fold_marks(const LetterCanvas& canvas) {
  if (!canvas.layout.fold_marks) return;
  for (double fold : canvas.layout.fold_marks_mm) {
    hairline(canvas, points(4), points(fold), points(9), points(fold), 0.5, ink::kRule);
  }
  if (canvas.layout.punch_mark_mm) {
    const double y = points(*canvas.layout.punch_mark_mm);
    hairline(canvas, points(4), y, points(12), y, 0.5, ink::kRule);
  }
}

}  // namespace

FlowArea flow_area(const LetterLayout& layout) {
  return FlowArea{address_bottom(layout) + points(18), kHeadTop + points(11),
                  kFooterRule - points(6)};
}

std::optional<std::string> address_overflow(LetterCanvas& canvas, const LetterInfo& info) {
  const LetterLayout& layout = canvas.layout;
  const std::vector<std::string> lines = recipient_lines(info);
  double height = 0;
  for (const std::string& line : lines) {
    height += TextSetter::height(
        canvas.text.shared_layout(line, fonts::kRecipient, address_inner_width(layout)));
  }
  const double room = points(layout.address_height_mm - layout.mention_height_mm - 1);
  if (height <= room) return std::nullopt;
  const auto mm = [](double pt) { return std::to_string(static_cast<int>(pt * 25.4 / 72 + 0.5)); };
  const double line_height = height / static_cast<double>(lines.size());
  return "the recipient's address needs " + mm(height) + " mm but the envelope window leaves " +
         mm(room) + " mm, so the post could not read it: shorten the address (at most " +
         std::to_string(static_cast<int>(room / line_height)) +
         " lines) or enlarge address_height_mm in [letters]";
}

void draw_page_furniture(LetterCanvas& canvas, const LetterInfo& info, cairo_surface_t* logo,
                         int page, int pages) {
  if (page == 1) {
    draw_letterhead(canvas, info, logo);
    draw_address_field(canvas, info);
    draw_place_and_reference(canvas, info);
    draw_fold_marks(canvas);
  } else {
    draw_running_head(canvas, info);
  }
  draw_footer(canvas, info, page, pages);
}

}  // namespace dun::letter
