// Fills a compiled template (dsl/template.hpp) with one action's data and gives the medium-free
// document (documents/document.hpp) that the email and letter builders lay out.
//
// What the values are (docs/templates.md): fields read the snapshot — `invoice.*` is the first
// item of the action by id, `customer.*` its customer with the day's aggregates, `collector.*`
// the customer's collector (the company's contact details when it has none), `company.*` the
// config. `{items_list}` is a table of the items, `{total_overdue}` the balance of the overdue
// invoices among them, `{late_interest}` the interest due on those to `today`, and
// `{recovery_indemnity}` the configured fixed indemnity per invoice. Money and dates are
// formatted by ICU in the document's locale. `{if EXPR}` conditions are evaluated by the
// reference interpreter on the first item, exactly like a scenario's clauses.
//
// A DocumentRenderer keeps one ICU formatter per locale: reuse it for many documents. It keeps
// references to the Config and the LateInterestRate it was made with (both must outlive it), owns
// its formatters and the evaluator of conditions, and is not thread-safe: one per thread.
// documents/action_document.hpp drives it for an action; few callers need it directly.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "documents/document.hpp"
#include "documents/locale_format.hpp"
#include "dsl/batch.hpp"
#include "dsl/template.hpp"
#include "engine/base/config.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio.hpp"
#include "stdlib/late_interest.hpp"
#include "stdlib/result.hpp"

namespace dun {

// One action's data. Every pointer must outlive the render call.
struct RenderRequest {
  const Portfolio* portfolio = nullptr;
  const CustomerAggregates* aggregates = nullptr;  // for `today`
  const dsl::PortfolioColumns* columns = nullptr;  // the same portfolio, for conditions
  RowIndex customer = kNoRow;
  std::vector<RowIndex> items;  // the invoices of the action, sorted by id; at least one
  Date today;
  std::string language;  // the document's language: that of the template file used
  // The ICU locale the figures and fixed words follow: the language with the customer's country
  // ("en_GB"); empty means the language alone.
  std::string locale;
  // Letters may show the customer's whole statement: every open item, credit notes included,
  // instead of the action's items, in `{items_list}`.
  bool statement = false;
};

class DocumentRenderer {
 public:
  // `late_interest` follows config.company.late_interest_rate; both must outlive the renderer.
  DocumentRenderer(const Config& config, const LateInterestRate& late_interest);
  ~DocumentRenderer();

  // Fails on a value the data cannot give (an unknown field, a missing exchange rate, an `{if}`
  // that cannot be evaluated, a date or limit the customer does not have). REQUIRES: request's
  // pointers are set and request.items holds at least one row.
  Result<RenderedDocument> render(const dsl::Template& source, const RenderRequest& request);

  // For the letter around the body: the company, the customer's postal address, the place and
  // date line, the signature (the collector, else the company).
  Result<LetterInfo> letter_info(const RenderRequest& request, const std::string& letter_type);

  // ICU formatting in `locale` ("en_GB", or a language alone; cached).
  Result<const LocaleFormatter*> formatter(const std::string& locale);
  // The formatter of request.locale, else of request.language.
  Result<const LocaleFormatter*> formatter(const RenderRequest& request);

 private:
  struct Evaluator;
  const Config& config_;
  const LateInterestRate& late_interest_;
  std::map<std::string, LocaleFormatter> formatters_;
  std::unique_ptr<Evaluator> evaluator_;
};

}  // namespace dun
