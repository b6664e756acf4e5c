// Writes the snapshot of a scenario test's portfolio for one day, in the real CSV format of
// data-model.md, so `dun test` goes through the same loader as a production run. Writes files
// only; keeps nothing.
#pragma once

#include <filesystem>
#include <span>
#include <string_view>

#include "dsl/test_case.hpp"
#include "stdlib/custom_field.hpp"
#include "stdlib/date.hpp"
#include "stdlib/status.hpp"

namespace dun {

// The collector every test customer has, so `copy collector` and `assign collector` resolve.
inline constexpr std::string_view kTestCollectorId = "K1";

// Writes collectors.csv, customers.csv and invoices.csv into `folder` (created if needed) with
// the invoices already issued on `today` (issue date <= today), as they stand that day. The
// custom fields of dun.toml's [fields] get their columns, empty: a test's rows take each field's
// default, or leave it absent.
Status write_test_snapshot(const dsl::TestCase& test,
                           std::span<const dsl::TestInvoiceData> invoices, Date today,
                           const std::filesystem::path& folder,
                           std::span<const CustomFieldDeclaration> custom_fields = {});

}  // namespace dun
