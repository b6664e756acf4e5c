// Templates of email and letter actions: `NAME.LANG.txt` (or `NAME.LANG.md`, Markdown) must exist
// in the templates folder at least in the default language (data-model.md: a missing language
// falls back to it).
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "dsl/check_context.hpp"
#include "stdlib/locale_tag.hpp"
#include "stdlib/suggest.hpp"

namespace dun::dsl::check_detail {
namespace {

bool is_template_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// The folder as the user wrote it, ending with '/': "templates/".
std::string display_folder(const std::filesystem::path& folder) {
  std::string text = folder.generic_string();
  if (text.empty() || text.back() != '/') text += '/';
  return text;
}

// NAME.LANG of a template file (NAME.LANG.txt, or NAME.LANG.md in Markdown); empty for another.
std::string template_stem(const std::string& file) {
  for (const std::string_view extension : {".txt", ".md"}) {
    if (file.size() > extension.size() && file.ends_with(extension)) {
      return file.substr(0, file.size() - extension.size());
    }
  }
  return {};
}

// NAME.LANG.txt or NAME.LANG.md for this NAME, in any language.
bool is_file_of(const std::string& file, const std::string& name) {
  const std::string stem = template_stem(file);
  return stem.starts_with(name + ".") && stem.find('.', name.size() + 1) == std::string::npos;
}

// Whether the folder holds NAME.LANG in either form.
bool has_template(const std::set<std::string>& files, const std::string& name_and_language) {
  return files.contains(name_and_language + ".txt") || files.contains(name_and_language + ".md");
}

// The languages of the folder: LANG of every NAME.LANG.txt or .md, and of every country's own
// NAME.LANG_COUNTRY.txt or .md (fr of fr_BE: its fr_FR customers need NAME.fr.txt too).
std::set<std::string> folder_languages(const std::set<std::string>& files) {
  std::set<std::string> languages;
  for (const std::string& file : files) {
    const std::string stem = template_stem(file);
    if (stem.empty()) continue;
    const std::size_t dot = stem.rfind('.');
    if (dot == std::string::npos || dot == 0) continue;
    if (auto tag = parse_locale_tag(stem.substr(dot + 1))) languages.insert(tag->language);
  }
  return languages;
}

}  // namespace

// The folder's other templates say which languages customers write in: a template missing one
// of them falls back to the default language, which the analyst should know before a French
// customer gets an English letter. A country's own version (NAME.fr_BE.txt) is optional: without
// it the language's file serves that country.
void Checker::warn_missing_languages(const std::string& name, SourcePos pos) {
  const TemplateIndex& index = templates();
  std::string missing;
  for (const std::string& language : folder_languages(index.files)) {
    if (language == options_.default_language) continue;
    if (has_template(index.files, name + "." + language)) continue;
    missing += (missing.empty() ? "" : ", ") + language;
  }
  if (missing.empty()) return;
  warning(pos, "template '" + name + "' has no version in " + missing + " (other templates of " +
                   display_folder(*options_.templates_dir) +
                   " do): those customers get the default language '" + options_.default_language +
                   "'; add " + name + ".LANG.txt to translate it");
}

// NAME.en_gb.txt or NAME.english.txt is never chosen: the lookup asks for NAME.en_GB.txt and
// NAME.en.txt (stdlib/locale_tag.hpp).
void Checker::warn_unreadable_locale(const std::string& file, const std::string& name,
                                     SourcePos pos) {
  const std::string tag = template_stem(file).substr(name.size() + 1);
  if (parse_locale_tag(tag)) return;
  warning(pos, "template file " + display_folder(*options_.templates_dir) + file +
                   " is never used: '" + tag +
                   "' is not a language (en) or a language and country (en_GB); rename it");
}

const TemplateIndex& Checker::templates() {
  if (templates_) return *templates_;
  TemplateIndex index;
  std::error_code failure;
  std::filesystem::directory_iterator it(*options_.templates_dir, failure);
  if (failure) {
    index.read_error = failure.message();
  } else {
    for (; it != std::filesystem::directory_iterator(); it.increment(failure)) {
      if (failure) break;
      const std::string file = it->path().filename().string();
      index.files.insert(file);
      // NAME.LANG.txt or NAME.LANG.md: the name is what stands before the language.
      const std::string stem = template_stem(file);
      if (stem.empty()) continue;
      const std::size_t dot = stem.rfind('.');
      if (dot == std::string::npos || dot == 0) continue;
      index.names.insert(stem.substr(0, dot));
    }
  }
  templates_ = std::move(index);
  return *templates_;
}

void Checker::check_template(const ast::Action& action) {
  if (!options_.templates_dir) return;
  const std::string& name = action.text.value;
  const SourcePos pos = action.text.range.begin;
  if (!is_template_name(name)) {
    error(pos, "template name '" + name +
                   "' may only hold letters, digits, '_' and '-' (it names the file NAME." +
                   options_.default_language + ".txt)");
    return;
  }
  const TemplateIndex& index = templates();
  const std::string folder = display_folder(*options_.templates_dir);
  if (index.read_error) {
    if (!templates_folder_reported_) {
      error(pos, "cannot read the templates folder " + folder + ": " + *index.read_error);
      templates_folder_reported_ = true;
    }
    return;
  }
  const std::string file = name + "." + options_.default_language + ".txt";
  if (has_template(index.files, name + "." + options_.default_language)) {
    // Each template's files are read once per check, in every language they exist in.
    if (!placeholders_checked_.insert(name).second) return;
    const std::size_t errors_before = diagnostics_.error_count();
    for (const std::string& other : index.files) {
      if (!is_file_of(other, name)) continue;
      check_template_placeholders(diagnostics_, *options_.templates_dir / other, options_.fields);
      warn_unreadable_locale(other, name, pos);
    }
    // A scenario whose template cannot be filled is not ready to run.
    error_count_ += diagnostics_.error_count() - errors_before;
    warn_missing_languages(name, pos);
    return;
  }
  std::string message;
  if (index.names.contains(name)) {
    std::string found;
    for (const std::string& other : index.files) {
      if (is_file_of(other, name)) {
        found += (found.empty() ? "" : ", ") + other;
      }
    }
    message = "template '" + name + "' has no file " + file + " in " + folder +
              " (the default language '" + options_.default_language + "' is required; found " +
              found + ")";
  } else {
    message = "unknown template '" + name + "': no file " + file + " in " + folder;
    const std::vector<std::string_view> names(index.names.begin(), index.names.end());
    if (auto close = closest_match(name, names)) message += "; did you mean '" + *close + "'?";
  }
  error(pos, std::move(message));
}

}  // namespace dun::dsl::check_detail
