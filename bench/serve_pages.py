#!/usr/bin/python3
"""The workspace's dashboard pages on a large store, one at a time on loopback (bench/RESULTS.md):
how long `dun serve` takes to listen, then each page's time as a client sees it (a fresh HTTP
connection per page, as curl makes): the first page, then (once the background status table is
ready: how long that took is printed) filtered pages, the 50th page reached through the cursors,
the pages sorted by due date, by last and next follow-up and filtered by state. Each page is asked REPEAT times; the median and the slowest are printed.
Timed, so never part of the tests.

usage: serve_pages.py DUN_BINARY FOLDER USER PASSWORD [REPEAT]
  FOLDER holds dun.toml and a state store after `dun run`; USER an account of it.
"""
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests/workspace"))
from fixture import Client, Server  # noqa: E402

NEXT = re.compile(rb'href="([^"]+)" id="next-page"')


def timed(client, path):
    began = time.monotonic()
    response, body = client.get(path)
    took = time.monotonic() - began
    assert response.status == 200, (path, response.status, body[:500])
    return took, body


def report(client, label, path, repeat):
    times = []
    for _ in range(repeat):
        took, body = timed(client, path)
        times.append(took)
    rows = body.count(b"<tr>") - 1
    print("%-44s median %7.1f ms  max %7.1f ms  (%d rows)  %s" % (
        label, statistics.median(times) * 1000, max(times) * 1000, max(rows, 0), path))
    return body


def page_path(body):
    found = NEXT.search(body)
    return found.group(1).decode().replace("&amp;", "&") if found else None


def fiftieth(client, path):
    """The path of the 50th page from `path`, through the next-page links."""
    for _ in range(49):
        _, body = timed(client, path)
        path = page_path(body)
    return path


def main():
    dun, folder, user, password = sys.argv[1:5]
    repeat = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    began = time.monotonic()
    server = Server(dun, folder)
    print("dun serve listening after %.2f s (the snapshot loaded, the status table started)"
          % (time.monotonic() - began))
    try:
        client = Client(server.port, timeout=900)
        client.login(user, password)
        report(client, "first page, while the table is being built", "/", 1)
        report(client, "by next follow-up, while it is being built", "/?sort=next", 1)
        waited = time.monotonic()
        while b'id="table-note"' in client.get("/?sort=next")[1]:
            time.sleep(1)
        print("status table ready %.1f s later" % (time.monotonic() - waited))
        report(client, "first page (by customer)", "/", repeat)
        report(client, "filtered: q=C0500 (customer id prefix)", "/?q=C0500", repeat)
        report(client, "filtered: q=I09999 (invoice id prefix)", "/?q=I09999", repeat)
        report(client, "filtered: automation=off", "/?automation=off", repeat)
        report(client, "filtered: scenario=standard_b2b", "/?scenario=standard_b2b", repeat)
        report(client, "sorted by due date", "/?sort=due", repeat)
        report(client, "50th page (by customer, through cursors)", fiftieth(client, "/"), repeat)
        report(client, "50th page (by due date)", fiftieth(client, "/?sort=due"), repeat)
        report(client, "sorted by next follow-up", "/?sort=next", repeat)
        report(client, "sorted by last follow-up", "/?sort=last", repeat)
        report(client, "filtered: state=active", "/?state=active", repeat)
        report(client, "50th page (by next follow-up)", fiftieth(client, "/?sort=next"), repeat)
    finally:
        code, _, err = server.stop()
        if code != 0:
            print("dun serve exited %d: %s" % (code, err))


if __name__ == "__main__":
    main()
