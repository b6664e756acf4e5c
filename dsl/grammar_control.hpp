// How the grammar fails and recovers (language.md §7):
//   - error_control: a rule that fails under `must` throws a parse_error whose message is the
//     rule's `expected` text (syntax_messages.hpp);
//   - recover<Rule, Level>: catches that error, records it, skips to the next keyword where
//     parsing can resume (`step`, `scenario`, `test`, `end`, …) and leaves a `recovered` mark in
//     the parse tree, so that one file reports all its independent errors;
//   - report<Message>: records an error without stopping (a missing `end`);
//   - depth_guard: bounds the nesting of expressions.
#pragma once

#include <string_view>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "dsl/keywords.hpp"
#include "dsl/parse_state.hpp"
#include "dsl/syntax_messages.hpp"

namespace dun::dsl::grammar {

namespace pegtl = tao::pegtl;

template <typename Input>
std::string_view rest_of(const Input& in) {
  return std::string_view(in.current(), in.size());
}

// The message of a rule that failed: rules declare `expected`, and optionally `suggest_level`
// (offer the closest keyword), `stray` (the rule exists only to reject what stands there) or
// `names` (the rule is a name: say why the word there is not one).
template <typename Rule, typename Input>
std::string failure_message(const Input& in, const ParseState& state) {
  if constexpr (requires { Rule::stray; }) {
    return stray_message(Rule::expected, rest_of(in), state, Rule::stray);
  } else if constexpr (requires { Rule::suggest_level; }) {
    return expected_message(Rule::expected, rest_of(in), state, true, Rule::suggest_level);
  } else if constexpr (requires { Rule::names; }) {
    return name_message(Rule::expected, rest_of(in), state);
  } else if constexpr (requires { Rule::expected; }) {
    return expected_message(Rule::expected, rest_of(in), state, false, Level::top);
  } else {
    return "unexpected '" + token_at(rest_of(in)) + "'";
  }
}

template <typename Rule>
struct error_control : pegtl::normal<Rule> {
  template <typename Input, typename... States>
  [[noreturn]] static void raise(const Input& in, States&&... states) {
    ParseState& state = find_parse_state(states...);
    // A keyword where a name belongs is the name, misspelled: recovery skips it.
    state.skip_error_token = requires { Rule::names; };
    throw pegtl::parse_error(failure_message<Rule>(in, state), in);
  }
};

// An empty rule whose node marks, in the parse tree, where a syntax error was skipped: the tree
// builder flags the enclosing step/scenario/test as incomplete.
struct recovered : pegtl::success {};

template <typename Rule, Level ResumeLevel>
struct recover {
  using rule_t = recover;
  using subs_t = pegtl::type_list<Rule>;

  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename Input, typename... States>
  static bool match(Input& in, States&&... states) {
    const char* const start = in.current();
    const std::size_t start_offset = in.iterator().byte;  // offsets are the file's, not the input's
    try {
      return Control<Rule>::template match<A, pegtl::rewind_mode::required, Action, Control>(
          in, states...);
    } catch (const pegtl::parse_error& error) {
      ParseState& state = find_parse_state(states...);
      const std::size_t error_offset = error.positions().front().byte;
      state.errors.push_back({error_offset, std::string(error.message())});
      // The input was rewound to `start`; move to the error, then on to where parsing resumes.
      if (error_offset > start_offset) in.bump(error_offset - start_offset);
      const bool stuck = in.current() == start;
      in.bump(resume_distance(rest_of(in), ResumeLevel, stuck || state.skip_error_token));
      state.skip_error_token = false;
      return Control<recovered>::template match<A, M, Action, Control>(in, states...);
    }
  }
};

// Records "expected <Message::expected>" where it stands and lets the parse go on.
template <typename Message>
struct report {
  using rule_t = report;
  using subs_t = pegtl::empty_list;

  template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
            template <typename...> class, typename Input, typename... States>
  static bool match(Input& in, States&&... states) {
    ParseState& state = find_parse_state(states...);
    state.errors.push_back({in.iterator().byte, failure_message<Message>(in, state)});
    return true;
  }
};

// An action for the recursive rules: deeper than ParseState::kMaxDepth is a syntax error.
struct depth_guard : pegtl::maybe_nothing {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename Input, typename... States>
  static bool match(Input& in, States&&... states) {
    ParseState& state = find_parse_state(states...);
    if (state.depth >= ParseState::kMaxDepth) {
      throw pegtl::parse_error("expression nested too deeply (more than " +
                                   std::to_string(ParseState::kMaxDepth) +
                                   " levels); split it with 'let'",
                               in);
    }
    ++state.depth;
    struct Leave {
      std::size_t& depth;
      ~Leave() { --depth; }
    } leave{state.depth};
    return pegtl::match<Rule, A, M, Action, Control>(in, states...);
  }
};

}  // namespace dun::dsl::grammar

namespace tao::pegtl {
template <typename Name, typename Rule, dun::dsl::Level L>
struct analyze_traits<Name, dun::dsl::grammar::recover<Rule, L>> : analyze_seq_traits<Rule> {};
template <typename Name, typename Message>
struct analyze_traits<Name, dun::dsl::grammar::report<Message>> : analyze_opt_traits<> {};
}  // namespace tao::pegtl
