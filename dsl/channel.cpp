#include "dsl/channel.hpp"

#include <array>

#include "stdlib/enum_names.hpp"

namespace dun::dsl {
namespace {

constexpr std::array<std::string_view, 3> kChannels = {"email", "letter", "task"};
constexpr std::array<std::string_view, 3> kLetterTypes = {"standard", "registered", "electronic"};
constexpr std::array<std::string_view, 3> kPostages = {"priority", "economy", "ecopli"};

}  // namespace

std::string_view to_string(Channel channel) { return name_of(kChannels, channel); }
std::string_view to_string(LetterType letter_type) { return name_of(kLetterTypes, letter_type); }
std::string_view to_string(Postage postage) { return name_of(kPostages, postage); }

std::optional<Channel> parse_channel(std::string_view text) {
  return parse_by_name<Channel>(kChannels, text);
}
std::optional<LetterType> parse_letter_type(std::string_view text) {
  return parse_by_name<LetterType>(kLetterTypes, text);
}
std::optional<Postage> parse_postage(std::string_view text) {
  return parse_by_name<Postage>(kPostages, text);
}

}  // namespace dun::dsl
