// The sequence blocks' JSON (written and read here by hand: the shape is fixed, and the steady
// day's load reads every block, where a general parser cost several times more) and the walk that
// edits the blocks of a sorted list of invoices.
#include "engine/store/sequence_blocks.hpp"

#include <algorithm>
#include <cstring>

namespace dun {

namespace {

// --- Writing ---

// True for the bytes a JSON string must escape.
bool needs_escape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }

void append_string(std::string_view text, std::string& out) {
  out += '"';
  std::size_t plain = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!needs_escape(c)) continue;
    out.append(text.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[(c >> 4) & 0xF];
        out += kHex[c & 0xF];
      }
    }
  }
  out.append(text.substr(plain));
  out += '"';
}

void append_optional(const std::optional<std::string>& text, std::string& out) {
  if (text) {
    append_string(*text, out);
  } else {
    out += "null";
  }
}

// --- Reading ---

// A strict reader of the JSON the blocks hold (and that SQLite's json functions write: no
// whitespace is needed, but any is skipped).
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() {
    skip_space();
    return at_ == text_.size();
  }
  bool peek(char c) {
    skip_space();
    return at_ < text_.size() && text_[at_] == c;
  }
  bool take(char c) {
    if (!peek(c)) return false;
    ++at_;
    return true;
  }
  Status expect(char c) {
    if (take(c)) return Status::Ok();
    return failure(std::string("'") + c + "' expected");
  }
  // A JSON string into `out` (cleared first).
  Status string(std::string& out) {
    out.clear();
    if (!take('"')) return failure("a string expected");
    for (;;) {
      const std::size_t plain = find_quote_or_backslash();
      if (plain == std::string_view::npos) return failure("an unterminated string");
      out.append(text_.substr(at_, plain - at_));
      at_ = plain + 1;
      if (text_[plain] == '"') return Status::Ok();
      if (at_ >= text_.size()) return failure("an unterminated string");
      const char escaped = text_[at_++];
      switch (escaped) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u':
          if (auto unicode = code_point(out); !unicode) return unicode;
          break;
        default:
          return failure("an unknown escape in a string");
      }
    }
  }
  // Past a string, without decoding it.
  Status skip_string() {
    if (!take('"')) return failure("a string expected");
    for (;;) {
      const std::size_t special = find_quote_or_backslash();
      if (special == std::string_view::npos) return failure("an unterminated string");
      at_ = special + 1;
      if (text_[special] == '"') return Status::Ok();
      ++at_;  // the escaped byte (a \u escape's hex digits are plain bytes)
    }
  }
  Status optional_string(std::optional<std::string>& out) {
    if (take_null()) {
      out.reset();
      return Status::Ok();
    }
    if (!out) out.emplace();
    return string(*out);
  }
  Status integer(std::int64_t& out) {
    skip_space();
    const std::size_t start = at_;
    bool negative = false;
    if (at_ < text_.size() && text_[at_] == '-') {
      negative = true;
      ++at_;
    }
    std::int64_t value = 0;
    const std::size_t digits = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
      value = value * 10 + (text_[at_++] - '0');
    }
    if (at_ == digits || at_ - start > 18) return failure("an integer expected");
    out = negative ? -value : value;
    return Status::Ok();
  }
  // Skips one value of any kind (for splitting an array into its elements' texts).
  Result<std::string_view> skip_value() {
    skip_space();
    const std::size_t start = at_;
    int depth = 0;
    do {
      if (at_ >= text_.size()) return failure("an incomplete value").error();
      const char c = text_[at_];
      if (c == '"') {
        if (auto skipped = skip_string(); !skipped) return skipped.error();
        continue;
      }
      if (c == '[' || c == '{') ++depth;
      if (c == ']' || c == '}') --depth;
      if (depth < 0) return failure("an unbalanced bracket").error();
      ++at_;
      if (depth == 0 && c != '[' && c != '{') {
        // A scalar: runs to the next delimiter.
        while (at_ < text_.size() && std::strchr(",]} \t\r\n", text_[at_]) == nullptr) ++at_;
      }
    } while (depth > 0);
    return text_.substr(start, at_ - start);
  }

 private:
  // The next '"' or '\\' from at_ (npos if none): two memchr, where find_first_of tests each
  // byte against the set.
  std::size_t find_quote_or_backslash() const {
    const char* begin = text_.data() + at_;
    const std::size_t left = text_.size() - at_;
    const void* quote = std::memchr(begin, '"', left);
    const std::size_t until = quote ? static_cast<const char*>(quote) - begin : left;
    const void* backslash = std::memchr(begin, '\\', until);
    if (backslash) return at_ + (static_cast<const char*>(backslash) - begin);
    return quote ? at_ + until : std::string_view::npos;
  }
  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t')) {
      ++at_;
    }
  }
  bool take_null() {
    skip_space();
    if (text_.substr(at_, 4) != "null") return false;
    at_ += 4;
    return true;
  }
  Result<std::uint32_t> hex4() {
    if (at_ + 4 > text_.size()) return failure("a short \\u escape").error();
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[at_++];
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return failure("a bad \\u escape").error();
      }
    }
    return value;
  }
  // After "\u": the code point (a surrogate pair read whole), appended as UTF-8.
  Status code_point(std::string& out) {
    auto first = hex4();
    if (!first) return first.error();
    std::uint32_t point = *first;
    if (point >= 0xD800 && point <= 0xDBFF && text_.substr(at_, 2) == "\\u") {
      at_ += 2;
      auto second = hex4();
      if (!second) return second.error();
      point = 0x10000 + ((point - 0xD800) << 10) + (*second - 0xDC00);
    }
    if (point < 0x80) {
      out += static_cast<char>(point);
    } else if (point < 0x800) {
      out += static_cast<char>(0xC0 | (point >> 6));
      out += static_cast<char>(0x80 | (point & 0x3F));
    } else if (point < 0x10000) {
      out += static_cast<char>(0xE0 | (point >> 12));
      out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (point & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (point >> 18));
      out += static_cast<char>(0x80 | ((point >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (point & 0x3F));
    }
    return Status::Ok();
  }
  Status failure(std::string what) const {
    return Error{"a damaged sequence block: " + what + " at byte " + std::to_string(at_)};
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

// Each read in turn, returning at the first failure.
#define DUN_READ(expression)             \
  if (auto read = (expression); !read) { \
    return read;                         \
  }

Status read_step(Cursor& in, StepEntry& step) {
  DUN_READ(in.expect('['));
  DUN_READ(in.string(step.scenario));
  DUN_READ(in.expect(','));
  DUN_READ(in.string(step.step));
  DUN_READ(in.expect(','));
  DUN_READ(in.string(step.status));
  DUN_READ(in.expect(','));
  DUN_READ(in.optional_string(step.reason));
  DUN_READ(in.expect(','));
  DUN_READ(in.string(step.event_date));
  DUN_READ(in.expect(','));
  DUN_READ(in.optional_string(step.action_id));
  DUN_READ(in.expect(','));
  DUN_READ(in.integer(step.repetition));
  return in.expect(']');
}

Status read_entry(Cursor& in, SequenceEntry& entry) {
  DUN_READ(in.expect('['));
  DUN_READ(in.string(entry.invoice_id));
  DUN_READ(in.expect(','));
  DUN_READ(in.string(entry.customer_id));
  DUN_READ(in.expect(','));
  DUN_READ(in.string(entry.scenario));
  DUN_READ(in.expect(','));
  DUN_READ(in.string(entry.state));
  DUN_READ(in.expect(','));
  DUN_READ(in.optional_string(entry.last_step));
  DUN_READ(in.expect(','));
  DUN_READ(in.string(entry.started_on));
  DUN_READ(in.expect(','));
  DUN_READ(in.string(entry.updated_on));
  DUN_READ(in.expect(','));
  DUN_READ(in.expect('['));
  std::size_t count = 0;
  if (!in.take(']')) {
    do {
      if (count == entry.steps.size()) entry.steps.emplace_back();
      DUN_READ(read_step(in, entry.steps[count]));
      ++count;
    } while (in.take(','));
    DUN_READ(in.expect(']'));
  }
  entry.steps.resize(count);
  return in.expect(']');
}

#undef DUN_READ

// The statements of the walk, prepared once per edit.
struct BlockStatements {
  sqlite::Statement find;   // the block whose range holds ?1
  sqlite::Statement first;  // the first block (holds the ids before every block)
  sqlite::Statement next;   // the first key after ?1
  sqlite::Statement update;
  sqlite::Statement insert;
  sqlite::Statement remove;
};

Result<BlockStatements> prepare_block_statements(sqlite::Database& database) {
  const std::string_view sql[] = {
      "SELECT id, first_invoice, entries FROM sequence_blocks WHERE first_invoice <= ?1 "
      "ORDER BY first_invoice DESC LIMIT 1",
      "SELECT id, first_invoice, entries FROM sequence_blocks ORDER BY first_invoice LIMIT 1",
      "SELECT first_invoice FROM sequence_blocks WHERE first_invoice > ?1 "
      "ORDER BY first_invoice LIMIT 1",
      "UPDATE sequence_blocks SET first_invoice = ?2, entries = ?3 WHERE id = ?1",
      "INSERT INTO sequence_blocks (first_invoice, entries) VALUES (?1, ?2)",
      "DELETE FROM sequence_blocks WHERE id = ?1"};
  std::vector<sqlite::Statement> prepared;
  for (std::string_view text : sql) {
    auto statement = database.prepare(text);
    if (!statement) return statement.error();
    prepared.push_back(std::move(statement).value());
  }
  return BlockStatements{std::move(prepared[0]), std::move(prepared[1]), std::move(prepared[2]),
                         std::move(prepared[3]), std::move(prepared[4]), std::move(prepared[5])};
}

struct StoredBlock {
  std::int64_t id = 0;
  std::string first_invoice;
  std::string entries;
};

// The block whose range holds `invoice_id`, if the store has any block.
Result<std::optional<StoredBlock>> block_of(BlockStatements& statements,
                                            std::string_view invoice_id) {
  for (sqlite::Statement* query : {&statements.find, &statements.first}) {
    query->reset();
    if (query == &statements.find) query->bind(1, invoice_id);
    auto row = query->step();
    if (!row) return row.error();
    if (*row) {
      StoredBlock block{query->column_int64(0), std::string(query->column_text(1)),
                        std::string(query->column_text(2))};
      query->reset();
      return std::optional<StoredBlock>(std::move(block));
    }
  }
  return std::optional<StoredBlock>();
}

Result<std::optional<std::string>> next_key(BlockStatements& statements, std::string_view key) {
  statements.next.reset();
  auto row = statements.next.bind(1, key).step();
  if (!row) return row.error();
  std::optional<std::string> next;
  if (*row) next = std::string(statements.next.column_text(0));
  statements.next.reset();
  return next;
}

// Writes a block's new entries as chunks: the first keeps the block's row, the next ones are new
// rows keyed by their first invoice. Holds at most 2 × kBlockInvoices entries.
class ChunkWriter {
 public:
  ChunkWriter(BlockStatements& statements, std::optional<StoredBlock> block)
      : statements_(statements), block_(std::move(block)) {}

  // The next entry: `append` writes its JSON text at the end of the given string.
  template <typename Append>
  Status add(std::string_view invoice_id, Append append) {
    if (!ends_.empty()) text_ += ',';
    append(text_);
    ends_.push_back(text_.size());
    ids_.emplace_back(invoice_id);
    if (ends_.size() < 2 * kBlockInvoices) return Status::Ok();
    return write(kBlockInvoices);
  }
  Status finish() {
    if (!ends_.empty()) return write(ends_.size());
    if (!wrote_first_ && block_) {  // every entry removed
      statements_.remove.reset();
      return statements_.remove.bind(1, block_->id).run();
    }
    return Status::Ok();
  }

 private:
  Status write(std::size_t count) {
    const std::size_t end = ends_[count - 1];
    json_.assign(1, '[');
    json_.append(text_, 0, end);
    json_ += ']';
    std::string key = ids_.front();
    Status written = Status::Ok();
    if (!wrote_first_ && block_) {
      // The first block may hold ids before its key: its key becomes the smallest.
      if (block_->first_invoice < key) key = block_->first_invoice;
      statements_.update.reset();
      written = statements_.update.bind(1, block_->id).bind(2, key).bind_static(3, json_).run();
    } else {
      statements_.insert.reset();
      written = statements_.insert.bind(1, key).bind_static(2, json_).run();
    }
    wrote_first_ = true;
    // What is left starts after the comma that followed the last entry written.
    const std::size_t rest = std::min(end + 1, text_.size());
    text_.erase(0, rest);
    ends_.erase(ends_.begin(), ends_.begin() + static_cast<std::ptrdiff_t>(count));
    for (std::size_t& later : ends_) later -= rest;
    ids_.erase(ids_.begin(), ids_.begin() + static_cast<std::ptrdiff_t>(count));
    return written;
  }

  BlockStatements& statements_;
  std::optional<StoredBlock> block_;
  std::string text_;               // the pending entries' JSON, comma-separated
  std::vector<std::size_t> ends_;  // where each pending entry ends in text_
  std::vector<std::string> ids_;   // each pending entry's invoice id
  std::string json_;               // the chunk being written (bound without a copy)
  bool wrote_first_ = false;
};

}  // namespace

void append_entry_json(const SequenceEntry& entry, std::string& out) {
  out += '[';
  for (const std::string* text :
       {&entry.invoice_id, &entry.customer_id, &entry.scenario, &entry.state}) {
    append_string(*text, out);
    out += ',';
  }
  append_optional(entry.last_step, out);
  out += ',';
  append_string(entry.started_on, out);
  out += ',';
  append_string(entry.updated_on, out);
  out += ",[";
  for (std::size_t i = 0; i < entry.steps.size(); ++i) {
    const StepEntry& step = entry.steps[i];
    if (i > 0) out += ',';
    out += '[';
    append_string(step.scenario, out);
    out += ',';
    append_string(step.step, out);
    out += ',';
    append_string(step.status, out);
    out += ',';
    append_optional(step.reason, out);
    out += ',';
    append_string(step.event_date, out);
    out += ',';
    append_optional(step.action_id, out);
    out += ',';
    out += std::to_string(step.repetition);
    out += ']';
  }
  out += "]]";
}

Status parse_entry(std::string_view json, SequenceEntry& entry) {
  Cursor in(json);
  if (auto read = read_entry(in, entry); !read) return read;
  if (!in.at_end()) return Error{"a damaged sequence block: text after an entry"};
  return Status::Ok();
}

Status for_each_entry_text(std::string_view block,
                           const std::function<Status(std::string_view entry)>& visit) {
  Cursor in(block);
  if (auto open = in.expect('['); !open) return open;
  if (in.take(']')) return Status::Ok();
  do {
    auto entry = in.skip_value();
    if (!entry) return entry.error();
    if (auto visited = visit(*entry); !visited) return visited;
  } while (in.take(','));
  return in.expect(']');
}

Result<std::string> entry_invoice_id(std::string_view entry) {
  Cursor in(entry);
  if (auto open = in.expect('['); !open) return open.error();
  std::string id;
  if (auto read = in.string(id); !read) return read.error();
  return id;
}

Status edit_sequence_entries(sqlite::Database& database, std::span<const std::string> invoice_ids,
                             const EntryEdit& edit) {
  auto prepared = prepare_block_statements(database);
  if (!prepared) return prepared.error();
  BlockStatements& statements = prepared.value();
  std::size_t next_id = 0;
  while (next_id < invoice_ids.size()) {
    auto block = block_of(statements, invoice_ids[next_id]);
    if (!block) return block.error();
    std::optional<std::string> end;  // the first id of the next block's range
    if (*block) {
      auto next = next_key(statements, (*block)->first_invoice);
      if (!next) return next.error();
      end = std::move(next).value();
    }
    // The stored entries, merged with the ids to edit that fall in this block's range.
    std::vector<std::pair<std::string, std::string_view>> stored;
    const std::string entries = *block ? (*block)->entries : std::string("[]");
    if (auto split = for_each_entry_text(entries,
                                         [&](std::string_view entry) -> Status {
                                           auto id = entry_invoice_id(entry);
                                           if (!id) return id.error();
                                           stored.emplace_back(std::move(id).value(), entry);
                                           return Status::Ok();
                                         });
        !split) {
      return split;
    }
    ChunkWriter chunks(statements, std::move(block).value());
    std::size_t s = 0;
    while (s < stored.size() ||
           (next_id < invoice_ids.size() && (!end || invoice_ids[next_id] < *end))) {
      const bool edit_next = next_id < invoice_ids.size() && (!end || invoice_ids[next_id] < *end);
      if (!edit_next || (s < stored.size() && stored[s].first < invoice_ids[next_id])) {
        const std::string_view kept = stored[s].second;
        if (auto added = chunks.add(stored[s].first, [&](std::string& out) { out.append(kept); });
            !added) {
          return added;
        }
        ++s;
        continue;
      }
      const std::string& id = invoice_ids[next_id++];
      std::optional<SequenceEntry> entry;
      if (s < stored.size() && stored[s].first == id) {
        entry.emplace();
        if (auto parsed = parse_entry(stored[s].second, *entry); !parsed) return parsed;
        ++s;
      }
      if (auto edited = edit(id, entry); !edited) return edited;
      if (!entry) continue;
      if (auto added = chunks.add(id, [&](std::string& out) { append_entry_json(*entry, out); });
          !added) {
        return added;
      }
    }
    if (auto finished = chunks.finish(); !finished) return finished;
  }
  return Status::Ok();
}

Result<std::optional<SequenceEntry>> find_sequence_entry(sqlite::Database& database,
                                                         std::string_view invoice_id) {
  auto prepared = prepare_block_statements(database);
  if (!prepared) return prepared.error();
  auto block = block_of(prepared.value(), invoice_id);
  if (!block) return block.error();
  std::optional<SequenceEntry> found;
  if (!*block) return found;
  Status scanned = for_each_entry_text((*block)->entries, [&](std::string_view text) -> Status {
    if (found) return Status::Ok();
    auto id = entry_invoice_id(text);
    if (!id) return id.error();
    if (*id != invoice_id) return Status::Ok();
    found.emplace();
    return parse_entry(text, *found);
  });
  if (!scanned) return scanned.error();
  return found;
}

Status for_each_sequence_entry(sqlite::Database& database,
                               const std::function<Status(const SequenceEntry&)>& visit) {
  auto blocks = database.prepare("SELECT entries FROM sequence_blocks ORDER BY first_invoice");
  if (!blocks) return blocks.error();
  SequenceEntry entry;
  std::string previous;
  for (;;) {
    auto row = blocks.value().step();
    if (!row) return row.error();
    if (!*row) return Status::Ok();
    Cursor in(blocks.value().column_text(0));
    if (auto open = in.expect('['); !open) return open;
    if (in.take(']')) continue;
    do {
      if (auto read = read_entry(in, entry); !read) return read;
      if (!previous.empty() && entry.invoice_id <= previous) {
        return Error{"a damaged sequence block: invoice " + entry.invoice_id +
                     " is out of order (after " + previous + ")"};
      }
      previous = entry.invoice_id;
      if (auto visited = visit(entry); !visited) return visited;
    } while (in.take(','));
    if (auto close = in.expect(']'); !close) return close;
  }
}

Result<std::pair<std::int64_t, std::int64_t>> count_sequence_entries(sqlite::Database& database) {
  std::pair<std::int64_t, std::int64_t> counts{0, 0};
  Status counted = for_each_sequence_entry(database, [&](const SequenceEntry& entry) -> Status {
    ++counts.first;
    counts.second += static_cast<std::int64_t>(entry.steps.size());
    return Status::Ok();
  });
  if (!counted) return counted.error();
  return counts;
}

}  // namespace dun
