#include "engine/shard/shard_layout.hpp"

#include <charconv>

#include "engine/store/store_file.hpp"

namespace dun {
namespace {

// "7-of-8" -> {7, 8}; anything else -> nullopt.
std::optional<Shard> parse_label(std::string_view label) {
  const auto of = label.find("-of-");
  if (of == std::string_view::npos || of == 0) return std::nullopt;
  Shard shard;
  const auto read = [](std::string_view text, std::uint32_t& value) {
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && parsed.ec == std::errc() && parsed.ptr == text.data() + text.size();
  };
  if (!read(label.substr(0, of), shard.index) || !read(label.substr(of + 4), shard.count) ||
      shard.count < 2 || shard.index >= shard.count) {
    return std::nullopt;
  }
  return shard;
}

std::string reshard_command(const std::filesystem::path& base, std::uint32_t count) {
  return "`dun shards reshard --to " + std::to_string(count) + " --db " + base.string() + "`";
}

}  // namespace

std::filesystem::path reshard_journal_path(const std::filesystem::path& base) {
  std::filesystem::path journal = base;
  journal += ".reshard";
  return journal;
}

std::string ShardLayout::describe(const std::filesystem::path& base, std::uint32_t count) const {
  const auto found = shard_files.find(count);
  if (found == shard_files.end() || found->second.empty()) return "no shard files";
  const std::set<std::uint32_t>& indexes = found->second;
  const auto name = [&](std::uint32_t index) {
    return shard_path(base, Shard{index, count}).filename().string();
  };
  std::string text = name(*indexes.begin());
  if (indexes.size() > 1) text += (indexes.size() == 2 ? ", " : " … ") + name(*indexes.rbegin());
  return text + " (" + std::to_string(indexes.size()) + " of " + std::to_string(count) +
         " shard files)";
}

Result<ShardLayout> read_shard_layout(const std::filesystem::path& base) {
  ShardLayout layout;
  const std::filesystem::path folder =
      base.parent_path().empty() ? std::filesystem::path(".") : base.parent_path();
  const std::string stem = base.stem().string() + ".";
  const std::string extension = base.extension().string();
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= stem.size() + extension.size() || !name.starts_with(stem) ||
        !name.ends_with(extension)) {
      continue;
    }
    const std::string_view label =
        std::string_view(name).substr(stem.size(), name.size() - stem.size() - extension.size());
    if (auto shard = parse_label(label)) layout.shard_files[shard->count].insert(shard->index);
  }
  if (error && error != std::errc::no_such_file_or_directory) {
    return Error{folder.string() +
                 ": cannot list the folder of the state store: " + error.message()};
  }
  auto state = store_file_has_state(base);
  if (!state) return state.error();
  layout.unsharded_has_state = *state;
  layout.reshard_pending = std::filesystem::exists(reshard_journal_path(base), error);
  return layout;
}

Status check_shard_layout(const std::filesystem::path& base, const Shard& shard) {
  auto layout = read_shard_layout(base);
  if (!layout) return layout.error();
  if (layout->reshard_pending) {
    return Error{reshard_journal_path(base).string() +
                 ": a `dun shards reshard` was interrupted; run it again to finish it before "
                 "anything else uses the state store"};
  }
  for (const auto& [count, indexes] : layout->shard_files) {
    if (count == shard.count) continue;
    const std::string asked = shard.sharded() ? "--shard " + shard.flag_text() + " asks for " +
                                                    std::to_string(shard.count) + " shards"
                                              : "this command runs unsharded (no --shard)";
    return Error{"the state is split in " + std::to_string(count) + " shards beside " +
                 base.string() + " (" + layout->describe(base, count) + ") but " + asked +
                 ": run with --shard K/" + std::to_string(count) +
                 ", or move the state first with " + reshard_command(base, shard.count)};
  }
  if (shard.sharded() && layout->unsharded_has_state) {
    return Error{base.string() + " holds the state of unsharded runs but --shard " +
                 shard.flag_text() + " asks for " + std::to_string(shard.count) +
                 " shards: split it first with " + reshard_command(base, shard.count) +
                 ", or run without --shard"};
  }
  return Status::Ok();
}

}  // namespace dun
