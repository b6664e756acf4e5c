#include "engine/portfolio/symbol_table.hpp"

namespace dun {

SymbolId SymbolTable::intern(std::string_view text) {
  if (const auto found = index_.find(text); found != index_.end()) return found->second;
  const auto id = static_cast<SymbolId>(texts_.size());
  texts_.push_back(text);
  index_.emplace(std::string(text), id);
  return id;
}

std::optional<SymbolId> SymbolTable::find(std::string_view text) const {
  if (const auto found = index_.find(text); found != index_.end()) return found->second;
  return std::nullopt;
}

}  // namespace dun
