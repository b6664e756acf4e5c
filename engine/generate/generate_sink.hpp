// Where the generator writes a snapshot's tables: a CSV file per table, and/or a SQLite database.
// The snapshot writer formats each row once and hands the same fields to every sink.
//
// Calls come in the order begin_table, write_row…, end_table, one table at a time (REQUIRES).
// A sink copies what it keeps; it is used from one thread.
#pragma once

#include <span>
#include <string_view>

#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::generate {

class TableSink {
 public:
  virtual ~TableSink() = default;
  // Starts table `name` with these columns; one table at a time.
  virtual Status begin_table(std::string_view name, std::span<const std::string_view> columns) = 0;
  // One row, as many fields as columns; an empty field means "absent". The fields need only live
  // for the call. A write error is remembered and reported by end_table (no check per row).
  virtual void write_row(std::span<const std::string_view> fields) = 0;
  virtual Status end_table() = 0;
};

}  // namespace dun::generate
