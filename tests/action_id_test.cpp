#include "engine/model/action_id.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace dun {
namespace {

struct KeyParts {
  Date fired_on = *Date::parse("2026-11-22");
  std::string scenario = "standard_b2b";
  std::string step = "first";
  int position = 0;
  std::string customer = "C0042";
  std::vector<std::string> invoices = {"INV-1001", "INV-1007"};

  std::string id() const {
    return make_action_id({fired_on, scenario, step, position, customer, invoices});
  }
};

TEST(ActionId, IsThirtyTwoLowercaseHexDigits) {
  const std::string id = KeyParts{}.id();
  ASSERT_EQ(id.size(), 32U);
  for (char c : id) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << id;
}

// Pinned: the id of an action must never change between dun versions, or a re-run after an
// upgrade would send every pending action again. The encoding is documented in action_id.hpp; this
// value was computed from it independently (python3 hashlib over the same bytes).
TEST(ActionId, IsStableAcrossVersions) {
  EXPECT_EQ(KeyParts{}.id(), "4c1131c6ba6370326dc71f697e0555c5");
}

TEST(ActionId, IsDeterministicAndIgnoresInvoiceOrderAndRepeats) {
  KeyParts reordered;
  reordered.invoices = {"INV-1007", "INV-1001", "INV-1007"};
  EXPECT_EQ(KeyParts{}.id(), KeyParts{}.id());
  EXPECT_EQ(reordered.id(), KeyParts{}.id());
}

TEST(ActionId, ChangesWithEveryInput) {
  const std::string base = KeyParts{}.id();
  std::vector<KeyParts> variants(7);
  variants[0].fired_on = variants[0].fired_on + 1;
  variants[1].scenario = "standard_b2c";
  variants[2].step = "second";
  variants[3].position = 1;
  variants[4].customer = "C0043";
  variants[5].invoices = {"INV-1001"};
  variants[6].invoices = {"INV-1001", "INV-1007", "INV-1008"};
  std::set<std::string> ids = {base};
  for (const KeyParts& variant : variants) ids.insert(variant.id());
  EXPECT_EQ(ids.size(), variants.size() + 1) << "two different keys gave the same id";
}

TEST(ActionId, FieldBoundariesCannotBeShifted) {
  KeyParts left;
  left.scenario = "ab";
  left.step = "c";
  KeyParts right;
  right.scenario = "a";
  right.step = "bc";
  EXPECT_NE(left.id(), right.id());

  KeyParts one_invoice;
  one_invoice.invoices = {"INV-1001INV-1007"};
  EXPECT_NE(one_invoice.id(), KeyParts{}.id());
}

}  // namespace
}  // namespace dun
