// The idempotency key of an action: the same fired step always yields the same id, so re-running
// a day, or resuming after a crash, finds the action already in the outbox instead of creating a
// second one (data-model.md, "Actions").
//
// id = the first 128 bits, in lowercase hex (32 characters), of SHA-256 over a canonical encoding
// of (date the step fired, scenario, step, position of the action in the step, customer, the
// sorted set of invoices). Each text field is preceded by its length, so no two different inputs
// encode alike ("ab"+"c" vs "a"+"bc"). The encoding starts with a version tag: changing it would
// give every action a new id, so it is never changed for existing databases.
//
// ActionKey is a view: its string_views and span point into the caller's strings, which must
// outlive the call to make_action_id. make_action_id keeps nothing and is safe from any number of
// threads at once.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "stdlib/date.hpp"

namespace dun {

struct ActionKey {
  Date fired_on;
  std::string_view scenario;
  std::string_view step;
  int position = 0;
  std::string_view customer;
  std::span<const std::string> invoices;  // any order; sorted and de-duplicated for the key
};

std::string make_action_id(const ActionKey& key);

}  // namespace dun
