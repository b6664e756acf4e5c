// The state store's schema, as migration steps (see schema.hpp). docs/state-store.md explains the
// tables; the comments here say why a column or index is there.
#include <array>

#include "engine/store/schema.hpp"

namespace dun {

namespace {

// Dates are ISO 'YYYY-MM-DD' text (they sort as dates and stay readable in the sqlite3 shell);
// times are ISO UTC 'YYYY-MM-DDTHH:MM:SSZ'. Lists of ids inside a row are JSON arrays; the rows
// that must be found by invoice have a side table (action_invoices).
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  run_date TEXT NOT NULL,
  snapshot_fingerprint TEXT NOT NULL,
  scenario_fingerprints TEXT NOT NULL,          -- JSON object: scenario name -> fingerprint
  started_at TEXT NOT NULL,
  ended_at TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'failed')),
  message TEXT,                                 -- why a failed run failed
  invoices INTEGER NOT NULL DEFAULT 0,
  actions INTEGER NOT NULL DEFAULT 0,
  events INTEGER NOT NULL DEFAULT 0,
  tasks INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0,
  evaluation_errors INTEGER NOT NULL DEFAULT 0
) STRICT;
-- "the last completed run" is asked by every run
CREATE INDEX runs_by_outcome_date ON runs (outcome, run_date);

-- One row per invoice that ever entered a sequence. WITHOUT ROWID: the invoice id is the only key
-- the run uses, and the load reads the table in key order.
CREATE TABLE sequences (
  invoice_id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  scenario TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'paused', 'closed', 'stopped')),
  last_step TEXT,                               -- by NAME; NULL before the first step
  started_on TEXT NOT NULL,
  updated_on TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sequences_by_customer ON sequences (customer_id);

-- Each step's event per invoice, keyed by scenario and step NAME so that an edited scenario keeps
-- its running sequences and a reassigned customer starts the new scenario afresh.
CREATE TABLE step_events (
  invoice_id TEXT NOT NULL REFERENCES sequences (invoice_id) ON DELETE CASCADE,
  scenario TEXT NOT NULL,
  step TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('fired', 'skipped', 'pending_confirmation',
                                         'waiting_task', 'completed')),
  reason TEXT,                                  -- for skipped: expired, condition, late, …
  event_date TEXT NOT NULL,
  action_id TEXT,                               -- the action or task that carries the step
  PRIMARY KEY (invoice_id, scenario, step)
) STRICT, WITHOUT ROWID;

-- The history. The rowid orders events of the same day in the order they happened.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  invoice_id TEXT,
  customer_id TEXT,
  event_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('step_fired', 'step_skipped', 'paused', 'resumed', 'closed',
                                     'reopened', 'stopped', 'quarantined', 'task_created',
                                     'task_confirmed', 'task_cancelled', 'task_completed',
                                     'delivery')),
  detail TEXT NOT NULL DEFAULT '',
  run_id INTEGER REFERENCES runs (id),
  CHECK (invoice_id IS NOT NULL OR customer_id IS NOT NULL)
) STRICT;
CREATE INDEX events_by_invoice ON events (invoice_id, event_date, id) WHERE invoice_id IS NOT NULL;
CREATE INDEX events_by_customer ON events (customer_id, event_date, id)
  WHERE customer_id IS NOT NULL;

-- The outbox. The id is the idempotency key (action_id.hpp): inserting it twice is a no-op.
CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  created_on TEXT NOT NULL,                     -- the date the step fired
  status_on TEXT NOT NULL,                      -- the date of the last status change
  scenario TEXT NOT NULL,
  step TEXT NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'letter', 'task')),
  letter_type TEXT CHECK (letter_type IN ('standard', 'registered', 'electronic')),
  mode TEXT NOT NULL CHECK (mode IN ('auto', 'confirm', 'task')),
  customer_id TEXT NOT NULL,
  invoices TEXT NOT NULL,                       -- JSON array, sorted
  template TEXT,
  language TEXT,
  recipient TEXT,
  copy TEXT NOT NULL DEFAULT '[]',              -- JSON array
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'pending_confirmation',
                                         'cancelled', 'open', 'completed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  provider_ref TEXT,
  payload TEXT NOT NULL DEFAULT '',
  tracking TEXT,                                -- the provider's latest tracking status
  CHECK ((channel = 'letter') = (letter_type IS NOT NULL))
) STRICT;  -- a rowid table: payloads can be kilobytes, too big for a WITHOUT ROWID row
-- `dun deliver` reads only what is left to deliver: a partial index stays small.
CREATE INDEX actions_to_deliver ON actions (status, created_on) WHERE status IN ('queued', 'failed');
CREATE INDEX actions_by_customer ON actions (customer_id, created_on);

CREATE TABLE action_invoices (
  action_id TEXT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  invoice_id TEXT NOT NULL,
  PRIMARY KEY (action_id, invoice_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_invoices_by_invoice ON action_invoices (invoice_id);

-- The agenda. A small integer id is what a collector types (`dun agenda confirm 12`); one task per
-- action, so re-running a day cannot create a second one.
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('confirm', 'task')),
  status TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'completed', 'cancelled')),
  created_on TEXT NOT NULL,
  scenario TEXT NOT NULL,
  step TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  invoices TEXT NOT NULL,                       -- JSON array, sorted
  action_id TEXT NOT NULL UNIQUE REFERENCES actions (id),
  assignee TEXT,
  text TEXT NOT NULL DEFAULT '',
  due_on TEXT,
  closed_on TEXT,
  closed_by TEXT,
  note TEXT,                                    -- e.g. the reason of a cancellation
  CHECK ((status = 'open') = (closed_on IS NULL))
) STRICT;
CREATE INDEX tasks_open ON tasks (created_on) WHERE status = 'open';

CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id),
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  column_name TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL,
  raw_id TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX quarantine_by_run ON quarantine (run_id);

-- The collector's overrides, which win over the snapshot: assign a customer to a scenario (or
-- 'none'), opt an invoice out, pause an invoice until a date.
CREATE TABLE overrides (
  kind TEXT NOT NULL CHECK (kind IN ('assign', 'optout', 'pause')),
  subject TEXT NOT NULL,                        -- customer id (assign) or invoice id
  scenario TEXT,                                -- assign only
  until_date TEXT,                              -- pause only
  set_on TEXT NOT NULL,
  set_by TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (kind, subject),
  CHECK ((kind = 'assign') = (scenario IS NOT NULL)),
  CHECK ((kind = 'pause') = (until_date IS NOT NULL))
) STRICT, WITHOUT ROWID;
)sql";

// Version 2: the jsonl adapter's own outbox. A line is stored in the transaction that creates or
// changes its action, appended to its file afterwards, and deleted once the file is synced; the
// file's size before an append is kept as an intent so that a crash in the middle of an append is
// undone (truncated) and redone exactly once (engine/store/store_jsonl.cpp).
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE jsonl_outbox (
  seq INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  line TEXT NOT NULL
) STRICT;
CREATE TABLE jsonl_intents (
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

// Version 3: the history records the collector's overrides (`dun assign`, `optout`, `optin`,
// `pause`, `resume`) as events of kind `override`. SQLite cannot change a CHECK constraint, so the
// table is rebuilt (ids, and with them the writing order, are kept) and its indexes made again.
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE events_v3 (
  id INTEGER PRIMARY KEY,
  invoice_id TEXT,
  customer_id TEXT,
  event_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('step_fired', 'step_skipped', 'paused', 'resumed', 'closed',
                                     'reopened', 'stopped', 'quarantined', 'task_created',
                                     'task_confirmed', 'task_cancelled', 'task_completed',
                                     'delivery', 'override')),
  detail TEXT NOT NULL DEFAULT '',
  run_id INTEGER REFERENCES runs (id),
  CHECK (invoice_id IS NOT NULL OR customer_id IS NOT NULL)
) STRICT;
INSERT INTO events_v3 (id, invoice_id, customer_id, event_date, kind, detail, run_id)
  SELECT id, invoice_id, customer_id, event_date, kind, detail, run_id FROM events;
DROP TABLE events;
ALTER TABLE events_v3 RENAME TO events;
CREATE INDEX events_by_invoice ON events (invoice_id, event_date, id) WHERE invoice_id IS NOT NULL;
CREATE INDEX events_by_customer ON events (customer_id, event_date, id)
  WHERE customer_id IS NOT NULL;
)sql";

// Version 4: the CHECKs of the tables a run writes compare with `=` joined by OR instead of
// `IN (…)`. SQLite evaluates an IN list of more than two constants through a temporary b-tree
// that it builds again at every execution of the statement: on a first run of a million invoices
// that was half the commit's CPU time (a new in-memory database per inserted row; callgrind,
// bench/RESULTS.md). The allowed values are the same. SQLite cannot change a CHECK in place, so
// each table is rebuilt (the migrator turns foreign keys off around the steps, as SQLite's
// ALTER TABLE guide asks) and its indexes are created again.
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE sequences_v4 (
  invoice_id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  scenario TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state = 'active' OR state = 'paused' OR state = 'closed' OR
                             state = 'stopped'),
  last_step TEXT,
  started_on TEXT NOT NULL,
  updated_on TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO sequences_v4 SELECT * FROM sequences;
DROP TABLE sequences;
ALTER TABLE sequences_v4 RENAME TO sequences;
CREATE INDEX sequences_by_customer ON sequences (customer_id);

CREATE TABLE step_events_v4 (
  invoice_id TEXT NOT NULL REFERENCES sequences (invoice_id) ON DELETE CASCADE,
  scenario TEXT NOT NULL,
  step TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status = 'fired' OR status = 'skipped' OR
                              status = 'pending_confirmation' OR status = 'waiting_task' OR
                              status = 'completed'),
  reason TEXT,
  event_date TEXT NOT NULL,
  action_id TEXT,
  PRIMARY KEY (invoice_id, scenario, step)
) STRICT, WITHOUT ROWID;
INSERT INTO step_events_v4 SELECT * FROM step_events;
DROP TABLE step_events;
ALTER TABLE step_events_v4 RENAME TO step_events;

CREATE TABLE events_v4 (
  id INTEGER PRIMARY KEY,
  invoice_id TEXT,
  customer_id TEXT,
  event_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind = 'step_fired' OR kind = 'step_skipped' OR kind = 'paused' OR
                            kind = 'resumed' OR kind = 'closed' OR kind = 'reopened' OR
                            kind = 'stopped' OR kind = 'quarantined' OR kind = 'task_created' OR
                            kind = 'task_confirmed' OR kind = 'task_cancelled' OR
                            kind = 'task_completed' OR kind = 'delivery' OR
                            kind = 'override'),
  detail TEXT NOT NULL DEFAULT '',
  run_id INTEGER REFERENCES runs (id),
  CHECK (invoice_id IS NOT NULL OR customer_id IS NOT NULL)
) STRICT;
INSERT INTO events_v4 SELECT * FROM events;
DROP TABLE events;
ALTER TABLE events_v4 RENAME TO events;
CREATE INDEX events_by_invoice ON events (invoice_id, event_date, id) WHERE invoice_id IS NOT NULL;
CREATE INDEX events_by_customer ON events (customer_id, event_date, id)
  WHERE customer_id IS NOT NULL;

CREATE TABLE actions_v4 (
  id TEXT PRIMARY KEY,
  created_on TEXT NOT NULL,
  status_on TEXT NOT NULL,
  scenario TEXT NOT NULL,
  step TEXT NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  channel TEXT NOT NULL CHECK (channel = 'email' OR channel = 'letter' OR channel = 'task'),
  letter_type TEXT CHECK (letter_type = 'standard' OR letter_type = 'registered' OR
                          letter_type = 'electronic'),
  mode TEXT NOT NULL CHECK (mode = 'auto' OR mode = 'confirm' OR mode = 'task'),
  customer_id TEXT NOT NULL,
  invoices TEXT NOT NULL,
  template TEXT,
  language TEXT,
  recipient TEXT,
  copy TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL CHECK (status = 'queued' OR status = 'sent' OR status = 'failed' OR
                              status = 'pending_confirmation' OR status = 'cancelled' OR
                              status = 'open' OR status = 'completed'),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  provider_ref TEXT,
  payload TEXT NOT NULL DEFAULT '',
  tracking TEXT,
  CHECK ((channel = 'letter') = (letter_type IS NOT NULL))
) STRICT;
INSERT INTO actions_v4 SELECT * FROM actions;
DROP TABLE actions;
ALTER TABLE actions_v4 RENAME TO actions;
CREATE INDEX actions_to_deliver ON actions (status, created_on) WHERE status IN ('queued', 'failed');
CREATE INDEX actions_by_customer ON actions (customer_id, created_on);

CREATE TABLE tasks_v4 (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind = 'confirm' OR kind = 'task'),
  status TEXT NOT NULL CHECK (status = 'open' OR status = 'confirmed' OR status = 'completed' OR
                              status = 'cancelled'),
  created_on TEXT NOT NULL,
  scenario TEXT NOT NULL,
  step TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  invoices TEXT NOT NULL,
  action_id TEXT NOT NULL UNIQUE REFERENCES actions (id),
  assignee TEXT,
  text TEXT NOT NULL DEFAULT '',
  due_on TEXT,
  closed_on TEXT,
  closed_by TEXT,
  note TEXT,
  CHECK ((status = 'open') = (closed_on IS NULL))
) STRICT;
INSERT INTO tasks_v4 SELECT * FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_v4 RENAME TO tasks;
CREATE INDEX tasks_open ON tasks (created_on) WHERE status = 'open';

CREATE TABLE overrides_v4 (
  kind TEXT NOT NULL CHECK (kind = 'assign' OR kind = 'optout' OR kind = 'pause'),
  subject TEXT NOT NULL,
  scenario TEXT,
  until_date TEXT,
  set_on TEXT NOT NULL,
  set_by TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (kind, subject),
  CHECK ((kind = 'assign') = (scenario IS NOT NULL)),
  CHECK ((kind = 'pause') = (until_date IS NOT NULL))
) STRICT, WITHOUT ROWID;
INSERT INTO overrides_v4 SELECT * FROM overrides;
DROP TABLE overrides;
ALTER TABLE overrides_v4 RENAME TO overrides;
)sql";

// Version 5: delivery (docs/delivery.md). On an action: when the next automatic attempt is due
// (NULL: none: delivered, or failed for good), whether an attempt was started and not finished (a
// crash there is an unknown outcome), whether the last outcome was unknown, and the proof file
// downloaded for it. The document is rendered once, at the first attempt, and kept: a retry hands
// the adapter the same bytes (the same Message-ID, the same PDF). Tracking events are kept one
// row per (action, status, time), so polling a provider twice records nothing twice.
constexpr std::string_view kVersion5 = R"sql(
ALTER TABLE actions ADD COLUMN next_attempt_at TEXT;   -- ISO UTC 'YYYY-MM-DDTHH:MM:SSZ'
ALTER TABLE actions ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0
  CHECK (in_flight = 0 OR in_flight = 1);
ALTER TABLE actions ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0
  CHECK (uncertain = 0 OR uncertain = 1);
ALTER TABLE actions ADD COLUMN proof_path TEXT;
CREATE TABLE action_documents (
  action_id TEXT PRIMARY KEY REFERENCES actions (id) ON DELETE CASCADE,
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  envelope TEXT NOT NULL DEFAULT '{}'           -- JSON: SMTP envelope, letter addresses
) STRICT;  -- a rowid table: a PDF is far too big for a WITHOUT ROWID row
CREATE TABLE tracking_events (
  action_id TEXT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  status TEXT NOT NULL,                         -- normalised: accepted, printed, … signed
  occurred_at TEXT NOT NULL DEFAULT '',         -- as the provider reports it
  provider_status TEXT NOT NULL DEFAULT '',
  recorded_on TEXT NOT NULL,
  PRIMARY KEY (action_id, status, occurred_at)
) STRICT, WITHOUT ROWID;
)sql";

// Version 6: a run of one shard (`dun run --shard K/N`, docs/scale-out.md) records which one, as
// 'K/N'; NULL for an unsharded run. `dun shards report` reads it to check each store holds the
// shard its name says.
constexpr std::string_view kVersion6 = R"sql(
ALTER TABLE runs ADD COLUMN shard TEXT;
)sql";

// Version 7: which adapter made an action's last delivery attempt ([adapters.NAME] and its kind):
// `dun deliver --sync` asks that adapter about it and no other, so that switching
// [adapters.letter] from one kind to another does not poll the new provider for the old one's
// letters. `delivery_settings` is what the adapter did with the document (print options,
// postage), shown by `dun show`. `postage` is the letter's postage as the scenario or
// `dun send --postage` chose it (NULL: the adapter's default).
constexpr std::string_view kVersion7 = R"sql(
ALTER TABLE actions ADD COLUMN adapter_kind TEXT;
ALTER TABLE actions ADD COLUMN adapter_name TEXT;
ALTER TABLE actions ADD COLUMN delivery_settings TEXT;
ALTER TABLE actions ADD COLUMN postage TEXT
  CHECK (postage = 'priority' OR postage = 'economy' OR postage = 'ecopli');
)sql";

// Version 8: the accounts of the collectors' workspace (`dun users`, `dun serve`). Only the
// password's Argon2id hash is kept (libsodium's encoded string, which carries its own salt and
// parameters).
constexpr std::string_view kVersion8 = R"sql(
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role = 'collector' OR role = 'analyst' OR role = 'admin'),
  password_hash TEXT NOT NULL,
  created_on TEXT NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

// Version 9: the customer's view (language.md §3.2). A step event counts the repetitions of a
// `repeat` step (0: its first firing). The contact limit counts, per run and customer, the
// actions of one channel created in a window that are not cancelled: a partial index answers it
// from the customer's few rows, whatever the size of the outbox.
constexpr std::string_view kVersion9 = R"sql(
ALTER TABLE step_events ADD COLUMN repetition INTEGER NOT NULL DEFAULT 0 CHECK (repetition >= 0);
CREATE INDEX actions_contacts ON actions (customer_id, channel, created_on)
  WHERE status <> 'cancelled';
)sql";

// Version 10: the undo log of a run (`dun runs undo`, engine/store/store_undo.cpp). For each
// table a run changes in place, the row as it was before the run's first change to it (existed =
// 1), or only its key when the run inserted it (existed = 0); the run's own rows of `events` and
// `quarantine` carry its id already. The logs have the columns of their tables (a test checks it:
// a column added to one of those tables is added here too, in the same migration step).
// `last_event_id` is the newest history event before the run: what came after it is the run's or
// later. `fresh` = 1: the store held no sequence before the run (a first run), so its undo empties
// sequences and step_events and their rows are not logged one by one (a first run of a million
// invoices inserts a million). WITHOUT ROWID, keyed by run first: a run's log is written in key
// order and dropped as one range when the run falls out of the kept ones.
constexpr std::string_view kVersion10 = R"sql(
CREATE TABLE run_undo (
  run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  last_event_id INTEGER NOT NULL,
  fresh INTEGER NOT NULL DEFAULT 0 CHECK (fresh = 0 OR fresh = 1)
) STRICT;
CREATE TABLE undo_sequences (
  run_id INTEGER NOT NULL,
  existed INTEGER NOT NULL,
  invoice_id TEXT NOT NULL,
  customer_id TEXT,
  scenario TEXT,
  state TEXT,
  last_step TEXT,
  started_on TEXT,
  updated_on TEXT,
  PRIMARY KEY (run_id, invoice_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE undo_step_events (
  run_id INTEGER NOT NULL,
  existed INTEGER NOT NULL,
  invoice_id TEXT NOT NULL,
  scenario TEXT NOT NULL,
  step TEXT NOT NULL,
  status TEXT,
  reason TEXT,
  event_date TEXT,
  action_id TEXT,
  repetition INTEGER,
  PRIMARY KEY (run_id, invoice_id, scenario, step)
) STRICT, WITHOUT ROWID;
CREATE TABLE undo_actions (
  run_id INTEGER NOT NULL,
  existed INTEGER NOT NULL,
  id TEXT NOT NULL,
  created_on TEXT,
  status_on TEXT,
  scenario TEXT,
  step TEXT,
  position INTEGER,
  channel TEXT,
  letter_type TEXT,
  mode TEXT,
  customer_id TEXT,
  invoices TEXT,
  template TEXT,
  language TEXT,
  recipient TEXT,
  copy TEXT,
  status TEXT,
  attempts INTEGER,
  last_error TEXT,
  provider_ref TEXT,
  payload TEXT,
  tracking TEXT,
  next_attempt_at TEXT,
  in_flight INTEGER,
  uncertain INTEGER,
  proof_path TEXT,
  adapter_kind TEXT,
  adapter_name TEXT,
  delivery_settings TEXT,
  postage TEXT,
  PRIMARY KEY (run_id, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE undo_action_invoices (
  run_id INTEGER NOT NULL,
  existed INTEGER NOT NULL,
  action_id TEXT NOT NULL,
  invoice_id TEXT NOT NULL,
  PRIMARY KEY (run_id, action_id, invoice_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE undo_tasks (
  run_id INTEGER NOT NULL,
  existed INTEGER NOT NULL,
  id INTEGER NOT NULL,
  kind TEXT,
  status TEXT,
  created_on TEXT,
  scenario TEXT,
  step TEXT,
  customer_id TEXT,
  invoices TEXT,
  action_id TEXT,
  assignee TEXT,
  text TEXT,
  due_on TEXT,
  closed_on TEXT,
  closed_by TEXT,
  note TEXT,
  PRIMARY KEY (run_id, id)
) STRICT, WITHOUT ROWID;
)sql";

// Version 11: the index of sequences by customer goes. No statement reads sequences by customer
// (`dun status --customer` takes the customer's invoices from the snapshot and reads their
// sequences by key), yet every sequence a run inserted or upserted also wrote an entry in it, in
// customer order, i.e. on a page of its own: on a first run of a million invoices a tenth of the
// commit (bench/RESULTS.md). Dropping an index changes no row.
constexpr std::string_view kVersion11 = R"sql(
DROP INDEX IF EXISTS sequences_by_customer;
)sql";

constexpr std::array<std::string_view, 11> kMigrations = {
    kVersion1, kVersion2, kVersion3, kVersion4,  kVersion5, kVersion6,
    kVersion7, kVersion8, kVersion9, kVersion10, kVersion11};

}  // namespace

std::span<const std::string_view> schema_migrations() { return kMigrations; }

}  // namespace dun
