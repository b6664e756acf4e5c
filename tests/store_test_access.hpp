// The store's own SQLite connection, for tests only: its per-connection pragmas (foreign keys,
// synchronous) can be seen nowhere else, and some tests damage the file through it. Production
// code talks to the store through StateStore's methods; engine/store/sqlite_db.hpp is private.
#pragma once

#include "engine/store/sqlite_db.hpp"
#include "engine/store/state_store.hpp"

namespace dun {

struct StateStoreTestAccess {
  // REQUIRES: `store` outlives every use of the returned connection and its statements.
  static sqlite::Database& database(StateStore& store) { return store.database_; }
};

}  // namespace dun
