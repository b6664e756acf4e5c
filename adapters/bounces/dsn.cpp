#include "adapters/bounces/dsn.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace dun::adapters {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// The header block and the body of a message or MIME part: split at the first empty line.
struct Entity {
  std::string_view headers;
  std::string_view body;
};

Entity split_entity(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) break;
    const std::string_view line = text.substr(at, end - at);
    if (line.empty() || line == "\r") return {text.substr(0, at), text.substr(end + 1)};
    at = end + 1;
  }
  return {text, {}};
}

// Header fields, unfolded, with names in lower case, in order.
std::vector<std::pair<std::string, std::string>> header_fields(std::string_view block) {
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t at = 0;
  while (at < block.size()) {
    std::size_t end = block.find('\n', at);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    at = end + 1;
    if (line.empty()) continue;
    if ((line.front() == ' ' || line.front() == '\t') && !fields.empty()) {
      fields.back().second += " " + std::string(trim(line));
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    fields.emplace_back(lower(trim(line.substr(0, colon))),
                        std::string(trim(line.substr(colon + 1))));
  }
  return fields;
}

std::string field(const std::vector<std::pair<std::string, std::string>>& fields,
                  std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return {};
}

// A Content-Type's media type (lower case) and one parameter's value.
std::string media_type(std::string_view content_type) {
  return lower(trim(content_type.substr(0, content_type.find(';'))));
}

std::string parameter(std::string_view content_type, std::string_view name) {
  std::size_t at = content_type.find(';');
  while (at != std::string_view::npos) {
    std::string_view rest = trim(content_type.substr(at + 1));
    const std::size_t equals = rest.find('=');
    const std::size_t next = rest.find(';');
    if (equals != std::string_view::npos && (next == std::string_view::npos || equals < next) &&
        lower(trim(rest.substr(0, equals))) == name) {
      std::string_view value = trim(rest.substr(equals + 1));
      if (!value.empty() && value.front() == '"') {
        const std::size_t close = value.find('"', 1);
        return std::string(
            value.substr(1, close == std::string_view::npos ? value.size() - 1 : close - 1));
      }
      return std::string(trim(value.substr(0, value.find(';'))));
    }
    const std::size_t skip = content_type.find(';', at + 1);
    at = skip;
  }
  return {};
}

// The body parts of a multipart body, between "--boundary" lines, up to "--boundary--".
std::vector<std::string_view> body_parts(std::string_view body, const std::string& boundary) {
  std::vector<std::string_view> parts;
  const std::string delimiter = "--" + boundary;
  std::size_t part_begin = std::string_view::npos;
  for (std::size_t at = 0; at <= body.size();) {
    std::size_t end = body.find('\n', at);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with(delimiter)) {
      if (part_begin != std::string_view::npos)
        parts.push_back(body.substr(part_begin, at - part_begin));
      if (trim(line.substr(delimiter.size())) == "--") break;
      part_begin = end + 1;
    }
    at = end + 1;
  }
  return parts;
}

std::string decode_base64(std::string_view text) {
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    if (c >= '0' && c <= '9') value = c - '0' + 52;
    if (c == '+') value = 62;
    if (c == '/') value = 63;
    if (value < 0) continue;  // line breaks, padding
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

// A part's body as text: base64 decoded when its Content-Transfer-Encoding says so (the other
// encodings leave the ASCII fields of a report readable as they are).
std::string part_text(const Entity& part) {
  const auto fields = header_fields(part.headers);
  if (lower(field(fields, "content-transfer-encoding")) == "base64") {
    return decode_base64(part.body);
  }
  return std::string(part.body);
}

// "rfc822; ap@acme.example" → "ap@acme.example".
std::string typed_address(std::string_view value) {
  const std::size_t semicolon = value.find(';');
  std::string_view address =
      semicolon == std::string_view::npos ? value : value.substr(semicolon + 1);
  address = trim(address);
  if (address.size() > 2 && address.front() == '<' && address.back() == '>') {
    address = address.substr(1, address.size() - 2);
  }
  return std::string(address);
}

// The groups of fields of a message/delivery-status body, separated by empty lines.
std::vector<std::string_view> field_groups(std::string_view text) {
  std::vector<std::string_view> groups;
  std::size_t group_begin = 0;
  for (std::size_t at = 0; at <= text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) {
      if (at > group_begin) groups.push_back(text.substr(group_begin, at - group_begin));
      group_begin = end + 1;
    }
    at = end + 1;
  }
  if (group_begin < text.size()) groups.push_back(text.substr(group_begin));
  return groups;
}

}  // namespace

BounceKind bounce_kind(const DsnRecipient& recipient) {
  if (recipient.action == "failed") return BounceKind::hard;
  if (recipient.action == "delayed") return BounceKind::soft;
  if (recipient.action.empty() || recipient.action == "unknown") {
    if (recipient.status.starts_with("5")) return BounceKind::hard;
    if (recipient.status.starts_with("4")) return BounceKind::soft;
  }
  return BounceKind::none;
}

std::optional<DeliveryStatusNotice> parse_dsn(std::string_view message) {
  const Entity top = split_entity(message);
  const auto top_fields = header_fields(top.headers);
  const std::string content_type = field(top_fields, "content-type");
  if (media_type(content_type) != "multipart/report" ||
      lower(parameter(content_type, "report-type")) != "delivery-status") {
    return std::nullopt;
  }
  const std::string boundary = parameter(content_type, "boundary");
  if (boundary.empty()) return std::nullopt;
  DeliveryStatusNotice notice;
  bool has_status = false;
  for (const std::string_view raw : body_parts(top.body, boundary)) {
    const Entity part = split_entity(raw);
    const auto fields = header_fields(part.headers);
    const std::string type = media_type(field(fields, "content-type"));
    if (type == "message/delivery-status" || type == "message/global-delivery-status") {
      has_status = true;
      const std::string text = part_text(part);
      const std::vector<std::string_view> groups = field_groups(text);
      for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto group = header_fields(groups[g]);
        if (g == 0) {
          notice.arrival_date = field(group, "arrival-date");
          continue;
        }
        DsnRecipient recipient;
        recipient.address = typed_address(field(group, "final-recipient"));
        if (recipient.address.empty()) {
          recipient.address = typed_address(field(group, "original-recipient"));
        }
        recipient.action = lower(field(group, "action"));
        recipient.status = field(group, "status");
        recipient.diagnostic = field(group, "diagnostic-code");
        if (!recipient.address.empty()) notice.recipients.push_back(std::move(recipient));
      }
    } else if (type == "message/rfc822" || type == "text/rfc822-headers" ||
               type == "message/global" || type == "message/global-headers") {
      const std::string text = part_text(part);
      const Entity original = split_entity(text);
      notice.original_message_id = field(header_fields(original.headers), "message-id");
    }
  }
  if (!has_status) return std::nullopt;
  if (notice.arrival_date.empty()) notice.arrival_date = field(top_fields, "date");
  return notice;
}

std::string action_id_of_message_id(std::string_view message_id) {
  message_id = trim(message_id);
  if (message_id.size() < 3 || message_id.front() != '<' || message_id.back() != '>') return {};
  const std::string_view inside = message_id.substr(1, message_id.size() - 2);
  const std::size_t at = inside.find('@');
  if (at == std::string_view::npos || at == 0) return {};
  return std::string(inside.substr(0, at));
}

}  // namespace dun::adapters
