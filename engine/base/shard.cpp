#include "engine/base/shard.hpp"

#include <charconv>

namespace dun {
namespace {

bool parse_number(std::string_view text, std::uint32_t& value) {
  if (text.empty() || text.size() > 9) return false;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  return parsed.ec == std::errc() && parsed.ptr == text.data() + text.size();
}

}  // namespace

std::string Shard::label() const { return std::to_string(index) + "-of-" + std::to_string(count); }

std::string Shard::flag_text() const { return std::to_string(index) + "/" + std::to_string(count); }

Result<Shard> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  Shard shard;
  if (slash != std::string_view::npos && parse_number(text.substr(0, slash), shard.index) &&
      parse_number(text.substr(slash + 1), shard.count) && shard.count >= 1 &&
      shard.count <= kMaxShards) {
    if (shard.index < shard.count) return shard;
    return Error{"--shard '" + std::string(text) + "': K must be in 0.." +
                 std::to_string(shard.count - 1) + " (shards are numbered from 0, like " +
                 "JOB_COMPLETION_INDEX and SLURM_ARRAY_TASK_ID)"};
  }
  return Error{"--shard '" + std::string(text) + "': write K/N, shard K (0..N-1) of N shards " +
               "(1 <= N <= " + std::to_string(kMaxShards) + "), e.g. --shard 0/4"};
}

std::filesystem::path shard_path(const std::filesystem::path& path, const Shard& shard) {
  if (!shard.sharded()) return path;
  std::filesystem::path sharded = path;
  const std::string extension = path.extension().string();
  sharded.replace_filename(path.stem().string() + "." + shard.label() + extension);
  return sharded;
}

}  // namespace dun
