#include "cli/serve/web_templates.hpp"

#include "stdlib/read_file.hpp"

namespace dun::cli {

Result<WebTemplates> WebTemplates::load(const std::filesystem::path& web_dir) {
  WebTemplates templates;
  const std::filesystem::path folder = web_dir / "templates";
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() != ".mustache") continue;
    auto text = read_file(entry.path());
    if (!text) return text.error();
    kainjow::mustache::mustache parsed(*text);
    if (!parsed.is_valid()) {
      return Error{entry.path().string() + ": " + parsed.error_message()};
    }
    templates.sources_[entry.path().stem().string()] = std::move(text).value();
  }
  if (error) {
    return Error{"the workspace's templates are not in " + folder.string() + " (" +
                 error.message() + "): is dun installed with its share/dun/web folder?"};
  }
  for (const char* needed :
       {"layout", "login", "dashboard", "customer", "agenda", "task", "document", "reports",
        "users", "message", "scenarios", "simulation"}) {
    if (!templates.sources_.count(needed)) {
      return Error{"the workspace's template " +
                   (folder / (std::string(needed) + ".mustache")).string() + " is missing"};
    }
  }
  auto style = read_file(web_dir / "style.css");
  if (!style) return style.error();
  templates.style_ = std::move(style).value();
  auto script = read_file(web_dir / "app.js");
  if (!script) return script.error();
  templates.script_ = std::move(script).value();
  return templates;
}

std::string WebTemplates::render(const std::string& name, const PageData& data) const {
  kainjow::mustache::mustache page(sources_.at(name));
  return page.render(data);
}

}  // namespace dun::cli
