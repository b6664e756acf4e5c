#include "engine/generate/generate_locale.hpp"

#include <array>
#include <span>

namespace dun::generate {
namespace {

// A word as printed and its ASCII spelling for email addresses ("Müller" -> "mueller").
struct Word {
  std::string_view text;
  std::string_view ascii;
};

struct Town {
  std::string_view name;
  std::string_view ascii;
  std::string_view region;  // US state; empty elsewhere
  std::string_view code;    // the fixed start of the postcode
};

struct CountryTables {
  std::span<const Word> first_names;
  std::span<const Word> surnames;
  std::span<const Word> trades;
  std::span<const std::string_view> legal_forms;
  std::span<const std::string_view> streets;
  std::span<const Town> towns;
  std::span<const std::string_view> public_bodies;  // "{town}" marks where the town goes
};

// --- United Kingdom ---
constexpr Word kGbFirst[] = {{"Oliver", "oliver"}, {"Amelia", "amelia"},   {"Harry", "harry"},
                             {"Isla", "isla"},     {"George", "george"},   {"Sophie", "sophie"},
                             {"Jack", "jack"},     {"Emily", "emily"},     {"Siobhán", "siobhan"},
                             {"Rhys", "rhys"},     {"Eleanor", "eleanor"}, {"Callum", "callum"}};
constexpr Word kGbLast[] = {
    {"Smith", "smith"},      {"Jones", "jones"},       {"Taylor", "taylor"},
    {"Brown", "brown"},      {"Williams", "williams"}, {"Wilson", "wilson"},
    {"O'Connor", "oconnor"}, {"Davies", "davies"},     {"Evans", "evans"},
    {"Thomas", "thomas"},    {"Hughes", "hughes"},     {"MacLeod", "macleod"}};
constexpr Word kGbTrades[] = {{"Engineering", "engineering"},
                              {"Logistics", "logistics"},
                              {"Builders", "builders"},
                              {"Foods", "foods"},
                              {"Textiles", "textiles"},
                              {"Consulting", "consulting"},
                              {"Print", "print"},
                              {"Motors", "motors"}};
constexpr std::string_view kGbForms[] = {"Ltd", "Ltd", "Ltd", "PLC", "& Sons Ltd", "LLP"};
constexpr std::string_view kGbStreets[] = {"High Street",   "Station Road", "Church Lane",
                                           "Victoria Road", "Park Avenue",  "Mill Lane",
                                           "King's Road",   "Queen Street"};
constexpr Town kGbTowns[] = {
    {"London", "london", "", "EC1A"},       {"Manchester", "manchester", "", "M1"},
    {"Leeds", "leeds", "", "LS1"},          {"Bristol", "bristol", "", "BS1"},
    {"Birmingham", "birmingham", "", "B2"}, {"Edinburgh", "edinburgh", "", "EH1"},
    {"Cardiff", "cardiff", "", "CF10"},     {"Norwich", "norwich", "", "NR2"}};
constexpr std::string_view kGbPublic[] = {"{town} City Council", "NHS {town} Hospitals Trust",
                                          "University of {town}"};

// --- United States ---
constexpr Word kUsFirst[] = {{"James", "james"},       {"Mary", "mary"},   {"Michael", "michael"},
                             {"Jennifer", "jennifer"}, {"David", "david"}, {"Linda", "linda"},
                             {"José", "jose"},         {"María", "maria"}, {"Robert", "robert"},
                             {"Susan", "susan"},       {"Kevin", "kevin"}, {"Chloe", "chloe"}};
constexpr Word kUsLast[] = {
    {"Johnson", "johnson"},     {"Miller", "miller"},     {"Garcia", "garcia"},
    {"Rodriguez", "rodriguez"}, {"Martinez", "martinez"}, {"Anderson", "anderson"},
    {"Jackson", "jackson"},     {"White", "white"},       {"Harris", "harris"},
    {"Clark", "clark"},         {"Lewis", "lewis"},       {"Walker", "walker"}};
constexpr Word kUsTrades[] = {{"Industries", "industries"}, {"Supply", "supply"},
                              {"Freight", "freight"},       {"Software", "software"},
                              {"Medical", "medical"},       {"Construction", "construction"},
                              {"Packaging", "packaging"},   {"Energy", "energy"}};
// A comma inside the name ("Walker Supply, Inc.") is what US companies write and what makes the
// CSV writer quote.
constexpr std::string_view kUsForms[] = {", Inc.", ", Inc.", " LLC", " Corp.", ", Co."};
constexpr std::string_view kUsStreets[] = {"Main Street", "Oak Avenue",      "Maple Drive",
                                           "Elm Street",  "Washington Blvd", "Lake Road",
                                           "Pine Street", "2nd Avenue"};
constexpr Town kUsTowns[] = {
    {"Springfield", "springfield", "IL", "627"}, {"Austin", "austin", "TX", "787"},
    {"Portland", "portland", "OR", "972"},       {"Columbus", "columbus", "OH", "432"},
    {"Denver", "denver", "CO", "802"},           {"Boston", "boston", "MA", "021"},
    {"Raleigh", "raleigh", "NC", "276"},         {"Tucson", "tucson", "AZ", "857"}};
constexpr std::string_view kUsPublic[] = {"City of {town}", "{town} Public Schools",
                                          "{town} Water Department"};

// --- France ---
constexpr Word kFrFirst[] = {{"Camille", "camille"},   {"Léa", "lea"},       {"Hélène", "helene"},
                             {"François", "francois"}, {"Jérôme", "jerome"}, {"Chloé", "chloe"},
                             {"Mathis", "mathis"},     {"Zoé", "zoe"},       {"Benoît", "benoit"},
                             {"Inès", "ines"},         {"Gaël", "gael"},     {"Julien", "julien"}};
constexpr Word kFrLast[] = {
    {"Martin", "martin"},       {"Lefèvre", "lefevre"},   {"Dubois", "dubois"},
    {"Moreau", "moreau"},       {"Girard", "girard"},     {"Fournier", "fournier"},
    {"Bézier", "bezier"},       {"Rousseau", "rousseau"}, {"Lemaître", "lemaitre"},
    {"Chevalier", "chevalier"}, {"Mercier", "mercier"},   {"Faure", "faure"}};
constexpr Word kFrTrades[] = {{"Transports", "transports"},   {"Boulangerie", "boulangerie"},
                              {"Électricité", "electricite"}, {"Menuiserie", "menuiserie"},
                              {"Imprimerie", "imprimerie"},   {"Conseil", "conseil"},
                              {"Bâtiment", "batiment"},       {"Négoce", "negoce"}};
constexpr std::string_view kFrForms[] = {"SAS", "SAS", "SARL", "SA", "& Fils SARL", "EURL"};
constexpr std::string_view kFrStreets[] = {
    "rue de la République", "avenue Jean Jaurès", "boulevard Victor Hugo", "rue des Écoles",
    "place du Marché",      "rue Pasteur",        "chemin des Prés",       "allée des Tilleuls"};
constexpr Town kFrTowns[] = {
    {"Paris", "paris", "", "750"},         {"Lyon", "lyon", "", "690"},
    {"Marseille", "marseille", "", "130"}, {"Toulouse", "toulouse", "", "310"},
    {"Nantes", "nantes", "", "440"},       {"Orléans", "orleans", "", "450"},
    {"Besançon", "besancon", "", "250"},   {"Lille", "lille", "", "590"}};
constexpr std::string_view kFrPublic[] = {"Mairie de {town}", "Centre hospitalier de {town}",
                                          "Lycée Jules Ferry, {town}"};

// --- Germany ---
constexpr Word kDeFirst[] = {
    {"Jürgen", "juergen"}, {"Sören", "soeren"},  {"Anna", "anna"},
    {"Lukas", "lukas"},    {"Jörg", "joerg"},    {"Käthe", "kaethe"},
    {"Felix", "felix"},    {"Hannah", "hannah"}, {"Maximilian", "maximilian"},
    {"Lena", "lena"},      {"Björn", "bjoern"},  {"Sophie", "sophie"}};
constexpr Word kDeLast[] = {
    {"Müller", "mueller"},    {"Schäfer", "schaefer"}, {"Schmidt", "schmidt"},
    {"Weiß", "weiss"},        {"Becker", "becker"},    {"Köhler", "koehler"},
    {"Hoffmann", "hoffmann"}, {"Krüger", "krueger"},   {"Wagner", "wagner"},
    {"Groß", "gross"},        {"Fischer", "fischer"},  {"Schröder", "schroeder"}};
constexpr Word kDeTrades[] = {
    {"Logistik", "logistik"},         {"Bäckerei", "baeckerei"},
    {"Maschinenbau", "maschinenbau"}, {"Elektrotechnik", "elektrotechnik"},
    {"Druckerei", "druckerei"},       {"Bau", "bau"},
    {"Getränke", "getraenke"},        {"Metallwaren", "metallwaren"}};
constexpr std::string_view kDeForms[] = {"GmbH", "GmbH", "GmbH & Co. KG", "AG", "KG", "e.K."};
constexpr std::string_view kDeStreets[] = {"Hauptstraße", "Bahnhofstraße", "Schulstraße",
                                           "Gartenweg",   "Lindenallee",   "Marktplatz",
                                           "Königsweg",   "Mühlenstraße"};
constexpr Town kDeTowns[] = {{"Berlin", "berlin", "", "10"},
                             {"München", "muenchen", "", "80"},
                             {"Köln", "koeln", "", "50"},
                             {"Hamburg", "hamburg", "", "20"},
                             {"Düsseldorf", "duesseldorf", "", "40"},
                             {"Leipzig", "leipzig", "", "04"},
                             {"Nürnberg", "nuernberg", "", "90"},
                             {"Bremen", "bremen", "", "28"}};
constexpr std::string_view kDePublic[] = {"Stadtwerke {town}", "Stadt {town}",
                                          "Universitätsklinikum {town}"};

// --- Poland ---
constexpr Word kPlFirst[] = {{"Łukasz", "lukasz"},     {"Małgorzata", "malgorzata"},
                             {"Paweł", "pawel"},       {"Agnieszka", "agnieszka"},
                             {"Michał", "michal"},     {"Katarzyna", "katarzyna"},
                             {"Grzegorz", "grzegorz"}, {"Zofia", "zofia"},
                             {"Wojciech", "wojciech"}, {"Ewa", "ewa"},
                             {"Jędrzej", "jedrzej"},   {"Joanna", "joanna"}};
constexpr Word kPlLast[] = {
    {"Wójcik", "wojcik"},         {"Kowalski", "kowalski"},   {"Nowak", "nowak"},
    {"Wiśniewski", "wisniewski"}, {"Kamiński", "kaminski"},   {"Lewandowski", "lewandowski"},
    {"Zieliński", "zielinski"},   {"Szymański", "szymanski"}, {"Dąbrowski", "dabrowski"},
    {"Kozłowski", "kozlowski"},   {"Mazur", "mazur"},         {"Krawczyk", "krawczyk"}};
constexpr Word kPlTrades[] = {{"Przedsiębiorstwo Handlowe", "ph"}, {"Zakład Usługowy", "zu"},
                              {"Hurtownia", "hurtownia"},          {"Transport", "transport"},
                              {"Drukarnia", "drukarnia"},          {"Piekarnia", "piekarnia"},
                              {"Budownictwo", "budownictwo"},      {"Elektronika", "elektronika"}};
constexpr std::string_view kPlForms[] = {"Sp. z o.o.", "Sp. z o.o.", "S.A.", "Sp. j.", "Sp. k."};
constexpr std::string_view kPlStreets[] = {
    "ul. Marszałkowska", "ul. Długa",    "ul. Piłsudskiego",  "ul. Kościuszki",
    "al. Jerozolimskie", "ul. Ogrodowa", "ul. Świętokrzyska", "ul. Łąkowa"};
constexpr Town kPlTowns[] = {{"Warszawa", "warszawa", "", "00"}, {"Kraków", "krakow", "", "30"},
                             {"Łódź", "lodz", "", "90"},         {"Wrocław", "wroclaw", "", "50"},
                             {"Poznań", "poznan", "", "60"},     {"Gdańsk", "gdansk", "", "80"},
                             {"Szczecin", "szczecin", "", "70"}, {"Lublin", "lublin", "", "20"}};
constexpr std::string_view kPlPublic[] = {"Gmina Miejska {town}", "Zarząd Dróg Miejskich, {town}",
                                          "Szpital Wojewódzki, {town}"};

const CountryTables& tables(Country country) {
  static const std::array<CountryTables, 5> kTables = {{
      {kGbFirst, kGbLast, kGbTrades, kGbForms, kGbStreets, kGbTowns, kGbPublic},
      {kUsFirst, kUsLast, kUsTrades, kUsForms, kUsStreets, kUsTowns, kUsPublic},
      {kFrFirst, kFrLast, kFrTrades, kFrForms, kFrStreets, kFrTowns, kFrPublic},
      {kDeFirst, kDeLast, kDeTrades, kDeForms, kDeStreets, kDeTowns, kDePublic},
      {kPlFirst, kPlLast, kPlTrades, kPlForms, kPlStreets, kPlTowns, kPlPublic},
  }};
  return kTables[static_cast<std::size_t>(country)];
}

void append_digits(std::string& out, Rng& rng, int count) {
  for (int i = 0; i < count; ++i) out += static_cast<char>('0' + rng.below(10));
}

std::string with_town(std::string_view pattern, std::string_view town) {
  std::string out(pattern);
  const std::size_t at = out.find("{town}");
  out.replace(at, 6, town);
  return out;
}

}  // namespace

const CountryInfo& country_info(Country country) {
  static const std::array<CountryInfo, 5> kInfo = {{
      {"GB", "en", "United Kingdom"},
      {"US", "en", "United States"},
      {"FR", "fr", "France"},
      {"DE", "de", "Deutschland"},
      {"PL", "pl", "Polska"},
  }};
  return kInfo[static_cast<std::size_t>(country)];
}

Person draw_person(Country country, Rng& rng) {
  const CountryTables& t = tables(country);
  const Word& first = rng.pick(t.first_names);
  const Word& last = rng.pick(t.surnames);
  Person person;
  person.name.append(first.text).append(" ").append(last.text);
  person.email_user.append(first.ascii).append(".").append(last.ascii);
  return person;
}

Company draw_company(Country country, bool public_body, Rng& rng) {
  const CountryTables& t = tables(country);
  Company company;
  if (public_body) {
    const Town& town = rng.pick(t.towns);
    company.name = with_town(rng.pick(t.public_bodies), town.name);
    company.slug.append(town.ascii).append("-gov");
    return company;
  }
  const Word& family = rng.pick(t.surnames);
  const Word& trade = rng.pick(t.trades);
  const std::string_view form = rng.pick(t.legal_forms);
  switch (country) {
    case Country::fr:
      company.name.append(trade.text).append(" ").append(family.text).append(" ").append(form);
      break;
    case Country::pl:
      // Polish firms often quote the family name: Hurtownia "Wójcik" Sp. z o.o.
      company.name.append(trade.text).append(" \"").append(family.text).append("\" ").append(form);
      break;
    case Country::us:
      company.name.append(family.text).append(" ").append(trade.text).append(form);
      break;
    case Country::gb:
    case Country::de:
      company.name.append(family.text).append(" ").append(trade.text).append(" ").append(form);
      break;
  }
  company.slug.append(family.ascii).append("-").append(trade.ascii);
  return company;
}

std::string draw_address(Country country, Rng& rng) {
  const CountryTables& t = tables(country);
  const std::string_view street = rng.pick(t.streets);
  const Town& town = rng.pick(t.towns);
  const std::string number = std::to_string(rng.between(1, 180));
  std::string out;
  switch (country) {
    case Country::gb: {
      constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";
      out.append(number).append(" ").append(street).append("\n").append(town.name).append("\n");
      out.append(town.code).append(" ");
      append_digits(out, rng, 1);
      out += kInwardLetters[rng.below(kInwardLetters.size())];
      out += kInwardLetters[rng.below(kInwardLetters.size())];
      break;
    }
    case Country::us:
      out.append(number).append(" ").append(street);
      if (rng.chance(400)) out.append(", Suite ").append(std::to_string(rng.between(100, 950)));
      out.append("\n")
          .append(town.name)
          .append(", ")
          .append(town.region)
          .append(" ")
          .append(town.code);
      append_digits(out, rng, 2);
      break;
    case Country::fr:
      out.append(number).append(" ").append(street).append("\n").append(town.code);
      append_digits(out, rng, 2);
      out.append(" ").append(town.name);
      break;
    case Country::de:
      out.append(street).append(" ").append(number).append("\n").append(town.code);
      append_digits(out, rng, 3);
      out.append(" ").append(town.name);
      break;
    case Country::pl:
      out.append(street).append(" ").append(number).append("\n").append(town.code).append("-");
      append_digits(out, rng, 3);
      out.append(" ").append(town.name);
      break;
  }
  out.append("\n").append(country_info(country).name);
  return out;
}

std::string draw_phone(Country country, Rng& rng) {
  std::string out;
  switch (country) {
    case Country::gb:  // Ofcom's range reserved for drama: never a real line
      out = "+44 20 7946 0";
      append_digits(out, rng, 3);
      break;
    case Country::us:  // 555-01xx is reserved for fiction
      out = "+1 202 555 01";
      append_digits(out, rng, 2);
      break;
    case Country::fr:
      out = "+33 1 ";
      for (int pair = 0; pair < 4; ++pair) {
        append_digits(out, rng, 2);
        if (pair < 3) out += ' ';
      }
      break;
    case Country::de:
      out = "+49 30 ";
      append_digits(out, rng, 7);
      break;
    case Country::pl:
      out = "+48 22 ";
      append_digits(out, rng, 3);
      out += ' ';
      append_digits(out, rng, 2);
      out += ' ';
      append_digits(out, rng, 2);
      break;
  }
  return out;
}

}  // namespace dun::generate
