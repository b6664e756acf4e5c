#include "engine/model/text_pool.hpp"

#include <algorithm>
#include <cstring>

namespace dun {
namespace {

// Large enough that a first run's hundreds of thousands of ids take few allocations, small
// enough that an agenda change's few strings do not reserve much.
constexpr std::size_t kBlockBytes = 64 * 1024;

}  // namespace

std::string_view TextPool::keep(std::string_view text) {
  if (text.empty()) return {};
  if (!blocks_) blocks_ = std::make_shared<Blocks>();
  Blocks& pool = *blocks_;
  if (pool.capacity - pool.used < text.size()) {
    // A text longer than a block gets a block of its own size.
    pool.capacity = std::max(kBlockBytes, text.size());
    pool.blocks.push_back(std::make_unique_for_overwrite<char[]>(pool.capacity));
    pool.used = 0;
  }
  char* copy = pool.blocks.back().get() + pool.used;
  std::memcpy(copy, text.data(), text.size());
  pool.used += text.size();
  return {copy, text.size()};
}

}  // namespace dun
