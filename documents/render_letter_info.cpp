// DocumentRenderer::letter_info: what surrounds a letter's body (documents/document.hpp
// LetterInfo).
#include <cctype>
#include <string>
#include <vector>

#include "documents/document_labels.hpp"
#include "documents/render_template.hpp"

namespace dun {
namespace {

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (!line.empty()) lines.emplace_back(line);
    begin = end + 1;
  }
  return lines;
}

// The town of the company's address: the line before the country ("75002 Paris" of
// "12 rue de la Paix\n75002 Paris\nFrance"), without its postcode; the only line when there is
// one. Empty when the config gives no address.
std::string place_of(const std::vector<std::string>& address) {
  if (address.empty()) return {};
  std::string line = address.size() >= 3 ? address[address.size() - 2] : address.back();
  const std::size_t space = line.find(' ');
  if (space != std::string::npos && std::isdigit(static_cast<unsigned char>(line[0]))) {
    line = line.substr(space + 1);
  }
  return line;
}

}  // namespace

Result<LetterInfo> DocumentRenderer::letter_info(const RenderRequest& request,
                                                 const std::string& letter_type) {
  auto format = formatter(request);
  if (!format) return format.error();
  const DocumentLabels& labels = document_labels((*format)->locale());
  const CompanyConfig& company = config_.company;
  const Portfolio& portfolio = *request.portfolio;
  const Customers& customers = portfolio.customers;
  LetterInfo info;
  info.sender = {company.name, lines_of(company.address), company.email, company.phone};
  info.sender_iban = company.iban;
  info.logo_path = company.logo.empty() ? std::string() : company.logo.string();
  info.recipient.name = std::string(customers.name[request.customer]);
  info.recipient.address_lines = lines_of(customers.address[request.customer]);
  info.recipient.email = std::string(customers.email[request.customer]);
  const std::string date = (*format)->long_date(request.today);
  const std::string place = place_of(info.sender.address_lines);
  // Without a place the line is the date alone, as Japanese and Korean letters always write it.
  info.place_and_date =
      place.empty() ? date : fill_label(labels.place_and_date, {{"place", place}, {"date", date}});
  if (letter_type == "registered") info.registered_mention = std::string(labels.registered);
  if (letter_type == "electronic") info.registered_mention = std::string(labels.electronic);
  const RowIndex collector = customers.collector[request.customer];
  if (collector != kNoRow) info.signature_lines.emplace_back(portfolio.collectors.name[collector]);
  info.signature_lines.push_back(company.name);
  info.reference = fill_label(labels.reference, {{"reference", customers.id[request.customer]}});
  info.page_label = std::string(labels.page);
  return info;
}

}  // namespace dun
