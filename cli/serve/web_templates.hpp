// The workspace's pages: mustache templates (kainjow) read once from the shipped web/ folder
// (web/templates/NAME.mustache, web/style.css, web/app.js), every page rendered inside
// layout.mustache. Mustache escapes every {{value}} for HTML; only {{{body}}} and the server-made
// SVG charts are inserted as they are, and those are built from escaped parts.
//
// Immutable after load(): render() may be called from several threads at once.
#pragma once

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "stdlib/result.hpp"

namespace dun::cli {

using PageData = kainjow::mustache::data;

class WebTemplates {
 public:
  // Reads every template of `web_dir`/templates and the style sheet; fails naming a missing or
  // invalid template (with mustache's message).
  static Result<WebTemplates> load(const std::filesystem::path& web_dir);

  // The template `name` filled with `data`. REQUIRES: `name` was loaded.
  std::string render(const std::string& name, const PageData& data) const;
  const std::string& style() const { return style_; }
  const std::string& script() const { return script_; }

 private:
  std::map<std::string, std::string> sources_;  // copied into a mustache per render (its
                                                // render() is not const)
  std::string style_;
  std::string script_;  // web/app.js: select-all; every page works without it
};

}  // namespace dun::cli
