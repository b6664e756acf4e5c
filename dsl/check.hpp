// The checker: from a parsed file (ast::File) to typed scenarios (ir::Scenario), reporting every
// name, type, structure and template error of the file in one pass (language.md §2, §4, §5, §7).
// It never throws and never crashes on a partial tree: clauses the parser could not build are
// null and simply skipped.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/field_table.hpp"
#include "dsl/ir.hpp"
#include "dsl/source.hpp"

namespace dun::dsl {

struct CheckOptions {
  // Where `NAME.LANG.txt` templates live; nullopt skips the template checks (no folder known).
  std::optional<std::filesystem::path> templates_dir;
  // Every email/letter template must exist at least in this language.
  std::string default_language = "en";
  // The currency suggested when money is compared with a bare number ("did you mean '50 EUR'?").
  std::string suggested_currency = "EUR";
  // The fields expressions and templates may read: the built-in ones and dun.toml's [fields].
  FieldTable fields;
};

struct CheckedFile {
  // The scenarios without errors, in file order.
  std::vector<ir::Scenario> scenarios;
  // Per ast test block (same order): the index in `scenarios` of the scenario it exercises;
  // nullopt when that scenario is unknown or has errors.
  std::vector<std::optional<std::size_t>> test_scenarios;

  const ir::Scenario* find(std::string_view name) const;
};

CheckedFile check(const ast::File& file, const SourceFile& source, const CheckOptions& options,
                  Diagnostics& diagnostics);

}  // namespace dun::dsl
