// The action of data-model.md's "Actions" example (an automatic first reminder by email), for the
// tests that need one realistic action.
#pragma once

#include "engine/model/action.hpp"

namespace dun::test {

inline Action data_model_example_action() {
  Action action;
  action.id = "4c1131c6ba6370326dc71f697e0555c5";
  action.created_on = *Date::parse("2026-11-22");
  action.status_on = *Date::parse("2026-11-22");
  action.scenario = "standard_b2b";
  action.step = "first";
  action.channel = Channel::email;
  action.mode = ActionMode::automatic;
  action.customer = "C0042";
  action.invoices = {"INV-1001", "INV-1007"};
  action.template_name = "first_reminder";
  action.language = "fr";
  action.to = "ap@client.example";
  action.copy = {"anna@ourco.example"};
  action.status = ActionStatus::queued;
  return action;
}

}  // namespace dun::test
