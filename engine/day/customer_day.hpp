// The customer's view of a day (language.md §3.2): after the back ends have decided every invoice
// on its own (§3), the firing steps' actions are merged per customer — `group by customer`: one
// email and one letter action per customer and day; otherwise the `grouped` rule of §3 point 8 —
// then limited by the scenario's `at most N email|letter every D days`. A candidate action that
// gets no place is held: the decisions of its invoices become Outcome::hold (exactly as a false
// `wait until`: no event is recorded and the step stays due), and the actions are merged again
// from the steps that still fire. The run records the result; `dun explain`, `dun status` and
// `dun simulate` read the same plan, so none of them can tell a different story.
//
// The order of actions is deterministic (by customer, scenario, then step and action position, or
// the channel for a customer merge): the same day gives the same outbox on every back end.
//
// Ownership: a CustomerDay owns its vectors; DayActionMember::invoice views the Portfolio's
// invoice ids, which must outlive it. plan_customer_day is a pure function of its arguments
// (besides the lookup it calls), safe from several threads on distinct decisions.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "dsl/batch.hpp"
#include "dsl/channel.hpp"
#include "engine/day/day_plan.hpp"
#include "engine/portfolio/portfolio.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun {

// One invoice whose step fired into an action.
struct DayActionMember {
  std::uint32_t position = 0;  // in its scenario's batch
  std::string_view invoice;    // its id (a view of the Portfolio)
  std::uint8_t step = 0;       // its OWN step, the one it fires
};

// One action of the day, before it is built (rendered, given an id) by the run.
struct DayAction {
  std::uint32_t batch = 0;   // index in DayPlan::batches()
  std::uint8_t step = 0;     // the step whose action this is: for a merge, the one LAST in the
                             // scenario among the candidates (ties: the lower action position)
  std::uint32_t action = 0;  // the action's position in that step
  Channel channel = Channel::email;
  bool confirm = false;                  // `confirm` if any merged candidate is
  std::uint32_t customer = 0;            // customer row
  std::vector<DayActionMember> members;  // sorted by invoice id, one per invoice
};

// A candidate action the contact limit held today.
struct ContactHold {
  DayAction action;                  // what would have been sent
  std::int64_t limit_count = 0;      // N of `at most N … every D days`
  std::int64_t limit_days = 0;       // D
  std::size_t contacts = 0;          // the customer's contacts on the channel in the window
  std::optional<Date> last_contact;  // the latest of them (or today, when today's actions filled
                                     // the places)
  Date next_allowed;                 // the first day the limit lets one more through, counting
                                     // the actions that go out today
};

struct CustomerDay {
  std::vector<DayAction> actions;  // the actions that go out today, in recording order
  std::vector<ContactHold> holds;  // by customer row, then channel
  std::size_t held_invoices = 0;   // distinct invoices whose firing step the holds turned to hold
};

// The dates (created_on) of the customer's actions on the channel created from `first` to `last`
// (inclusive) that are not cancelled, one entry per action, any order: one vector per customer
// id of `customers`, in their order. The run answers from the state store.
using ContactLookup = std::function<Result<std::vector<std::vector<Date>>>(
    std::span<const std::string_view> customers, Channel channel, Date first, Date last)>;

// Merges and limits the day. `decisions[k]` are the decisions of plan.batches()[k] (empty for an
// empty batch); the held invoices' decisions become Outcome::hold. The lookup is called at most
// once per limited channel of each scenario, only for customers with a candidate on it; its error
// is returned as is. REQUIRES: decisions.size() == plan.batches().size() and each decisions[k]
// parallel to the batch's rows; `portfolio` is the plan's.
Result<CustomerDay> plan_customer_day(const DayPlan& plan, const Portfolio& portfolio,
                                      std::span<std::vector<dsl::Decision>> decisions,
                                      const ContactLookup& contacts);

// The actions of the day's firing steps, merged, without limits (what plan_customer_day starts
// from and ends with). Same REQUIRES.
std::vector<DayAction> merge_day_actions(const DayPlan& plan, const Portfolio& portfolio,
                                         std::span<const std::vector<dsl::Decision>> decisions);

}  // namespace dun
