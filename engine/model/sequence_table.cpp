#include "engine/model/sequence_table.hpp"

#include <algorithm>
#include <ranges>

namespace dun {

std::string_view SequenceTable::name(std::uint32_t index) const {
  return index == kNoName ? std::string_view() : std::string_view(names[index]);
}

std::optional<std::size_t> SequenceTable::find(std::string_view invoice_id) const {
  const auto rows = std::views::iota(std::size_t{0}, size());
  const auto found = std::ranges::lower_bound(rows, invoice_id, {},
                                              [&](std::size_t row) { return invoice_ids[row]; });
  if (found == rows.end() || invoice_ids[*found] != invoice_id) return std::nullopt;
  return *found;
}

std::optional<std::size_t> SequenceTable::find_event(std::size_t row, std::string_view step) const {
  for (std::uint32_t event = event_begin[row]; event < event_begin[row + 1]; ++event) {
    if (name(event_step[event]) == step) return event;
  }
  return std::nullopt;
}

std::uint32_t SequenceTableBuilder::intern(std::string_view name) {
  if (name.empty()) return SequenceTable::kNoName;
  for (const auto& [known, index] : index_) {
    if (known == name) return index;
  }
  const auto index = static_cast<std::uint32_t>(table_.names.size());
  table_.names.emplace_back(name);
  index_.emplace_back(std::string(name), index);
  return index;
}

bool SequenceTableBuilder::ids_fit(std::size_t bytes) const {
  constexpr std::size_t kMaxBytes = UINT32_MAX;  // a TextColumn's offsets are 32-bit
  const std::size_t used =
      std::max(table_.invoice_ids.byte_size(), table_.customer_ids.byte_size());
  return bytes <= kMaxBytes - used;
}

void SequenceTableBuilder::add_sequence(std::string_view invoice_id, std::string_view customer_id,
                                        std::string_view scenario, SequenceState state,
                                        std::string_view last_step, Date started_on,
                                        Date updated_on) {
  table_.event_begin.push_back(static_cast<std::uint32_t>(table_.event_step.size()));
  table_.invoice_ids.push_back(invoice_id);
  table_.customer_ids.push_back(customer_id);
  table_.scenario.push_back(intern(scenario));
  table_.state.push_back(state);
  table_.last_step.push_back(intern(last_step));
  table_.started_on.push_back(started_on);
  table_.updated_on.push_back(updated_on);
}

void SequenceTableBuilder::add_event(std::string_view step, StepStatus status,
                                     std::string_view reason, Date date, std::uint16_t repetition) {
  table_.event_step.push_back(intern(step));
  table_.event_status.push_back(status);
  table_.event_reason.push_back(intern(reason));
  table_.event_date.push_back(date);
  table_.event_repetition.push_back(repetition);
}

SequenceTable SequenceTableBuilder::finish() && {
  table_.event_begin.push_back(static_cast<std::uint32_t>(table_.event_step.size()));
  return std::move(table_);
}

}  // namespace dun
