// Builds the dashboard's StatusTable (dashboard_index.hpp) in the background: every invoice's
// status takes seconds to minutes on a large portfolio, so the workspace asks for a table and
// goes on serving pages (those that need no table at once, the others from the previous table
// with a note, or a "still building" note when there is none yet).
//
// Each request names a generation (a number the workspace raises whenever the store or the book
// changed); the builder computes one table at a time on its own live read-only connection to the
// store, for the latest generation requested, and keeps the last table it finished. A request
// made while a table is being built is served right after it (requests in between coalesce).
//
// Thread safety: every public method may be called from any thread. The builder's thread blocks
// every signal (the process's owner decides which thread takes them). The destructor waits for the
// table being built (the build checks no stop flag: it ends by itself), then joins the thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "cli/serve/dashboard_index.hpp"
#include "engine/analyst/status.hpp"

namespace dun::cli {

class StatusTableBuilder {
 public:
  explicit StatusTableBuilder(std::filesystem::path database);
  ~StatusTableBuilder();
  StatusTableBuilder(const StatusTableBuilder&) = delete;
  StatusTableBuilder& operator=(const StatusTableBuilder&) = delete;

  // Asks for the table of `book` on `date` at `generation`.
  void request(std::shared_ptr<const StatusBook> book, Date date, std::uint64_t generation);

  struct Latest {
    std::shared_ptr<const StatusTable> table;  // null until one was built
    std::uint64_t generation = 0;              // the generation `table` was built for
    std::shared_ptr<const StatusBook> book;    // the book `table` was built from
    bool building = false;
    std::chrono::steady_clock::time_point building_since;
    std::string problem;  // why the last build failed, empty when it did not
  };
  // The last table finished, waiting up to `wait` for the one of `generation` if it is not.
  Latest latest(std::uint64_t generation, std::chrono::milliseconds wait);

 private:
  void work();

  std::filesystem::path database_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stop_ = false;
  std::shared_ptr<const StatusBook> wanted_book_;  // the pending request, if any
  Date wanted_date_;
  std::uint64_t wanted_generation_ = 0;
  bool pending_ = false;
  Latest latest_;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace dun::cli
