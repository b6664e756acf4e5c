// SymbolTable: interns the short strings that repeat across a portfolio (languages, countries,
// segments, scenario names, contact roles) so each row stores a 4-byte SymbolId and equality is
// an integer compare. Symbol 0 is always the empty string, so "no value" needs no extra flag.
//
// Ids are dense (0..size()-1) and stable for the table's lifetime. Not thread-safe for interning.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dun {

using SymbolId = std::uint32_t;

class SymbolTable {
 public:
  static constexpr SymbolId kEmpty = 0;

  SymbolTable();
  SymbolTable(const SymbolTable& other);
  SymbolTable& operator=(const SymbolTable& other);
  SymbolTable(SymbolTable&&) noexcept = default;
  SymbolTable& operator=(SymbolTable&&) noexcept = default;

  SymbolId intern(std::string_view text);
  // nullopt when `text` was never interned (so no row can hold it).
  std::optional<SymbolId> find(std::string_view text) const;
  std::string_view text(SymbolId id) const { return *names_[id]; }
  std::size_t size() const { return names_.size(); }

 private:
  void rebuild_index();
  // unique_ptr keeps each string's address stable, so the index's string_view keys stay valid.
  std::vector<std::unique_ptr<std::string>> names_;
  std::unordered_map<std::string_view, SymbolId> index_;
};

}  // namespace dun
