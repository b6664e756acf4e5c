// One load of the run done on a thread of its own while the caller's thread does another (the
// state store's sequences while the snapshot loads, docs/state-store.md "The two loads side by
// side"), timed on that thread so that each load reports its own wall and CPU time.
//
// An OverlappedLoad owns the load until join(): from construction the load may be running, so
// whatever it reads or writes (a StateStore's connection) belongs to it, and the caller must not
// touch that until join() returns. Destroying it unjoined (an early return, an exception on the
// caller's side) waits for a started load to finish and drops its result: a thread is never left
// running. An exception thrown by the load is rethrown by join(). Not copyable; join() once.
#pragma once

#include <time.h>

#include <chrono>
#include <functional>
#include <future>
#include <system_error>
#include <utility>

namespace dun {

// The CPU time of the calling thread, in seconds.
inline double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

template <typename T>
class OverlappedLoad {
 public:
  // What the load returned, and the wall and CPU time it took on the thread that ran it.
  struct Timed {
    T value;
    double seconds = 0;
    double cpu_seconds = 0;
  };

  // Starts `load` on a new thread when `overlap`; otherwise (or when no thread can be started)
  // join() runs it on the caller's thread, and an OverlappedLoad destroyed unjoined never runs it,
  // exactly as if the caller had not reached the load.
  OverlappedLoad(bool overlap, std::function<T()> load) {
    auto timed = [load = std::move(load)]() {
      const auto start = std::chrono::steady_clock::now();
      const double start_cpu = thread_cpu_seconds();
      T value = load();
      return Timed{std::move(value),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                   thread_cpu_seconds() - start_cpu};
    };
    if (overlap) {
      try {
        result_ = std::async(std::launch::async, timed);
        overlapped_ = true;
        return;
      } catch (const std::system_error&) {
        // No thread to be had (a process at its limit): the load runs in join(), as without
        // overlap.
      }
    }
    result_ = std::async(std::launch::deferred, std::move(timed));
  }
  OverlappedLoad(const OverlappedLoad&) = delete;
  OverlappedLoad& operator=(const OverlappedLoad&) = delete;
  // std::future's own destructor waits for a load started by std::async.
  ~OverlappedLoad() = default;

  // True when the load runs on a thread of its own (beside the caller's work).
  bool overlapped() const { return overlapped_; }

  // Waits for the load (or runs it, when it was not started) and returns its result.
  // REQUIRES: not joined before.
  Timed join() { return result_.get(); }

 private:
  std::future<Timed> result_;
  bool overlapped_ = false;
};

}  // namespace dun
