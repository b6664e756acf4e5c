#include "engine/day/manual_pause.hpp"

namespace dun {

bool manual_pause_holds(const Override& override_row, Date today) {
  return override_row.kind == OverrideKind::pause && override_row.until &&
         today <= *override_row.until;
}

std::unordered_map<std::string_view, Date> manual_pauses(const std::vector<Override>& overrides,
                                                         Date today) {
  std::unordered_map<std::string_view, Date> pauses;
  for (const Override& override_row : overrides) {
    if (manual_pause_holds(override_row, today))
      pauses.emplace(override_row.subject, *override_row.until);
  }
  return pauses;
}

void mark_manual_pauses(SequenceInputs& inputs, std::span<const std::uint32_t> rows,
                        const Portfolio& portfolio,
                        const std::unordered_map<std::string_view, Date>& pauses) {
  if (pauses.empty()) return;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (pauses.count(portfolio.invoices.id[rows[r]]) != 0)
      inputs.flags[r] |= dsl::kSequenceManualPause;
  }
}

}  // namespace dun
