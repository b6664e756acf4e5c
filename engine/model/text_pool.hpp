// TextPool: the text a ChangeBatch keeps for its rows when nothing else does (an action id made
// during the record phase, a step name picked into a local string). keep() copies the text into
// blocks that never move and returns a view of the copy, so a million small strings cost their
// bytes, not a std::string (32 bytes) and a heap allocation each.
//
// Ownership and lifetimes: the blocks are shared by every copy of the pool (a copied ChangeBatch
// keeps the views of the original valid) and freed with the last copy; a view keep() returned is
// valid while any copy lives. Copies share their blocks and append to them: the pool and its
// copies are used by one thread at a time; nothing synchronises them.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dun {

// The text field of a batch row: a std::string_view that cannot be made from a temporary
// std::string (`StepEvent{std::string(id), …}` would view a string destroyed at the end of the
// statement: it does not compile). Made from a string_view, a string literal or a std::string
// that lives on; anything else goes through TextPool::keep.
class RowText : public std::string_view {
 public:
  RowText() = default;
  RowText(std::string_view text) : std::string_view(text) {}
  RowText(const char* text) : std::string_view(text) {}
  RowText(const std::string& text) : std::string_view(text) {}
  RowText(std::string&&) = delete;
};

class TextPool {
 public:
  // A view of a copy of `text`, valid while this pool (or a copy of it) lives.
  std::string_view keep(std::string_view text);

 private:
  struct Blocks {
    std::vector<std::unique_ptr<char[]>> blocks;
    std::size_t used = 0;      // in the last block
    std::size_t capacity = 0;  // of the last block
  };
  std::shared_ptr<Blocks> blocks_;
};

}  // namespace dun
