#include "cli/serve/status_table_builder.hpp"

#include <pthread.h>
#include <signal.h>

namespace dun::cli {

StatusTableBuilder::StatusTableBuilder(std::filesystem::path database)
    : database_(std::move(database)), thread_([this] { work(); }) {}

StatusTableBuilder::~StatusTableBuilder() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void StatusTableBuilder::request(std::shared_ptr<const StatusBook> book, Date date,
                                 std::uint64_t generation) {
  {
    std::lock_guard lock(mutex_);
    wanted_book_ = std::move(book);
    wanted_date_ = date;
    wanted_generation_ = generation;
    pending_ = true;
    if (!latest_.building) {  // counted from the request: the wait is what a reader sees
      latest_.building = true;
      latest_.building_since = std::chrono::steady_clock::now();
      latest_.problem.clear();
    }
  }
  changed_.notify_all();
}

StatusTableBuilder::Latest StatusTableBuilder::latest(std::uint64_t generation,
                                                      std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, wait, [&] {
    return (latest_.table && latest_.generation >= generation) ||
           (!latest_.problem.empty() && !latest_.building);
  });
  return latest_;
}

void StatusTableBuilder::work() {
  // Signals are for the process's own threads (dun serve stops on SIGTERM through the thread
  // that waits for it): this one blocks them all, whenever it was started.
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, nullptr);
  std::optional<StateStore> store;  // this thread's own connection, opened on first use
  for (;;) {
    std::shared_ptr<const StatusBook> book;
    Date date;
    std::uint64_t generation = 0;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || pending_; });
      if (stop_) return;
      book = std::move(wanted_book_);
      date = wanted_date_;
      generation = wanted_generation_;
      pending_ = false;
    }
    std::shared_ptr<const StatusTable> table;
    std::string problem;
    if (!store) {
      auto opened = StateStore::open_live_read_only(database_);
      if (opened) {
        store = std::move(opened).value();
      } else {
        problem = opened.error().message;
      }
    }
    if (store) {
      auto day = book->prepare_day(*store, date);
      auto statuses =
          day ? book->all_statuses(*store, **day) : Result<std::vector<InvoiceStatus>>(day.error());
      if (statuses) {
        table = std::make_shared<const StatusTable>(*book, *statuses);
      } else {
        problem = statuses.error().message;
      }
    }
    {
      std::lock_guard lock(mutex_);
      latest_.building = pending_;  // another request came meanwhile: built next
      if (pending_) latest_.building_since = std::chrono::steady_clock::now();
      latest_.problem = problem;
      if (table) {
        latest_.table = std::move(table);
        latest_.generation = generation;
        latest_.book = std::move(book);
      }
    }
    changed_.notify_all();
  }
}

}  // namespace dun::cli
