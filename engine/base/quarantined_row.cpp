#include "engine/base/quarantined_row.hpp"

namespace dun {

std::string QuarantinedRow::to_string() const {
  std::string text = source + ":" + std::to_string(position) + ": ";
  if (!column.empty()) text += column + ": ";
  return text + reason;
}

}  // namespace dun
