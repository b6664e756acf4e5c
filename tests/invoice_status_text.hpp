// One line holding every field of an InvoiceStatus, for the suites that compare statuses computed
// two ways (the dashboard's bulk read, a page's rows, one customer's load): equal lines mean
// equal statuses, and a difference shows which field moved.
#pragma once

#include <optional>
#include <sstream>
#include <string>

#include "engine/analyst/status.hpp"

namespace dun::testing {

inline std::string text(const std::optional<Date>& date) { return date ? date->to_string() : "-"; }

inline std::string describe(const InvoiceStatus& s) {
  std::ostringstream out;
  out << s.invoice << " " << s.customer << " " << s.balance << " " << s.due_date.to_string() << " ["
      << s.scenario << "] " << s.automation << " [" << s.automation_note << "] " << s.state << " "
      << text(s.paused_until) << " " << text(s.last_date) << " " << s.last_step << " "
      << s.last_channel << " " << s.last_status << " [" << s.next_step << "] " << text(s.next_date)
      << " [" << s.next_note << "] " << s.held_by_limit;
  return out.str();
}

}  // namespace dun::testing
