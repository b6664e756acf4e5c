// The templates folder (`NAME.LANG.txt`, data-model.md, or `NAME.LANG.md` for Markdown): finds a
// template in a language, falling back to the default language when that one has no file, and
// compiles each file once (dsl/template.hpp). Not thread-safe: find() compiles and caches.
//
// The library owns the compiled templates: FoundTemplate::source points into it and stays valid
// as long as the library lives (a template once compiled is never dropped or moved).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>

#include "dsl/field_table.hpp"
#include "dsl/template.hpp"
#include "stdlib/custom_field.hpp"
#include "stdlib/result.hpp"

namespace dun {

// The file name endings of templates, in the order find() prefers them.
inline constexpr const char* kTemplateExtensions[] = {".md", ".txt"};

struct FoundTemplate {
  const dsl::Template* source;
  std::string language;  // the language of the file used: the document is written in it
};

class TemplateLibrary {
 public:
  // `custom_fields` (dun.toml's [fields]) join the values templates may show and test.
  TemplateLibrary(std::filesystem::path folder, std::string default_language,
                  std::span<const CustomFieldDeclaration> custom_fields = {});

  // Fails when neither NAME.LANGUAGE.md|.txt nor NAME.DEFAULT.md|.txt exists or can be read, or
  // when the file does not compile (the first error, as file:line:col: message).
  Result<FoundTemplate> find(const std::string& name, const std::string& language);

 private:
  Result<const dsl::Template*> load(const std::string& file_name);
  std::filesystem::path folder_;
  std::string default_language_;
  std::map<std::string, dsl::Template> compiled_;  // by file name
  dsl::FieldTable fields_;
  std::optional<Error> fields_error_;  // the custom fields clash with built-in ones
};

}  // namespace dun
