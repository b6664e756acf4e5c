// Template files (`NAME.LANG.txt`, docs/templates.md): an optional first line `Subject: …`, then
// the body. Text between braces is either a value (`{customer.name}`, `{total_overdue}`), the
// block `{items_list}`, or a conditional section `{if EXPR}…{else}…{end}` whose condition is a
// scenario expression, parsed by the language's parser, typed by its checker and evaluated by the
// reference interpreter. `{{` and `}}` write a literal brace. A template cannot do I/O or run
// code: it can only show the values of the field table (dsl/field_table.hpp) and
// template_values().
//
// compile_template() is shared by `dun check` (errors at the template's file:line:col) and the
// renderer (documents/render_template.hpp), so what the checker accepts is exactly what renders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/field_table.hpp"
#include "dsl/ir.hpp"
#include "dsl/source.hpp"

namespace dun::dsl {

struct TemplateNode {
  enum class Kind : std::uint8_t { text, value, items_list, condition };
  Kind kind = Kind::text;
  std::string text;  // text: the literal; value: the placeholder name ("customer.name")
  SourcePos pos;     // where it stands in the file
  // condition: a bool expression, the nodes shown when it holds, and those shown otherwise.
  ir::ExprPtr condition;
  std::vector<TemplateNode> then_nodes;
  std::vector<TemplateNode> else_nodes;
};

struct Template {
  std::string file;                                  // as named in diagnostics
  std::optional<std::vector<TemplateNode>> subject;  // the `Subject:` line, when there is one
  std::vector<TemplateNode> body;
};

// Parses and checks `file`. Every error is reported (each at its file:line:col); nullopt when
// there was one.
// `fields` are the values it may show and test: the built-in fields and dun.toml's custom ones.
std::optional<Template> compile_template(const SourceFile& file, Diagnostics& diagnostics,
                                         const FieldTable& fields = FieldTable());

}  // namespace dun::dsl
