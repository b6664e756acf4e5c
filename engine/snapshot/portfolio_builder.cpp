#include "engine/snapshot/portfolio_builder.hpp"

#include <cstdint>
#include <cstring>
#include <initializer_list>

#include "engine/base/huge_pages.hpp"
#include "engine/snapshot/row_checks.hpp"

namespace dun {
namespace {

// True when `value` holds a byte below 0x0E. The value checks look for three such bytes (NUL,
// LF, CR), and plain text holds none: one scan per value passes it, where a memchr call per byte
// looked for was 15 % of a snapshot's load (bench/RESULTS.md). Eight bytes at a time: a word has
// a byte below n (n <= 128) exactly when (word - n * 0x01..01) & ~word & 0x80..80 is nonzero.
bool has_low_control_byte(std::string_view value) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  const char* const data = value.data();
  const std::size_t size = value.size();
  std::uint64_t found = 0;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, data + i, sizeof word);
    found |= (word - kOnes * 0x0E) & ~word & (kOnes << 7);
  }
  for (; i < size; ++i) found |= static_cast<unsigned char>(data[i]) < 0x0E;
  return found != 0;
}

}  // namespace

PortfolioBuilder::PortfolioBuilder(LoadedSnapshot& snapshot, Shard shard,
                                   std::span<const CustomFieldDeclaration> custom_fields,
                                   std::size_t max_field_bytes)
    : snapshot_(snapshot), shard_(shard), max_field_bytes_(max_field_bytes) {
  for (const CustomFieldDeclaration& declaration : custom_fields) {
    snapshot_.portfolio.custom_fields.push_back(CustomFieldValues{declaration, {}, {}, {}});
  }
}

std::vector<std::size_t> PortfolioBuilder::custom_fields_of(Table table) const {
  std::vector<std::size_t> fields;
  const std::vector<CustomFieldValues>& declared = snapshot_.portfolio.custom_fields;
  for (std::size_t k = 0; k < declared.size(); ++k) {
    const CustomFieldTable owner = declared[k].declaration.table;
    if ((owner == CustomFieldTable::invoices && table == Table::invoices) ||
        (owner == CustomFieldTable::customers && table == Table::customers)) {
      fields.push_back(k);
    }
  }
  return fields;
}

std::string_view PortfolioBuilder::custom_column_name(std::size_t field) const {
  return snapshot_.portfolio.custom_fields[field].declaration.name;
}

PortfolioBuilder::Check PortfolioBuilder::parse_custom_cells(
    std::span<const std::string_view> values, Currency currency, bool concurrent,
    std::vector<CustomCell>& cells) const {
  const std::size_t first = table_spec(table_).columns.size();
  for (std::size_t k = 0; k < table_custom_fields_.size(); ++k) {
    const CustomFieldValues& field = snapshot_.portfolio.custom_fields[table_custom_fields_[k]];
    const int column = static_cast<int>(first + k);
    auto cell = parse_custom_cell(field.declaration, values[first + k], currency);
    if (!cell.ok()) return Problem{column, cell.error().message};
    if (auto problem = stored_text_problem(cell->text, field.text, concurrent)) {
      return Problem{column, std::move(*problem)};
    }
    cells.push_back(*cell);
  }
  return std::nullopt;
}

void PortfolioBuilder::append_custom_cells(std::span<const CustomCell> cells) {
  for (std::size_t k = 0; k < table_custom_fields_.size(); ++k) {
    CustomFieldValues& field = snapshot_.portfolio.custom_fields[table_custom_fields_[k]];
    const CustomCell& cell = cells[k];
    field.present.push_back(cell.present ? 1 : 0);
    if (field.declaration.type == CustomFieldType::string) {
      field.text.push_back(cell.text);
    } else {
      field.values.push_back(cell.value);
    }
  }
}

std::optional<std::string> PortfolioBuilder::stored_text_problem(std::string_view value,
                                                                 const TextColumn& column,
                                                                 bool concurrent) {
  return concurrent ? utf8_problem(value) : text_problem(value, column);
}

void PortfolioBuilder::begin_table(Table table, std::string source, std::size_t expected_rows,
                                   std::size_t source_bytes) {
  table_ = table;
  source_ = std::move(source);
  table_custom_fields_ = custom_fields_of(table);
  Portfolio& p = snapshot_.portfolio;
  // Reserving only claims address space: pages a generous estimate never touches cost nothing,
  // while growing a column past its reservation would copy it. No column's text can outgrow the
  // source it comes from, so that bound never needs a copy.
  const auto reserve_text = [&](std::initializer_list<TextColumn*> columns) {
    for (TextColumn* column : columns) column->reserve(expected_rows, source_bytes);
  };
  const auto reserve_rows = [&](auto&... columns) { (reserve_huge(columns, expected_rows), ...); };
  switch (table) {
    case Table::collectors: {
      Collectors& c = p.collectors;
      reserve_text({&c.id, &c.name, &c.email, &c.phone});
      c.by_id.reserve(c.id, expected_rows);
      break;
    }
    case Table::customers: {
      Customers& c = p.customers;
      reserve_text({&c.id, &c.name, &c.email, &c.address});
      reserve_rows(c.language, c.country, c.currency, c.segment, c.scenario, c.collector,
                   c.credit_limit, c.has_credit_limit);
      c.by_id.reserve(c.id, expected_rows);
      break;
    }
    case Table::contacts: {
      Contacts& c = p.contacts;
      reserve_text({&c.name, &c.email, &c.phone, &c.address});
      reserve_rows(c.customer, c.role, c.language);
      break;
    }
    case Table::invoices: {
      Invoices& i = p.invoices;
      reserve_text({&i.id, &i.number, &i.pdf});
      reserve_rows(i.customer, i.kind, i.issue_date, i.due_date, i.currency, i.amount, i.balance,
                   i.disputed, i.dunning, i.promise_date);
      i.by_id.reserve(i.id, expected_rows);
      break;
    }
  }
}

bool PortfolioBuilder::owns_row(std::span<const std::string_view> values) const {
  const auto owns = [&](std::string_view customer) {
    return shard_.owns(customer) && (!customer_ || customer == *customer_);
  };
  switch (table_) {
    case Table::collectors:
      return true;
    case Table::customers:
      return owns(values[kCustomerId]);
    case Table::contacts:
      return owns(values[kContactCustomerId]);
    case Table::invoices:
      return owns(values[kInvoiceCustomerId]);
  }
  return true;
}

void PortfolioBuilder::note_invoice_elsewhere(std::string_view id) {
  const Invoices& invoices = snapshot_.portfolio.invoices;
  // An empty or unreadable id is quarantined for its own sake and never makes a later row a
  // duplicate, so it need not be kept.
  if (id.empty() || text_problem(id, invoices.id)) return;
  const std::uint64_t id_hash = IdIndex::hash(id);
  if (invoices.by_id.find(invoices.id, id, id_hash) ||
      other_shard_invoice_index_.find(other_shard_invoice_ids_, id, id_hash) ||
      quarantined_invoices_.contains(std::string(id))) {
    return;
  }
  const auto row = static_cast<std::uint32_t>(other_shard_invoice_ids_.size());
  other_shard_invoice_ids_.push_back(id);
  other_shard_invoice_index_.insert(other_shard_invoice_ids_, row, id_hash);
}

void PortfolioBuilder::add_row(std::span<const std::string_view> values, std::int64_t position) {
  ++snapshot_.records_checked;
  if (keeps_some_rows_only() && !owns_row(values)) {
    if (table_ == Table::invoices) note_invoice_elsewhere(values[kInvoiceId]);
    return;
  }
  Check problem = check_values(values);
  if (!problem) problem = add_checked_row(values);
  if (!problem) return;
  const int id_column = table_spec(table_).id_column;
  const std::string_view id = id_column >= 0 ? values[id_column] : std::string_view();
  quarantine(id, position, problem->column, std::move(problem->reason),
             /*owned=*/table_ != Table::collectors);
}

PortfolioBuilder::Check PortfolioBuilder::add_checked_row(
    std::span<const std::string_view> values) {
  switch (table_) {
    case Table::collectors:
      return add_collector(values);
    case Table::customers:
      return add_customer(values);
    case Table::contacts:
      return add_contact(values);
    case Table::invoices:
      return add_invoice(values);
  }
  return std::nullopt;
}

void PortfolioBuilder::reject(std::string_view id, std::int64_t position, int column,
                              std::string reason) {
  ++snapshot_.records_checked;
  quarantine(id, position, column, std::move(reason), /*owned=*/false);
}

void PortfolioBuilder::quarantine(std::string_view id, std::int64_t position, int column,
                                  std::string reason, bool owned) {
  const TableSpec& spec = table_spec(table_);
  switch (table_) {
    case Table::collectors:
      quarantined_collectors_.emplace(id);
      break;
    case Table::customers:
      quarantined_customers_.emplace(id);
      break;
    case Table::invoices:
      quarantined_invoices_.emplace(id);
      break;
    case Table::contacts:
      break;
  }
  if (!owned && shard_.index != 0) return;
  std::string column_name;
  if (column >= 0 && static_cast<std::size_t>(column) < spec.columns.size()) {
    column_name = spec.columns[column].name;
  } else if (column >= 0) {
    column_name = custom_column_name(table_custom_fields_[column - spec.columns.size()]);
  }
  snapshot_.quarantine.push_back(QuarantinedRow{source_, position, std::move(column_name),
                                                std::move(reason), std::string(id)});
}

void PortfolioBuilder::finish() { snapshot_.portfolio.index_contacts(); }

PortfolioBuilder::Check PortfolioBuilder::check_values(
    std::span<const std::string_view> values) const {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string_view value = values[i];
    const int column = static_cast<int>(i);
    if (value.size() > max_field_bytes_) {
      return Problem{column, "is " + std::to_string(value.size()) + " bytes, more than the " +
                                 std::to_string(max_field_bytes_) +
                                 " a value may hold ([snapshot] max_field_bytes)"};
    }
    if (!has_low_control_byte(value)) continue;
    if (std::memchr(value.data(), '\0', value.size()) != nullptr)
      return Problem{column, "contains a NUL byte"};
    switch (line_breaks_allowed(table_, column)) {
      case LineBreaks::any:
        break;
      case LineBreaks::lf_only:
        if (value.find('\r') != std::string_view::npos) {
          return Problem{column,
                         "contains a carriage return (CR): separate its lines with LF alone"};
        }
        break;
      case LineBreaks::none:
        if (value.find_first_of("\r\n") != std::string_view::npos) {
          return Problem{column, "contains a line break (CR or LF), which it cannot hold"};
        }
        break;
    }
  }
  return std::nullopt;
}

PortfolioBuilder::Check PortfolioBuilder::check_id(std::string_view id, int column,
                                                   const TextColumn& ids, const IdIndex& index,
                                                   std::uint64_t& id_hash, bool concurrent) const {
  if (id.empty()) return Problem{column, "is empty (every row needs an id)"};
  if (auto problem = stored_text_problem(id, ids, concurrent)) {
    return Problem{column, std::move(*problem)};
  }
  id_hash = IdIndex::hash(id);
  if (!concurrent) index.prefetch(id_hash);
  return std::nullopt;
}

PortfolioBuilder::Check PortfolioBuilder::check_unique(
    std::string_view id, int column, const TextColumn& ids, const IdIndex& index,
    const std::unordered_set<std::string>& quarantined_ids, std::uint64_t id_hash) const {
  const bool other_shard_invoice =
      &ids == &snapshot_.portfolio.invoices.id && other_shard_invoice_index_.size() > 0 &&
      other_shard_invoice_index_.find(other_shard_invoice_ids_, id, id_hash);
  if (index.find(ids, id, id_hash) || other_shard_invoice ||
      (!quarantined_ids.empty() && quarantined_ids.contains(std::string(id)))) {
    return Problem{column, "duplicate id " + quoted(id) + " (an earlier row has it)"};
  }
  return std::nullopt;
}

PortfolioBuilder::Check PortfolioBuilder::check_new_id(
    std::string_view id, int column, const TextColumn& ids, const IdIndex& index,
    const std::unordered_set<std::string>& quarantined_ids, std::uint64_t& id_hash) const {
  if (auto problem = check_id(id, column, ids, index, id_hash)) return problem;
  return check_unique(id, column, ids, index, quarantined_ids, id_hash);
}

PortfolioBuilder::Check PortfolioBuilder::resolve_customer(std::string_view id, int column,
                                                           RowCache& cache, RowIndex& row) const {
  if (id.empty()) return Problem{column, "is empty (the row must name its customer)"};
  if (cache.last_customer_row != kNoRow && id == cache.last_customer_id) {
    row = cache.last_customer_row;
    return std::nullopt;
  }
  if (const auto found = snapshot_.portfolio.find_customer(id)) {
    row = *found;
    cache.last_customer_id = id;
    cache.last_customer_row = row;
    return std::nullopt;
  }
  if (quarantined_customers_.contains(std::string(id))) {
    return Problem{column, "customer " + quoted(id) + " is quarantined"};
  }
  return Problem{column, "unknown customer " + quoted(id) + " (not in customers)"};
}

PortfolioBuilder::Check PortfolioBuilder::parse_currency(std::string_view code, int column,
                                                         RowCache& cache,
                                                         Currency& currency) const {
  if (code == cache.last_currency_code) {
    currency = cache.last_currency;
    return std::nullopt;
  }
  if (code.empty()) return Problem{column, "is empty (an ISO 4217 code like EUR is required)"};
  const auto found = Currency::from_code(code);
  if (!found) return Problem{column, quoted(code) + " is not an ISO 4217 currency code"};
  cache.last_currency_code = code;
  cache.last_currency = *found;
  currency = *found;
  return std::nullopt;
}

}  // namespace dun
