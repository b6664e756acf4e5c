#!/usr/bin/env python3
"""Which b-trees of a state store a run rewrote: the pages that differ between two copies.

Usage: bench/dirty_pages.py BEFORE.db AFTER.db

BEFORE is a copy of the store taken before the run, AFTER the store after it; both must be
checkpointed (no WAL content: a store `dun` closed is). Prints, for each table or index, how many
of its pages differ and how many it has, largest first, and the total. A page that changed is a
page the run's commit wrote to the WAL and its checkpoint wrote again into the file, each with an
fsync: the I/O of a commit follows these counts, not the number of rows changed
(bench/RESULTS.md, eleventh round).

Pages are attributed to b-trees by SQLite's dbstat table of AFTER (of BEFORE for pages that are
free after); a page in neither is counted as "(free)".
"""
import collections
import os
import signal
import sqlite3
import sys


def fail(message):
    print(f"dirty_pages: {message}", file=sys.stderr)
    sys.exit(2)


def owners(path):
    """Page number -> table or index name, and the page size, of the store at `path`."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = dict(
            (page, name) for name, page in connection.execute("SELECT name, pageno FROM dbstat"))
    except sqlite3.DatabaseError as error:
        fail(f"{path}: {error} (is it a state store?)")
    finally:
        connection.close()
    return pages, page_size


def main(arguments):
    if len(arguments) != 2:
        fail("usage: bench/dirty_pages.py BEFORE.db AFTER.db")
    for path in arguments:
        if not os.path.isfile(path):
            fail(f"{path}: no such file")
        wal = path + "-wal"
        if os.path.exists(wal) and os.path.getsize(wal) > 0:
            fail(f"{wal} holds pages not yet in {path}: checkpoint it first "
                 f"(sqlite3 {path} 'PRAGMA wal_checkpoint(TRUNCATE)')")
    before_path, after_path = arguments
    before_owner, before_size = owners(before_path)
    after_owner, page_size = owners(after_path)
    if before_size != page_size:
        fail(f"the page sizes differ ({before_size} and {page_size} bytes): not copies of one store")

    changed = collections.Counter()
    total = collections.Counter()
    with open(before_path, "rb") as before, open(after_path, "rb") as after:
        page = 0
        while True:
            page += 1
            old = before.read(page_size)
            new = after.read(page_size)
            if not old and not new:
                break
            name = after_owner.get(page) or before_owner.get(page) or "(free)"
            if new:
                total[name] += 1
            if old != new:
                changed[name] += 1

    width = max([len(name) for name in changed] + [len("total")])
    print(f"{'b-tree':<{width}}  {'changed':>8}  {'of':>8}  {'MB':>8}")
    for name, count in changed.most_common():
        print(f"{name:<{width}}  {count:>8}  {total[name]:>8}  {count * page_size / 1e6:>8.1f}")
    all_changed = sum(changed.values())
    print(f"{'total':<{width}}  {all_changed:>8}  {sum(total.values()):>8}  "
          f"{all_changed * page_size / 1e6:>8.1f}")


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the listing quietly
    main(sys.argv[1:])
