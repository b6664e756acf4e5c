// The templates folder (`NAME.LANG.txt`, data-model.md, or `NAME.LANG.md` for Markdown): finds a
// template for a customer's language and country, most specific first — `NAME.fr_BE.md|.txt`,
// `NAME.fr.md|.txt`, then the default language's file (docs/templates.md) — and compiles each file
// once (dsl/template.hpp). Not thread-safe: find() compiles and caches.
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
  std::string language;  // the language of the file used ("fr"): the document is written in it
  std::string country;   // the country of a country's own file (`NAME.fr_BE.txt`: "BE"), else ""
};

class TemplateLibrary {
 public:
  // `custom_fields` (dun.toml's [fields]) join the values templates may show and test.
  TemplateLibrary(std::filesystem::path folder, std::string default_language,
                  std::span<const CustomFieldDeclaration> custom_fields = {});

  // The file for a customer writing `language` (`fr`, or a tag with its country, `pt_BR`) in
  // `country` (ISO 3166 alpha-2, may be empty): NAME.fr_BE, else NAME.fr, else NAME.DEFAULT, each
  // as .md (Markdown, preferred) or .txt. Fails when none exists or can be read, or when the file
  // does not compile (the first error, as file:line:col: message).
  Result<FoundTemplate> find(const std::string& name, const std::string& language,
                             std::string_view country = {});
  // Any file compiled as a template (`dun send --body-file`: free text whose placeholders are
  // filled and whose text goes through the same escaping as a template's), with the same errors.
  Result<const dsl::Template*> load_file(const std::filesystem::path& path);

 private:
  Result<const dsl::Template*> load(const std::string& file_name);
  std::filesystem::path folder_;
  std::string default_language_;
  std::map<std::string, dsl::Template> compiled_;  // by file name (load_file: by its path)
  dsl::FieldTable fields_;
  std::optional<Error> fields_error_;  // the custom fields clash with built-in ones
};

}  // namespace dun
