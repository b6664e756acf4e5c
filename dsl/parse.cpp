// Runs the grammar with PEGTL's parse tree (keeping only the nodes the tree builder reads),
// turns recovered syntax errors into diagnostics and hands the tree to the builder.
#include "dsl/parse.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "dsl/grammar.hpp"
#include "dsl/tree_builder.hpp"

namespace dun::dsl {

namespace g = grammar;
namespace pegtl = tao::pegtl;
namespace pt = tao::pegtl::parse_tree;

namespace {

// clang-format off
template <typename Rule>
using selector = pt::selector<Rule,
    pt::store_content::on<
        // leaves: exact text, for values and source ranges
        g::identifier_raw, g::object_raw, g::field_name_raw, g::number_raw, g::integer_raw,
        g::date_raw, g::string_raw, g::country_code_raw, g::currency_code_raw,
        g::language_code_raw, g::kw_true_raw, g::kw_false_raw, g::kw_business_raw,
        g::unit_day_raw, g::unit_week_raw, g::close_paren_raw, g::close_bracket_raw,
        g::kw_end_raw,
        // operators
        g::kw_or_raw, g::kw_and_raw, g::kw_in_raw, g::equal_raw, g::not_equal_raw, g::less_raw,
        g::less_equal_raw, g::greater_raw, g::greater_equal_raw, g::plus_raw, g::minus_raw,
        g::times_raw, g::divide_raw,
        // expressions
        g::numeric_literal, g::field_ref, g::call, g::list_literal, g::parenthesized,
        g::logical_not, g::negation, g::if_expr,
        // scenarios
        g::scenario_block, g::scenario_name, g::scenario_title, g::calendar_option,
        g::send_option, g::catch_up_option, g::applies_clause, g::pause_clause, g::stop_clause,
        g::let_decl, g::step_decl, g::step_name, g::at_clause, g::until_clause, g::when_clause,
        g::wait_clause, g::email_action, g::letter_action, g::task_action, g::template_name,
        g::letter_template_name, g::task_text, g::letter_type, g::to_option, g::copy_option,
        g::postage_option, g::postage_value,
        g::grouped_flag, g::confirm_flag, g::assign_option, g::due_option, g::recovered,
        g::group_option, g::limit_option, g::limit_channel, g::repeat_clause, g::repeat_bound,
        // tests
        g::test_block, g::test_name, g::test_for_scenario, g::test_customer, g::customer_id,
        g::customer_name, g::customer_segment, g::customer_language, g::customer_country,
        g::customer_currency, g::customer_email, g::customer_scenario, g::customer_credit_limit,
        g::test_scenario_ref, g::test_invoice, g::invoice_id, g::bare_invoice_id_raw, g::invoice_due, g::invoice_balance,
        g::invoice_amount, g::invoice_issued, g::invoice_promised, g::invoice_number,
        g::invoice_disputed, g::invoice_credit_note, g::invoice_no_dunning, g::test_on,
        g::event_date, g::event_invoice, g::expect_template, g::expect_nothing, g::expect_email,
        g::expect_letter, g::expect_task, g::expect_event, g::pay_event, g::confirm_event,
        g::complete_event, g::cancel_event, g::dispute_event, g::resolve_event,
        g::promise_event>,
    pt::fold_one::on<g::or_expr, g::and_expr, g::comparison, g::additive, g::multiplicative>>;
// clang-format on

// Sets what a '(' closes while a clause's value is parsed ("')' to close the condition").
struct context_guard : pegtl::maybe_nothing {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename Input, typename... States>
  static bool match(Input& in, States&&... states) {
    ParseState& state = find_parse_state(states...);
    struct Restore {
      ParseState& state;
      std::string_view saved;
      ~Restore() { state.context = saved; }
    } restore{state, state.context};
    state.context = Rule::context;
    return pegtl::match<Rule, A, M, Action, Control>(in, states...);
  }
};

template <typename Rule>
    struct action : std::conditional_t < requires {
  Rule::context;
}, context_guard, pegtl::nothing < Rule >> {};
template <>
struct action<g::expression> : g::depth_guard {};
template <>
struct action<g::logical_not> : g::depth_guard {};
template <>
struct action<g::negation> : g::depth_guard {};
template <>
struct action<g::kw_scenario> {
  template <typename... States>
  static void apply0(States&... states) {
    find_parse_state(states...).scenario_name = {};
  }
};
template <>
struct action<g::scenario_name> {
  template <typename Input, typename... States>
  static void apply(const Input& in, States&... states) {
    const std::string_view written = in.string_view();
    find_parse_state(states...).scenario_name = written.substr(0, identifier_length(written));
  }
};

void report(const SourceFile& file, const ParseState& state, Diagnostics& diagnostics) {
  for (const SyntaxError& error : state.errors) {
    diagnostics.error(file, file.position_at(error.offset), error.message);
  }
}

template <typename Rule>
std::unique_ptr<Node> run(pegtl::memory_input<>& in, ParseState& state) {
  try {
    return pt::parse<Rule, selector, action, g::error_control>(in, state);
  } catch (const pegtl::parse_error& error) {  // an error outside every recovery point
    state.errors.push_back({error.positions().front().byte, std::string(error.message())});
    return nullptr;
  }
}

}  // namespace

ast::File parse(const SourceFile& file, Diagnostics& diagnostics) {
  pegtl::memory_input<> in(file.text(), file.name());
  ParseState state;
  const std::unique_ptr<Node> root = run<g::file>(in, state);
  report(file, state, diagnostics);
  if (!root) return {};
  TreeBuilder builder(file, diagnostics);
  return builder.file(*root);
}

ast::ExprPtr parse_placeholder(const SourceFile& file, std::size_t begin, std::size_t end,
                               Diagnostics& diagnostics) {
  const SourcePos start = file.position_at(begin);
  pegtl::memory_input<> in(file.text().data() + begin, file.text().data() + end, file.name(), begin,
                           start.line, start.column);
  ParseState state;
  state.context = "placeholder";
  state.end_of_input = "'}'";
  const std::unique_ptr<Node> root = run<g::placeholder>(in, state);
  report(file, state, diagnostics);
  if (!root || root->children.empty()) return nullptr;
  TreeBuilder builder(file, diagnostics);
  return builder.expr(*root->children.front());
}

}  // namespace dun::dsl
