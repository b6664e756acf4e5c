// A rendered template, independent of its medium: the email builder turns it into MIME text, the
// letter builder into a PDF page flow. Plain values: they own their text and point into nothing,
// so they may be kept, copied and handed to another thread freely.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>
namespace dun {
struct ItemsTable {
  std::vector<std::string> headers;              // localised column titles
  std::vector<std::vector<std::string>> rows;    // formatted cells (ICU), one row per item
  std::vector<std::vector<std::string>> totals;  // formatted total rows (label first)
  std::vector<bool> numeric;                     // per column: right-aligned
};
struct Paragraph {
  std::string text;
};  // UTF-8, may contain '\n' line breaks
using Block = std::variant<Paragraph, ItemsTable>;
struct Party {
  std::string name;
  std::vector<std::string> address_lines;
  std::string email, phone;
};
struct RenderedDocument {
  std::string language;  // "fr"
  std::string locale;    // "fr_BE": the ICU locale of its figures and fixed words
  std::optional<std::string> subject;
  std::vector<Block> body;
};
struct LetterInfo {  // everything around the body of a letter
  Party sender;      // the company
  std::string sender_iban;
  std::string logo_path;       // empty: no logo (PNG, from dun.toml, checked readable)
  Party recipient;             // the customer (name + postal address)
  std::string place_and_date;  // localised, e.g. "Paris, le 22 novembre 2026"
  std::optional<std::string>
      registered_mention;  // e.g. "Lettre recommandée avec accusé de réception"
  std::vector<std::string> signature_lines;  // collector or company
  std::string reference;                     // e.g. "Customer no. C0042", printed small
  // The footer's page number: {page} and {pages} are replaced ("Page {page} of {pages}").
  std::string page_label = "{page} / {pages}";
};
}  // namespace dun
