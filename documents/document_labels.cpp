#include "documents/document_labels.hpp"

namespace dun {
namespace {

constexpr DocumentLabels kEnglish{{"Invoice", "Issued", "Due", "Amount", "Balance", "Days overdue"},
                                  "Total",
                                  "Total overdue",
                                  "Registered letter with acknowledgement of receipt",
                                  "Electronic registered letter",
                                  "{place}, {date}"};

constexpr DocumentLabels kFrench{
    {"Facture", "Émise le", "Échéance", "Montant", "Solde", "Jours de retard"},
    "Total",
    "Total échu",
    "Lettre recommandée avec accusé de réception",
    "Lettre recommandée électronique",
    "{place}, le {date}"};

constexpr DocumentLabels kGerman{
    {"Rechnung", "Datum", "Fällig", "Betrag", "Offen", "Tage überfällig"},
    "Summe",
    "Summe überfällig",
    "Einschreiben mit Rückschein",
    "Elektronisches Einschreiben",
    "{place}, {date}"};

constexpr DocumentLabels kPolish{
    {"Faktura", "Data wystawienia", "Termin płatności", "Kwota", "Do zapłaty", "Dni zwłoki"},
    "Razem",
    "Razem przeterminowane",
    "List polecony za potwierdzeniem odbioru",
    "Elektroniczny list polecony",
    "{place}, {date}"};

}  // namespace

const DocumentLabels& document_labels(std::string_view locale) {
  const std::string_view language = locale.substr(0, locale.find('_'));
  if (language == "fr") return kFrench;
  if (language == "de") return kGerman;
  if (language == "pl") return kPolish;
  return kEnglish;
}

}  // namespace dun
