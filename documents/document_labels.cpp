// Each table was written against the locale's business-letter conventions: the postal service's
// own name for a registered letter with acknowledgement of receipt (La Poste, Deutsche Post,
// Correos, Poste Italiane's raccomandata A/R, CTT, Correios' AR, …), the country's electronic
// equivalent where there is one (Italy's PEC, Turkey's KEP, Japan's 電子内容証明), and the
// customary date line: fr "Paris, le …", pl "… r." after the year, sv "Stockholm den …", ja and ko
// the date alone (their letters name no place beside it).
#include "documents/document_labels.hpp"

#include <algorithm>
#include <string>

namespace dun {
namespace {

constexpr std::array<DocumentLabels, 16> kLabels{{
    {"en",
     {"Invoice", "Issued", "Due", "Amount", "Balance", "Days overdue"},
     "Total",
     "Total overdue",
     "Registered letter with acknowledgement of receipt",
     "Electronic registered letter",
     "{place}, {date}",
     "Customer no. {reference}",
     "Page {page} of {pages}"},
    {"fr",
     {"Facture", "Émise le", "Échéance", "Montant", "Solde", "Jours de retard"},
     "Total",
     "Total échu",
     "Lettre recommandée avec accusé de réception",
     "Lettre recommandée électronique",
     "{place}, le {date}",
     "Réf. client : {reference}",
     "Page {page} sur {pages}"},
    {"de",
     {"Rechnung", "Datum", "Fällig", "Betrag", "Offen", "Tage überfällig"},
     "Summe",
     "Summe überfällig",
     "Einschreiben mit Rückschein",
     "Elektronisches Einschreiben",
     "{place}, {date}",
     "Kundennummer: {reference}",
     "Seite {page} von {pages}"},
    {"pl",
     {"Faktura", "Data wystawienia", "Termin płatności", "Kwota", "Do zapłaty", "Dni zwłoki"},
     "Razem",
     "Razem przeterminowane",
     "List polecony za potwierdzeniem odbioru",
     "Elektroniczny list polecony",
     "{place}, {date} r.",
     "Nr klienta: {reference}",
     "Strona {page} z {pages}"},
    {"es",
     {"Factura", "Emisión", "Vencimiento", "Importe", "Pendiente", "Días de retraso"},
     "Total",
     "Total vencido",
     "Carta certificada con acuse de recibo",
     "Carta certificada electrónica",
     "{place}, {date}",
     "N.º de cliente: {reference}",
     "Página {page} de {pages}"},
    {"it",
     {"Fattura", "Emessa il", "Scadenza", "Importo", "Residuo", "Giorni di ritardo"},
     "Totale",
     "Totale scaduto",
     "Raccomandata con ricevuta di ritorno",
     "Posta elettronica certificata (PEC)",
     "{place}, {date}",
     "Codice cliente: {reference}",
     "Pagina {page} di {pages}"},
    {"nl",
     {"Factuur", "Factuurdatum", "Vervaldatum", "Bedrag", "Openstaand", "Dagen te laat"},
     "Totaal",
     "Totaal vervallen",
     "Aangetekend met ontvangstbevestiging",
     "Elektronisch aangetekende zending",
     "{place}, {date}",
     "Klantnummer: {reference}",
     "Pagina {page} van {pages}"},
    {"pt",
     {"Fatura", "Emissão", "Vencimento", "Valor", "Em dívida", "Dias de atraso"},
     "Total",
     "Total vencido",
     "Carta registada com aviso de receção",
     "Carta registada eletrónica",
     "{place}, {date}",
     "N.º de cliente: {reference}",
     "Página {page} de {pages}"},
    {"pt_BR",
     {"Fatura", "Emissão", "Vencimento", "Valor", "Saldo devedor", "Dias de atraso"},
     "Total",
     "Total vencido",
     "Carta registrada com aviso de recebimento (AR)",
     "Carta registrada eletrônica",
     "{place}, {date}",
     "Código do cliente: {reference}",
     "Página {page} de {pages}"},
    {"ro",
     {"Factură", "Data emiterii", "Scadență", "Sumă", "Rest de plată", "Zile de întârziere"},
     "Total",
     "Total restant",
     "Scrisoare recomandată cu confirmare de primire",
     "Scrisoare recomandată electronică",
     "{place}, {date}",
     "Cod client: {reference}",
     "Pagina {page} din {pages}"},
    {"sv",
     {"Faktura", "Fakturadatum", "Förfallodag", "Belopp", "Kvar att betala", "Dagar försenad"},
     "Summa",
     "Summa förfallet",
     "Rekommenderat brev med mottagningsbevis",
     "Elektroniskt rekommenderat brev",
     "{place} den {date}",
     "Kundnummer: {reference}",
     "Sida {page} av {pages}"},
    {"tr",
     {"Fatura", "Düzenleme tarihi", "Vade tarihi", "Tutar", "Kalan", "Gecikme (gün)"},
     "Toplam",
     "Vadesi geçmiş toplam",
     "İadeli taahhütlü mektup",
     "Kayıtlı elektronik posta (KEP)",
     "{place}, {date}",
     "Müşteri no: {reference}",
     "Sayfa {page}/{pages}"},
    {"hr",
     {"Račun", "Datum izdavanja", "Dospijeće", "Iznos", "Preostalo", "Dana kašnjenja"},
     "Ukupno",
     "Ukupno dospjelo",
     "Preporučena pošiljka s povratnicom",
     "Elektronička preporučena pošiljka",
     "{place}, {date}",
     "Broj kupca: {reference}",
     "Stranica {page} od {pages}"},
    {"zh",
     {"发票号", "开票日期", "到期日", "金额", "未付余额", "逾期天数"},
     "合计",
     "逾期合计",
     "挂号信（附回执）",
     "电子挂号信",
     "{place}，{date}",
     "客户编号：{reference}",
     "第 {page} 页，共 {pages} 页"},
    {"ja",
     {"請求書番号", "発行日", "支払期日", "金額", "未払残高", "延滞日数"},
     "合計",
     "延滞合計",
     "配達証明付き書留郵便",
     "電子内容証明",
     "{date}",
     "お客様番号：{reference}",
     "{page} / {pages} ページ"},
    {"ko",
     {"청구서 번호", "발행일", "지급 기일", "금액", "미결제 잔액", "연체 일수"},
     "합계",
     "연체 합계",
     "배달증명 등기우편",
     "전자 등기우편",
     "{date}",
     "고객 번호: {reference}",
     "{page} / {pages} 페이지"},
}};

const DocumentLabels* find_table(std::string_view locale) {
  const auto found =
      std::find_if(kLabels.begin(), kLabels.end(),
                   [&](const DocumentLabels& labels) { return labels.locale == locale; });
  return found == kLabels.end() ? nullptr : &*found;
}

}  // namespace

const DocumentLabels& document_labels(std::string_view locale) {
  if (const DocumentLabels* own = find_table(locale)) return *own;
  if (const DocumentLabels* language = find_table(locale.substr(0, locale.find('_')))) {
    return *language;
  }
  return kLabels.front();
}

std::span<const DocumentLabels> all_document_labels() { return kLabels; }

std::string fill_label(
    std::string_view pattern,
    std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string text(pattern);
  for (const auto& [name, value] : values) {
    const std::string key = "{" + std::string(name) + "}";
    if (const std::size_t at = text.find(key); at != std::string::npos) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

}  // namespace dun
