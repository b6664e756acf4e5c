// A realistic letter for the letter tests, the example image (docs/letter-example.png) and the
// benchmark: a French formal notice sent by registered mail, listing `items` overdue invoices.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "documents/document.hpp"

namespace dun::test {

// "1 234,56 €" as ICU formats French amounts (narrow no-break space between thousands).
inline std::string french_euros(std::int64_t cents) {
  const std::string units = std::to_string(cents / 100);
  std::string grouped;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) grouped += "\u202f";
    grouped += units[i];
  }
  char decimals[8];
  std::snprintf(decimals, sizeof decimals, ",%02d", static_cast<int>(cents % 100));
  return grouped + decimals + "\u00a0€";
}

inline std::string french_date(int day, int month) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d/%02d/2026", day, month);
  return text;
}

inline void fill_overdue_invoices(ItemsTable& table, int items) {
  table.headers = {"Facture", "Date", "Échéance", "Retard (jours)", "Montant dû"};
  table.numeric = {false, false, false, true, true};
  std::int64_t total = 0;
  for (int i = 0; i < items; ++i) {
    const int month = 3 + i % 7;
    const int day = 1 + (i * 7) % 28;
    const std::int64_t cents = 18'000 + (i * 7'919 * 13) % 412'345;
    total += cents;
    table.rows.push_back({"F-2026-" + std::to_string(1040 + i * 3), french_date(day, month),
                          french_date(day, month + 1), std::to_string(30 + (9 - month) * 30 - day),
                          french_euros(cents)});
  }
  table.totals = {{"Total des factures échues", french_euros(total)},
                  {"Indemnité forfaitaire pour frais de recouvrement", french_euros(items * 4000)},
                  {"Total à régler", french_euros(total + items * 4000)}};
}

inline RenderedDocument formal_notice(int items) {
  RenderedDocument document;
  document.language = "fr";
  document.subject = "Mise en demeure de payer — factures échues";
  // Blocks built in place: GCC 12 -O2 warns (maybe-uninitialized, a false positive) when a
  // Block variant is moved.
  document.body.reserve(6);
  document.body.emplace_back(std::in_place_type<Paragraph>, Paragraph{"Madame, Monsieur,"});
  document.body.emplace_back(
      std::in_place_type<Paragraph>,
      Paragraph{"Malgré nos relances des 15 octobre et 5 novembre 2026, restées sans effet, nous "
                "constatons que les factures ci-dessous demeurent impayées à ce jour. Leur "
                "échéance est dépassée et nous n'avons reçu de votre part ni règlement ni "
                "contestation."});
  fill_overdue_invoices(
      std::get<ItemsTable>(document.body.emplace_back(std::in_place_type<ItemsTable>)), items);
  document.body.emplace_back(
      std::in_place_type<Paragraph>,
      Paragraph{"Par la présente, nous vous mettons en demeure de nous régler la somme totale "
                "indiquée ci-dessus dans un délai de huit jours à compter de la réception de ce "
                "courrier, par virement sur le compte dont l'IBAN figure en bas de page."});
  document.body.emplace_back(
      std::in_place_type<Paragraph>,
      Paragraph{"À défaut de paiement dans ce délai, nous engagerons sans autre avis une procédure "
                "de recouvrement judiciaire. Des intérêts de retard au taux de la BCE majoré de "
                "dix points sont dus depuis l'échéance de chaque facture (article L441-10 du Code "
                "de commerce)."});
  document.body.emplace_back(
      std::in_place_type<Paragraph>,
      Paragraph{"Si vous avez réglé ces factures entre-temps, nous vous prions de ne pas tenir "
                "compte de ce courrier.\nNous vous prions d'agréer, Madame, Monsieur, "
                "l'expression de nos salutations distinguées."});
  return document;
}

inline LetterInfo formal_notice_info() {
  LetterInfo info;
  info.sender = {"Our Company SAS",
                 {"12 rue de la Paix", "75002 Paris", "France"},
                 "ar@ourco.example",
                 "+33 1 23 45 67 89"};
  info.sender_iban = "FR76 3000 6000 0112 3456 7890 189";
  info.recipient = {"Boulangerie Martin SARL",
                    {"Service comptabilité", "8 avenue Jean Jaurès", "69007 Lyon", "France"},
                    "",
                    ""};
  info.place_and_date = "Paris, le 22 novembre 2026";
  info.registered_mention = "Lettre recommandée avec accusé de réception";
  info.signature_lines = {"Claire Dubois", "Responsable du recouvrement", "Our Company SAS"};
  info.reference = "Réf. client C-00042 · action 7f3a9c1e";
  return info;
}

}  // namespace dun::test
