// Status: success, or the reason for failure, for calls that return no value (Result<T> is the
// one that carries a value). A thin type over Error, so `return Error{...};` works in both.
#pragma once

#include <optional>
#include <utility>

#include "stdlib/result.hpp"

namespace dun {

class [[nodiscard]] Status {
 public:
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design, as Result
  static Status Ok() { return Status(); }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }

  // REQUIRES: !ok().
  const Error& error() const { return *error_; }

 private:
  Status() = default;
  std::optional<Error> error_;
};

}  // namespace dun
