// SymbolTable: interns the short strings that repeat across a portfolio (languages, countries,
// segments, scenario names, contact roles) so each row stores a 4-byte SymbolId and equality is
// an integer compare. Symbol 0 is always the empty string, so "no value" needs no extra flag.
//
// The symbols' text is one TextColumn indexed by SymbolId, so a column of SymbolIds plus
// texts() is exactly a batch StringColumn {bytes, offsets, ids} (dsl/batch.hpp).
// Ids are dense (0..size()-1) and stable for the table's lifetime. The string_views text()
// returns point into the table (a TextColumn): valid until the next intern() or the table's
// end. Not thread-safe for interning; concurrent lookups while nobody interns are fine.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/base/text_column.hpp"

namespace dun {

using SymbolId = std::uint32_t;

class SymbolTable {
 public:
  static constexpr SymbolId kEmpty = 0;

  SymbolTable() { intern(""); }

  SymbolId intern(std::string_view text);
  // nullopt when `text` was never interned (so no row can hold it).
  std::optional<SymbolId> find(std::string_view text) const;
  // REQUIRES: id < size().
  std::string_view text(SymbolId id) const { return texts_[id]; }
  std::size_t size() const { return texts_.size(); }
  const TextColumn& texts() const { return texts_; }

 private:
  // Lets the index be searched with a string_view, without building a std::string per lookup.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  TextColumn texts_;
  std::unordered_map<std::string, SymbolId, Hash, std::equal_to<>> index_;
};

}  // namespace dun
