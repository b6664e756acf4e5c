#include "engine/symbol_table.hpp"

#include <memory>

namespace dun {

SymbolTable::SymbolTable() { intern(""); }

SymbolTable::SymbolTable(const SymbolTable& other) {
  names_.reserve(other.names_.size());
  for (const auto& name : other.names_) names_.push_back(std::make_unique<std::string>(*name));
  rebuild_index();
}

SymbolTable& SymbolTable::operator=(const SymbolTable& other) {
  if (this != &other) *this = SymbolTable(other);
  return *this;
}

void SymbolTable::rebuild_index() {
  index_.clear();
  for (std::size_t i = 0; i < names_.size(); ++i) {
    index_.emplace(*names_[i], static_cast<SymbolId>(i));
  }
}

SymbolId SymbolTable::intern(std::string_view text) {
  if (const auto found = index_.find(text); found != index_.end()) return found->second;
  const auto id = static_cast<SymbolId>(names_.size());
  names_.push_back(std::make_unique<std::string>(text));
  index_.emplace(*names_.back(), id);
  return id;
}

std::optional<SymbolId> SymbolTable::find(std::string_view text) const {
  if (const auto found = index_.find(text); found != index_.end()) return found->second;
  return std::nullopt;
}

}  // namespace dun
