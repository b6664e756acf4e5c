#include "tests/conformance_runner/case_file.hpp"

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dun::conformance {

namespace {

constexpr std::string_view kSectionMark = "== ";
constexpr std::string_view kExpectedMark = "----";
constexpr int kActionFieldCount = 10;

[[noreturn]] void fail(const std::filesystem::path& path, int line, const std::string& reason) {
  throw std::runtime_error(path.string() + ":" + std::to_string(line) + ": " + reason);
}

std::vector<std::string> split_whitespace(const std::string& text) {
  std::istringstream stream(text);
  std::vector<std::string> tokens;
  for (std::string token; stream >> token;) tokens.push_back(token);
  return tokens;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool is_table_file(const std::string& name) {
  return name == "customers.csv" || name == "invoices.csv" || name == "contacts.csv" ||
         name == "collectors.csv";
}

// `key=value` options of a header, after its leading words.
std::string option_value(const std::vector<std::string>& tokens, std::string_view key) {
  const std::string prefix = std::string(key) + "=";
  for (const std::string& token : tokens) {
    if (starts_with(token, prefix)) return token.substr(prefix.size());
  }
  return {};
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> items;
  std::istringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

Operation parse_header(const std::filesystem::path& path, int line, const std::string& header) {
  const std::vector<std::string> tokens = split_whitespace(header);
  Operation operation;
  operation.line = line;
  if (tokens.empty()) fail(path, line, "a section header needs a kind after '=='");
  const std::string& kind = tokens[0];
  if (kind == "scenario") {
    operation.kind = OperationKind::scenario;
    operation.target = tokens.size() > 1 ? tokens[1] : "case.dun";
  } else if (kind == "dun.toml") {
    operation.kind = OperationKind::config;
  } else if (is_table_file(kind)) {
    operation.kind = OperationKind::table_replace;
    operation.target = kind;
  } else if ((kind == "patch" || kind == "delete") && tokens.size() == 2 &&
             is_table_file(tokens[1])) {
    operation.kind = kind == "patch" ? OperationKind::table_patch : OperationKind::table_delete;
    operation.target = tokens[1];
  } else if (kind == "run" && tokens.size() >= 2) {
    operation.kind = OperationKind::run;
    operation.date = tokens[1];
    for (std::size_t i = 2; i < tokens.size(); ++i) {
      if (tokens[i] == "refused") {
        operation.refused = true;
      } else if (starts_with(tokens[i], "errors=")) {
        operation.error_invoices = split_commas(tokens[i].substr(7));
      } else {
        fail(path, line, "unknown run option '" + tokens[i] + "' (refused, errors=I1,I2)");
      }
    }
  } else if (kind == "agenda" && tokens.size() >= 2) {
    operation.kind = OperationKind::agenda;
    operation.agenda_verb = tokens[1];
    operation.step = option_value(tokens, "step");
    operation.invoice = option_value(tokens, "invoice");
    operation.date = option_value(tokens, "date");
    if (operation.agenda_verb != "confirm" && operation.agenda_verb != "complete" &&
        operation.agenda_verb != "cancel") {
      fail(path, line, "agenda verbs are confirm, complete and cancel");
    }
    if (operation.step.empty() || operation.invoice.empty() || operation.date.empty()) {
      fail(path, line, "an agenda section needs step=, invoice= and date=");
    }
  } else if (kind == "assign" || kind == "optout" || kind == "optin" || kind == "pause" ||
             kind == "resume") {
    operation.kind = OperationKind::override_verb;
    operation.override_name = kind;
    for (std::size_t i = 1; i < tokens.size(); ++i) {
      if (tokens[i].find('=') == std::string::npos)
        operation.override_arguments.push_back(tokens[i]);
    }
    operation.date = option_value(tokens, "date");
    operation.until = option_value(tokens, "until");
    const std::size_t wanted = kind == "assign" ? 2 : 1;
    if (operation.override_arguments.size() != wanted || operation.date.empty()) {
      fail(path, line,
           "an override section is: assign CUSTOMER SCENARIO|none date=D, optout|optin|resume "
           "INVOICE date=D, or pause INVOICE until=D date=D");
    }
    if ((kind == "pause") != !operation.until.empty()) fail(path, line, "until= is for pause only");
  } else if (kind == "explain") {
    operation.kind = OperationKind::explain;
    if (tokens.size() >= 2 && tokens[1].find('=') == std::string::npos)
      operation.invoice = tokens[1];
    operation.date = option_value(tokens, "date");
    operation.decision = option_value(tokens, "decision");
    operation.why_words = split_commas(option_value(tokens, "why"));
    if (operation.invoice.empty() || operation.date.empty() || operation.decision.empty()) {
      fail(path, line, "an explain section is: explain INVOICE date=D decision=WORD [why=W1,W2]");
    }
  } else if (kind == "send" && tokens.size() >= 3) {
    operation.kind = OperationKind::send;
    operation.customer = tokens[1];
    operation.invoice = tokens[2];
    operation.channel = option_value(tokens, "channel");
    operation.template_name = option_value(tokens, "template");
    operation.date = option_value(tokens, "date");
    if (operation.channel.empty() || operation.template_name.empty() || operation.date.empty()) {
      fail(path, line,
           "a send section is: send CUSTOMER INVOICE[,INVOICE] channel=C template=T date=D");
    }
  } else {
    fail(path, line, "unknown section '" + header + "'");
  }
  return operation;
}

void parse_expected_line(const std::filesystem::path& path, int line, const std::string& text,
                         Case& result) {
  std::vector<std::string> tokens = split_whitespace(text);
  if (tokens.empty() || tokens[0].front() == '#') return;
  if (tokens[0] == "action") {
    if (tokens.size() != kActionFieldCount + 1) {
      fail(path, line,
           "an action line has 10 fields: date scenario step channel letter_type mode customer "
           "invoices template status");
    }
    std::string canonical;
    for (std::size_t i = 1; i < tokens.size(); ++i) canonical += (i > 1 ? " " : "") + tokens[i];
    result.expected_actions.push_back(canonical);
  } else if (tokens[0] == "event") {
    if (tokens.size() < 4) fail(path, line, "an event line is: event DATE INVOICE KIND [WORDS…]");
    ExpectedEvent event{line, tokens[1], tokens[2], tokens[3], {}};
    event.detail_words.assign(tokens.begin() + 4, tokens.end());
    result.expected_events.push_back(event);
  } else {
    fail(path, line, "after '----' a line starts with 'action', 'event' or '#'");
  }
}

// Bodies of CSV and config sections drop comments and blank lines; scenario bodies are verbatim.
bool keeps_line(const Operation& operation, const std::string& line) {
  if (operation.kind == OperationKind::scenario) return true;
  const std::size_t first = line.find_first_not_of(" \t");
  return first != std::string::npos && line[first] != '#';
}

}  // namespace

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-') {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

Case read_case_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  Case result;
  result.name = path.stem().string();
  bool in_expected = false;
  Operation* open_section = nullptr;
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (in_expected) {
      parse_expected_line(path, line_number, line, result);
    } else if (line == kExpectedMark) {
      in_expected = true;
      open_section = nullptr;
    } else if (starts_with(line, kSectionMark)) {
      result.operations.push_back(
          parse_header(path, line_number, line.substr(kSectionMark.size())));
      open_section = &result.operations.back();
    } else if (open_section != nullptr) {
      const bool has_body =
          open_section->kind != OperationKind::run && open_section->kind != OperationKind::agenda &&
          open_section->kind != OperationKind::override_verb &&
          open_section->kind != OperationKind::explain && open_section->kind != OperationKind::send;
      if (!keeps_line(*open_section, line)) continue;
      if (!has_body)
        fail(path, line_number, "run, agenda, override and explain sections have no body");
      open_section->text += line + "\n";
    } else if (!split_whitespace(line).empty() && line.front() != '#') {
      fail(path, line_number, "text outside a section (comments start with '#')");
    }
  }
  if (!in_expected) fail(path, line_number, "no '----' line before the expected output");
  return result;
}

}  // namespace dun::conformance
