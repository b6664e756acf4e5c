// The delivery facts of the state store (engine/model/delivery_records.hpp) as the batch columns
// the back ends read (dsl/batch.hpp: last_letter_status by invoice row, email_bounced by customer
// row), for one Portfolio. A plain value owning its two vectors; the columns handed to the back
// ends point into them, so it must outlive the batch that reads them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/model/delivery_records.hpp"
#include "engine/portfolio/portfolio.hpp"

namespace dun {

struct DeliveryColumns {
  std::vector<std::uint8_t> last_letter_status;  // dsl/letter_status.hpp's byte per invoice row
  std::vector<std::uint8_t> email_bounced;       // 1 per customer row whose address bounced
};

// A customer's collection address is its contact of role `collection`, else its billing email
// (the address an email reminder goes to): it "bounced" when that address, compared without case,
// is one of the customer's bounced ones.
DeliveryColumns delivery_columns(const Portfolio& portfolio, const DeliveryFacts& facts);

// The customers whose collection address bounced, as "C1 Acme SAS: ap@acme.example", by customer
// row: what the run's summary lists.
std::vector<std::string> bouncing_customers(const Portfolio& portfolio,
                                            const DeliveryColumns& columns);

}  // namespace dun
