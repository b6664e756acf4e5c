#include "engine/day/customer_day.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

namespace dun {
namespace {

// The key that orders and groups candidates: customer, scenario, then step and action position
// (with the invoice for an ungrouped action), or the channel for a `group by customer` merge.
std::string candidate_key(std::string_view customer, const dsl::ir::Scenario& scenario,
                          const dsl::ir::Step& step, std::size_t action, std::string_view invoice) {
  const dsl::ir::Action& spec = step.actions[action];
  std::string key(customer);
  key += '\0';
  key += scenario.name;
  key += '\0';
  if (scenario.group_by_customer && spec.channel != Channel::task) {
    key += '\x01';  // after no step name: merges sort after the customer's per-step actions
    key += to_string(spec.channel);
    return key;
  }
  key += step.name;
  key += '\0';
  key += std::to_string(action);
  if (!spec.grouped) {
    key += '\0';
    key += invoice;
  }
  return key;
}

// Whether candidate (step, action) represents a merge rather than `current`: its step comes later
// in the scenario, or the same step with a lower action position.
bool represents_before(std::uint8_t step, std::uint32_t action, const DayAction& current) {
  return step > current.step || (step == current.step && action < current.action);
}

// A candidate's rank for the limit: LAST step first, then the smallest invoice id.
bool ranks_before(const DayAction& a, const DayAction& b) {
  if (a.step != b.step) return a.step > b.step;
  return a.members.front().invoice < b.members.front().invoice;
}

// The first day on which fewer than `count` of `dates` fall in the window of `days` days.
// REQUIRES: dates.size() >= count >= 1.
Date first_day_allowed(std::vector<Date> dates, std::int64_t count, std::int64_t days) {
  std::sort(dates.begin(), dates.end(), std::greater<>());
  return dates[static_cast<std::size_t>(count - 1)] + static_cast<std::int32_t>(days);
}

}  // namespace

std::vector<DayAction> merge_day_actions(const DayPlan& plan, const Portfolio& portfolio,
                                         std::span<const std::vector<dsl::Decision>> decisions) {
  const Invoices& invoices = portfolio.invoices;
  const Customers& customers = portfolio.customers;
  std::map<std::string, DayAction> merged;
  for (std::uint32_t k = 0; k < plan.batches().size(); ++k) {
    const ScenarioBatch& batch = plan.batches()[k];
    if (batch.empty()) continue;
    const dsl::ir::Scenario& scenario = *batch.scenario->ir;
    for (std::uint32_t r = 0; r < batch.rows.size(); ++r) {
      const dsl::Decision& decision = decisions[k][r];
      if (decision.outcome != dsl::Outcome::fire) continue;
      const std::uint32_t row = batch.rows[r];
      const std::string_view invoice = invoices.id[row];
      const std::uint32_t customer = invoices.customer[row];
      const dsl::ir::Step& step = scenario.steps[decision.step];
      for (std::uint32_t a = 0; a < step.actions.size(); ++a) {
        const dsl::ir::Action& spec = step.actions[a];
        auto [entry, inserted] = merged.try_emplace(
            candidate_key(customers.id[customer], scenario, step, a, invoice), DayAction{});
        DayAction& action = entry->second;
        if (inserted || represents_before(decision.step, a, action)) {
          action.batch = k;
          action.step = decision.step;
          action.action = a;
          action.channel = spec.channel;
          action.customer = customer;
        }
        action.confirm = action.confirm || spec.confirm;
        if (std::none_of(action.members.begin(), action.members.end(),
                         [&](const DayActionMember& m) { return m.invoice == invoice; })) {
          action.members.push_back({r, invoice, decision.step});
        }
      }
    }
  }
  std::vector<DayAction> actions;
  actions.reserve(merged.size());
  for (auto& [key, action] : merged) {
    std::sort(
        action.members.begin(), action.members.end(),
        [](const DayActionMember& a, const DayActionMember& b) { return a.invoice < b.invoice; });
    actions.push_back(std::move(action));
  }
  return actions;
}

Result<CustomerDay> plan_customer_day(const DayPlan& plan, const Portfolio& portfolio,
                                      std::span<std::vector<dsl::Decision>> decisions,
                                      const ContactLookup& contacts) {
  CustomerDay day;
  std::vector<DayAction> candidates = merge_day_actions(plan, portfolio, decisions);
  const Date today = plan.date();
  for (std::uint32_t k = 0; k < plan.batches().size(); ++k) {
    const ScenarioBatch& batch = plan.batches()[k];
    if (batch.empty()) continue;
    for (const dsl::ir::ContactLimit& limit : batch.scenario->ir->limits) {
      // This scenario's candidates on the channel, per customer (candidates come by customer).
      std::vector<std::vector<const DayAction*>> per_customer;
      std::vector<std::string_view> customer_ids;
      for (const DayAction& candidate : candidates) {
        if (candidate.batch != k || candidate.channel != limit.channel) continue;
        const std::string_view id = portfolio.customers.id[candidate.customer];
        if (customer_ids.empty() || customer_ids.back() != id) {
          customer_ids.push_back(id);
          per_customer.emplace_back();
        }
        per_customer.back().push_back(&candidate);
      }
      if (customer_ids.empty()) continue;
      const Date first = today - static_cast<std::int32_t>(limit.days - 1);
      auto found = contacts(customer_ids, limit.channel, first, today);
      if (!found) return found.error();
      for (std::size_t c = 0; c < customer_ids.size(); ++c) {
        std::vector<const DayAction*>& ranked = per_customer[c];
        std::vector<Date> dates = (*found)[c];
        const std::size_t earlier = dates.size();
        const std::size_t places = earlier >= static_cast<std::size_t>(limit.count)
                                       ? 0
                                       : static_cast<std::size_t>(limit.count) - earlier;
        if (ranked.size() <= places) continue;
        std::stable_sort(ranked.begin(), ranked.end(), [](const DayAction* a, const DayAction* b) {
          return ranks_before(*a, *b);
        });
        for (std::size_t i = 0; i < places; ++i) dates.push_back(today);
        const std::optional<Date> last =
            dates.empty() ? std::nullopt
                          : std::optional<Date>(*std::max_element(dates.begin(), dates.end()));
        const Date next = first_day_allowed(dates, limit.count, limit.days);
        for (std::size_t i = places; i < ranked.size(); ++i) {
          day.holds.push_back({*ranked[i], limit.count, limit.days, earlier, last, next});
        }
      }
    }
  }
  if (day.holds.empty()) {
    day.actions = std::move(candidates);
    return day;
  }
  // A held candidate's invoices do not fire today: their other actions go too.
  for (const ContactHold& hold : day.holds) {
    for (const DayActionMember& member : hold.action.members) {
      dsl::Decision& decision = decisions[hold.action.batch][member.position];
      if (decision.outcome == dsl::Outcome::fire) ++day.held_invoices;
      decision.outcome = dsl::Outcome::hold;
    }
  }
  std::stable_sort(day.holds.begin(), day.holds.end(),
                   [](const ContactHold& a, const ContactHold& b) {
                     return std::tie(a.action.customer, a.action.channel) <
                            std::tie(b.action.customer, b.action.channel);
                   });
  day.actions = merge_day_actions(plan, portfolio, decisions);
  return day;
}

}  // namespace dun
