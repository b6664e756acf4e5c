#include "documents/template_library.hpp"

#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "stdlib/locale_tag.hpp"
#include "stdlib/read_file.hpp"

namespace dun {

TemplateLibrary::TemplateLibrary(std::filesystem::path folder, std::string default_language,
                                 std::span<const CustomFieldDeclaration> custom_fields)
    : folder_(std::move(folder)), default_language_(std::move(default_language)) {
  auto fields = dsl::FieldTable::with_custom(custom_fields);
  if (fields) {
    fields_ = std::move(fields).value();
  } else {
    fields_error_ = fields.error();
  }
}

Result<FoundTemplate> TemplateLibrary::find(const std::string& name, const std::string& language,
                                            std::string_view country) {
  if (fields_error_) return *fields_error_;
  const std::vector<std::string> candidates =
      template_languages(document_locale(language, country), default_language_);
  for (const std::string& candidate : candidates) {
    // A Markdown template (.md) is preferred to a plain-text one (.txt) of the same language.
    for (const char* extension : kTemplateExtensions) {
      const std::string file = name + "." + candidate + extension;
      std::error_code failure;
      if (!std::filesystem::is_regular_file(folder_ / file, failure)) continue;
      auto loaded = load(file);
      if (!loaded) return loaded.error();
      const LocaleTag tag = document_locale(candidate, {});
      return FoundTemplate{*loaded, tag.language, tag.country};
    }
  }
  std::string tried;
  for (const std::string& candidate : candidates) {
    tried += (tried.empty() ? "" : " nor ") + name + "." + candidate + ".txt";
  }
  return Error{"no template " + tried + " (nor their .md versions) in " + folder_.generic_string() +
               "/ (check the name, or --templates)"};
}

Result<const dsl::Template*> TemplateLibrary::load(const std::string& file_name) {
  return load_file(folder_ / file_name);
}

Result<const dsl::Template*> TemplateLibrary::load_file(const std::filesystem::path& path) {
  if (fields_error_) return *fields_error_;
  const std::string key = path.generic_string();
  if (auto found = compiled_.find(key); found != compiled_.end()) return &found->second;
  auto content = read_file(path);
  if (!content) return Error{"cannot read the template " + path.generic_string()};
  const dsl::SourceFile source(path.generic_string(), std::move(content).value());
  dsl::Diagnostics diagnostics;
  auto compiled = dsl::compile_template(source, diagnostics, fields_);
  if (!compiled) {
    for (const dsl::Diagnostic& item : diagnostics.items()) {
      if (item.severity != dsl::Severity::error) continue;
      return Error{item.file + ":" + std::to_string(item.pos.line) + ":" +
                   std::to_string(item.pos.column) + ": " + item.message +
                   " (run `dun check` for every error)"};
    }
    return Error{"the template " + path.generic_string() + " does not compile"};
  }
  return &compiled_.emplace(key, std::move(*compiled)).first->second;
}

}  // namespace dun
