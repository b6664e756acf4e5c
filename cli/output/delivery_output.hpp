// How the verbs that deliver (`dun run`, `dun deliver`, `dun send`) print a delivery pass.
#pragma once

#include "adapters/deliver.hpp"

namespace dun::cli {

// "  delivery: 3 sent, 1 failed (retried later), …" and the actions failed for good, the
// channels without an adapter and the problems, each on its own line, on stdout.
void print_delivery_summary(const adapters::DeliverySummary& summary);

}  // namespace dun::cli
