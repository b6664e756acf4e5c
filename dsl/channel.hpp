// How an action reaches the customer: the channel of `email`, `letter` and `task` and the kind of
// a letter. One definition for the whole program: the syntax tree, the typed IR, the engine's
// actions (engine/model/action.hpp) and the adapters all use these, and their words are those of
// the language, the action JSON and the state store's CHECK constraints.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace dun::dsl {

enum class Channel : std::uint8_t { email, letter, task };
enum class LetterType : std::uint8_t { standard, registered, electronic };
// The postage of a paper letter (`letter standard "x" postage priority`): priority (first class,
// La Poste's "lettre prioritaire"), economy (slower, cheaper: "lettre verte") or ecopli (La
// Poste's cheapest, France only: checked against the customer's country at run time).
enum class Postage : std::uint8_t { priority, economy, ecopli };

// "email", "letter", "task"; "standard", "registered", "electronic".
std::string_view to_string(Channel channel);
std::string_view to_string(LetterType letter_type);
std::string_view to_string(Postage postage);  // "priority", "economy", "ecopli"
// The inverse of to_string: nullopt for any other word.
std::optional<Channel> parse_channel(std::string_view text);
std::optional<LetterType> parse_letter_type(std::string_view text);
std::optional<Postage> parse_postage(std::string_view text);

}  // namespace dun::dsl
