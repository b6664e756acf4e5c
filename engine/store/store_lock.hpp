// One writer per state store (docs/reliability.md): every command that changes the store (a run,
// a delivery pass, the agenda's confirm/complete/cancel, the overrides, `dun send`, reshard)
// holds an OS file lock on DATABASE.lock, beside the database, for as long as its StateStore is
// open. A second writer waits for it up to `wait`, then fails with a message naming the holder
// (its pid, its command, since when), which the holder writes into the lock file.
//
// The lock is flock(2) on the lock file: the kernel frees it when its process ends, however it
// ends (kill -9 included), so a crash never leaves a store locked, and a lock held means a live
// process. That is what makes an attempt found in flight by a lock holder a crash's leftover
// (adapters/deliver.hpp): the process that started it is gone.
//
// Within one process the lock is shared: opening a second StateStore on a file this process
// already holds does not wait (a process does not lock itself out; SQLite's own locks keep its
// connections apart). The lock file is left in place when released (removing it would let two
// processes lock two different files of the same name).
//
// A StoreLock may be moved and copied (copies share the one hold); the lock is released when the
// last copy in the process is destroyed. Thread-safe: acquire may be called from any thread.
// Readers take no lock at all (StateStore::open_read_only).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "engine/base/config.hpp"
#include "stdlib/result.hpp"

namespace dun {

// Who takes the lock and how long it waits for another writer.
struct StoreWriter {
  std::string command = "dun";  // what a waiting writer's message names: "dun deliver"
  std::chrono::seconds wait{60};
};

// `command` waiting as long as the config's [store] lock_wait_seconds says.
StoreWriter store_writer(const Config& config, std::string command);

// The holder's line in the lock file, as read back for a message.
struct LockHolder {
  long pid = 0;
  std::string command;
  std::string since;  // ISO UTC time the lock was taken
};

// "(pid 4242, `dun run`, since 2026-03-02T02:00:00Z)", or "" when the lock file named no holder:
// what a message says of the holder after naming it.
std::string holder_details(const LockHolder& holder);

class StoreLock {
 public:
  // DATABASE.lock ("dun.db" → "dun.db.lock").
  static std::filesystem::path path_for(const std::filesystem::path& database);

  // Takes the lock of `database`, waiting up to writer.wait while another process holds it.
  // Fails with "dun.db is being changed by another dun process (pid 4242, `dun deliver`, since
  // …): waited 60 s …" after the wait, or when the lock file cannot be created (a read-only
  // folder: the message says that only reading commands work there).
  static Result<StoreLock> acquire(const std::filesystem::path& database,
                                   const StoreWriter& writer);

  // What the lock file says of its last holder (empty fields when it says nothing readable).
  static LockHolder read_holder(const std::filesystem::path& database);

  // The holder when another process holds the lock of `database` right now, else nothing (free,
  // held by this process, or no lock file). Takes no lock: for telling a writer that could not
  // get the lock whether it was busy (and who with) or failed for another reason.
  static std::optional<LockHolder> held_elsewhere(const std::filesystem::path& database);

 private:
  struct Hold;
  explicit StoreLock(std::shared_ptr<Hold> hold) : hold_(std::move(hold)) {}
  std::shared_ptr<Hold> hold_;
};

}  // namespace dun
