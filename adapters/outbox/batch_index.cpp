#include "adapters/outbox/batch_index.hpp"

#include <sstream>

#include "adapters/atomic_file.hpp"

namespace dun::adapters {

Result<BatchIndex> read_batch_index(const std::filesystem::path& path) {
  auto content = read_file_if_present(path);
  if (!content) return content.error();
  BatchIndex index;
  if (!*content) return index;
  index.exists = true;
  std::istringstream lines(**content);
  bool header = true;
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (header) {
      header = false;
      if (line == kBatchIndexHeader) continue;
    }
    if (line.empty()) continue;
    // Batch names (batch-DATE[-N].pdf) hold no comma: the first one ends the batch.
    const auto comma = line.find(',');
    if (comma == std::string::npos) {
      return Error{path.string() + ": the row \"" + line +
                   "\" is not `batch,letter`: repair or move the file"};
    }
    const std::string batch = line.substr(0, comma);
    const std::string letter = line.substr(comma + 1);
    index.letters[batch].push_back(letter);
    index.batched.insert(letter);
  }
  return index;
}

Status add_batch_rows(const std::filesystem::path& path, const std::string& batch,
                      std::span<const std::string> letters) {
  auto existing = read_file_if_present(path);
  if (!existing) return existing.error();
  std::string content = existing->value_or(std::string(kBatchIndexHeader) + "\r\n");
  if (!content.empty() && content.back() != '\n') content += "\r\n";
  for (const std::string& letter : letters) content += batch + "," + letter + "\r\n";
  return write_file_atomically(path, content);
}

}  // namespace dun::adapters
