// The analysts' pages: the scenarios (each file of [engine] scenarios with its scenarios, their
// steps as written and what `dun check` says of it) and the simulation (`dun simulate --days N`
// as a table per day and a bar chart drawn on the server). Both only read: the check reads the
// files, the simulation plays the days on a private copy of the store
// (engine/analyst/simulate.hpp).
#include <algorithm>
#include <charconv>
#include <map>

#include "cli/output/svg_chart.hpp"
#include "cli/serve/workspace.hpp"
#include "dsl/check.hpp"
#include "dsl/diagnostic_text.hpp"
#include "dsl/parse.hpp"
#include "engine/analyst/simulate.hpp"
#include "stdlib/read_file.hpp"

namespace dun::cli {
namespace {

namespace fs = std::filesystem;

// The web's bound on --days: each simulated day costs about one run.
constexpr int kMaxWebDays = 90;

// One scenario file: its scenarios and steps as written, and the checker's diagnostics.
PageData scenario_file(const fs::path& path, const Config& config, const dsl::FieldTable& fields) {
  PageData file;
  file.set("name", path.filename().string());
  auto text = read_file(path);
  if (!text) {
    file.set("problems", "cannot read " + path.string() + ": " + text.error().message);
    file.set("summary", "not checked");
    return file;
  }
  const dsl::SourceFile source(path.filename().string(), std::move(text).value());
  dsl::Diagnostics diagnostics;
  const dsl::ast::File ast = dsl::parse(source, diagnostics);
  dsl::CheckOptions options;
  options.templates_dir = config.engine.templates;
  options.default_language = config.company.language;
  options.fields = fields;
  dsl::check(ast, source, options, diagnostics);
  diagnostics.sort();
  std::size_t errors = 0, warnings = 0;
  std::string problems;
  for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
    (diagnostic.severity == dsl::Severity::error ? errors : warnings) += 1;
    problems += dsl::render_text(diagnostic, &source);
  }
  // dun check's summary line, word for word.
  file.set("summary", std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") +
                          std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings"));
  file.set("clean", errors + warnings == 0);
  file.set("problems", problems);
  PageData scenarios(PageData::type::list);
  for (const dsl::ast::Scenario& scenario : ast.scenarios) {
    PageData entry;
    entry.set("name", scenario.name.text);
    entry.set("title", scenario.title.value);
    PageData steps(PageData::type::list);
    for (const dsl::ast::Step& step : scenario.steps) {
      PageData row;
      row.set("name", step.name.text);
      row.set("line", std::to_string(step.range.begin.line));
      const std::uint32_t begin = step.range.begin.offset;
      const std::uint32_t end = std::max(begin, step.range.end.offset);
      row.set("source", source.text().substr(begin, end - begin));
      steps.push_back(row);
    }
    entry.set("steps", steps);
    scenarios.push_back(entry);
  }
  file.set("scenarios", scenarios);
  file.set("tests", std::to_string(ast.tests.size()));
  return file;
}

}  // namespace

void Workspace::scenarios(WebCall& call) {
  const fs::path& folder = options_.config.engine.scenarios;
  std::vector<fs::path> paths;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".dun") {
      paths.push_back(entry.path());
    }
  }
  if (error) {
    send_message(call, 500, "The scenarios cannot be read",
                 {"cannot list " + folder.string() + ": " + error.message() +
                  "; check [engine] scenarios in dun.toml"},
                 "/");
    return;
  }
  std::sort(paths.begin(), paths.end());
  auto fields = dsl::FieldTable::with_custom(options_.config.fields);
  if (!fields) {
    send_message(call, 500, "The scenarios cannot be checked", {fields.error().message}, "/");
    return;
  }
  PageData files(PageData::type::list);
  for (const fs::path& path : paths) files.push_back(scenario_file(path, options_.config, *fields));
  PageData data;
  data.set("folder", folder.string());
  data.set("files", files);
  data.set("none", paths.empty());
  send_page(call, "Scenarios", "scenarios", std::move(data));
}

void Workspace::simulation(WebCall& call) {
  PageData data;
  data.set("max_days", std::to_string(kMaxWebDays));
  const std::string days_text = call.param("days");
  data.set("days", days_text.empty() ? std::string("14") : days_text);
  if (!call.has("days")) {  // the form only: a simulation is asked for, never run by a visit
    send_page(call, "Simulation", "simulation", std::move(data));
    return;
  }
  int days = 0;
  const char* end = days_text.data() + days_text.size();
  const auto parsed = std::from_chars(days_text.data(), end, days);
  if (parsed.ec != std::errc() || parsed.ptr != end || days < 1 || days > kMaxWebDays) {
    send_message(call, 400, "Bad request",
                 {"days '" + days_text + "' is not a whole number of days from 1 to " +
                  std::to_string(kMaxWebDays) + " (dun simulate --days takes more)."},
                 "/simulate");
    return;
  }
  std::unique_lock one_at_a_time(simulation_mutex_, std::try_to_lock);
  if (!one_at_a_time.owns_lock()) {
    call.response.set_header("Retry-After", "30");
    send_message(call, 503, "A simulation is running",
                 {"Another simulation is being computed; try again when it is done."}, "/simulate");
    return;
  }
  Date today;
  {
    std::lock_guard lock(store_mutex_);  // only for the date: the simulation has its own copy
    today = change_date();
  }
  RunOptions run(options_.config);
  run.date = today;
  run.snapshot = options_.config.engine.snapshot;
  run.scenarios = options_.config.engine.scenarios;
  run.templates = options_.config.engine.templates;
  run.database = options_.config.engine.database;
  run.backend = BackendKind::interp;  // no JIT cache written beside the store by a page
  dsl::Diagnostics diagnostics;
  auto simulated = simulate(SimulateOptions{run, days, std::nullopt}, diagnostics);
  if (!simulated) {
    send_message(call, 500, "The simulation could not be done", {simulated.error().message},
                 "/simulate");
    return;
  }
  // Per day and channel, and per scenario, step and channel over all days.
  const std::vector<std::string> channels = {"email", "letter", "task"};
  BarChart chart{"Actions per day if nobody pays", "", {}, {}};
  std::vector<std::vector<double>> per_channel(channels.size());
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> totals;
  PageData day_rows(PageData::type::list);
  for (const SimulatedDay& day : simulated->days) {
    chart.categories.push_back(day.date.to_string());
    std::vector<std::size_t> counts(channels.size(), 0);
    for (const Action& action : day.actions) {
      const std::string channel(to_string(action.channel));
      const auto at = std::find(channels.begin(), channels.end(), channel);
      if (at != channels.end()) ++counts[static_cast<std::size_t>(at - channels.begin())];
      ++totals[{action.scenario, action.step, channel}];
    }
    PageData row;
    row.set("date", day.date.to_string());
    for (std::size_t c = 0; c < channels.size(); ++c) {
      per_channel[c].push_back(static_cast<double>(counts[c]));
      row.set(channels[c], std::to_string(counts[c]));
    }
    row.set("confirmed", std::to_string(day.tasks_confirmed));
    row.set("completed", std::to_string(day.tasks_completed));
    row.set("held", std::to_string(day.held_by_limit));
    row.set("errors", std::to_string(day.errors.size()));
    day_rows.push_back(row);
  }
  for (std::size_t c = 0; c < channels.size(); ++c) {
    chart.series.push_back({channels[c], per_channel[c]});
  }
  PageData total_rows(PageData::type::list);
  for (const auto& [key, count] : totals) {
    PageData row;
    row.set("scenario", std::get<0>(key));
    row.set("step", std::get<1>(key));
    row.set("channel", std::get<2>(key));
    row.set("actions", std::to_string(count));
    total_rows.push_back(row);
  }
  data.set("ran", true);
  data.set("from", simulated->from.to_string());
  data.set("invoices", std::to_string(simulated->invoices));
  data.set("chart", svg_bar_chart(chart));
  data.set("day_rows", day_rows);
  data.set("total_rows", total_rows);
  PageData warnings(PageData::type::list);
  for (const std::string& warning : simulated->warnings) {
    warnings.push_back(PageData("line", warning));
  }
  data.set("warnings", warnings);
  send_page(call, "Simulation", "simulation", std::move(data));
}

}  // namespace dun::cli
