// `dun gen`: writes a synthetic portfolio (engine/generate/generate.hpp) for the demo, tests and
// benchmarks.
#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "cli/verbs.hpp"
#include "engine/generate/generate.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun gen --invoices N --out DIR [--customers M] [--seed S] [--start DATE] [--days K] "
    "[--sqlite] [--custom-columns]\n"
    "\n"
    "Writes a synthetic, realistic portfolio snapshot (customers.csv, contacts.csv, "
    "collectors.csv,\n"
    "invoices.csv and a few invoice PDFs in pdf/) for demos, tests and benchmarks.\n"
    "\n"
    "  --invoices N    invoice rows of the (first) snapshot, credit notes included (required)\n"
    "  --out DIR       where to write; created if missing, snapshot files replaced (required)\n"
    "  --customers M   number of customers (default N/10); sizes are skewed: a few large accounts\n"
    "  --seed S        the random seed (default 1): same options, same bytes, on every platform\n"
    "  --start DATE    the snapshot date, YYYY-MM-DD (default 2026-01-01)\n"
    "  --days K        write K daily snapshots DIR/YYYY-MM-DD/ from --start that evolve by\n"
    "                  payments, new invoices, disputes and promises (default: one snapshot in "
    "DIR)\n"
    "  --sqlite        also write snapshot.db (same tables and columns) beside the CSV files\n"
    "  --custom-columns  also write two custom columns, customers.autopay (bool) and\n"
    "                  invoices.payment_url (a payment link, empty for some customers); declare\n"
    "                  them in dun.toml's [fields] to use them (docs/gen.md)\n"
    "\n"
    "example:\n"
    "  dun gen --invoices 100000 --seed 7 --out snapshot/\n"
    "  dun gen --invoices 5000 --days 30 --sqlite --out history/\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "dun gen: %s\nRun `dun gen --help` for the options and an example.\n",
               message.c_str());
  return 2;
}

std::optional<std::uint64_t> parse_count(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

int run_gen(Args args) {
  GenerateOptions options;
  bool have_invoices = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view flag = args[i];
    if (flag == "--help" || flag == "-h") {
      std::fputs(kHelp, stdout);
      return 0;
    }
    if (flag == "--sqlite") {
      options.sqlite = true;
      continue;
    }
    if (flag == "--custom-columns") {
      options.custom_columns = true;
      continue;
    }
    const bool takes_value = flag == "--invoices" || flag == "--customers" || flag == "--seed" ||
                             flag == "--start" || flag == "--days" || flag == "--out";
    if (!takes_value) return usage_error("unknown option '" + std::string(flag) + "'");
    if (i + 1 >= args.size()) return usage_error(std::string(flag) + " needs a value");
    const std::string_view value = args[++i];
    if (flag == "--out") {
      options.out_dir = std::string(value);
      continue;
    }
    if (flag == "--start") {
      const auto date = Date::parse(value);
      if (!date)
        return usage_error("--start '" + std::string(value) + "' is not a date like 2026-01-01");
      options.start = *date;
      continue;
    }
    const auto number = parse_count(value);
    if (!number)
      return usage_error(std::string(flag) + " '" + std::string(value) + "' is not a whole number");
    if (flag == "--invoices") {
      options.invoices = *number;
      have_invoices = true;
    } else if (flag == "--customers") {
      if (*number == 0) return usage_error("--customers must be at least 1");
      options.customers = *number;
    } else if (flag == "--seed") {
      options.seed = *number;
    } else if (*number == 0 || *number > kMaxGeneratedDays) {
      return usage_error("--days must be between 1 and " + std::to_string(kMaxGeneratedDays));
    } else {
      options.days = static_cast<std::uint32_t>(*number);
    }
  }
  if (!have_invoices) return usage_error("--invoices N is required (e.g. --invoices 10000)");
  if (options.out_dir.empty()) return usage_error("--out DIR is required (e.g. --out snapshot/)");
  if (auto valid = validate(options); !valid) return usage_error(valid.error().message);

  const auto started = std::chrono::steady_clock::now();
  const auto report = generate_portfolio(options);
  release_generator_caches();  // the process ends here: keep leak checkers quiet
  if (!report) {
    std::fprintf(stderr, "dun gen: %s\n", report.error().message.c_str());
    return 1;
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  std::printf(
      "dun gen: wrote %u snapshot%s to %s in %.2f s: customers %llu, contacts %llu, "
      "collectors %llu, invoices %llu, PDFs %u\n",
      report->snapshots, report->snapshots == 1 ? "" : "s", options.out_dir.c_str(),
      elapsed.count(), static_cast<unsigned long long>(report->customers),
      static_cast<unsigned long long>(report->contacts),
      static_cast<unsigned long long>(report->collectors),
      static_cast<unsigned long long>(report->invoices), report->pdfs);
  return 0;
}

}  // namespace dun::cli
