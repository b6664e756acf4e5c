#!/usr/bin/python3
"""A bounded load test of the workspace's dashboard on loopback (bench/RESULTS.md): CLIENTS
concurrent users, each logged in, paging through the dashboard for SECONDS (the first page of a
sort or a filter, then the next pages through their cursors, nine pages each, sorts and filters
in turn). Prints the first page, waits until the background status table is ready, then prints
the number of pages, the pages per second and the latency median, 95th and 99th percentiles and
maximum. Timed, so never part of the tests.

usage: serve_load.py DUN_BINARY FOLDER USER PASSWORD [CLIENTS] [SECONDS]
  FOLDER holds dun.toml and a state store after `dun run`; USER an account of it.
"""
import re
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests/workspace"))
from fixture import Client, Server  # noqa: E402


def main():
    dun, folder, user, password = sys.argv[1:5]
    clients = int(sys.argv[5]) if len(sys.argv) > 5 else 20
    seconds = float(sys.argv[6]) if len(sys.argv) > 6 else 30
    server = Server(dun, folder)
    try:
        first = Client(server.port, timeout=900)
        first.login(user, password)
        started = time.monotonic()
        response, body = first.get("/")
        print("first dashboard page: %.3f s, HTTP %d, %d bytes"
              % (time.monotonic() - started, response.status, len(body)))
        while b'id="table-note"' in first.get("/?sort=next")[1]:
            time.sleep(0.5)
        print("status table ready %.1f s after the first page" % (time.monotonic() - started))
        latencies = []
        lock = threading.Lock()
        stop = time.monotonic() + seconds

        def user_loop(number):
            client = Client(server.port, timeout=900)
            client.login(user, password)
            starts = ["/?sort=customer", "/?sort=due", "/?sort=last", "/?sort=next",
                      "/?automation=on", "/?state=active", "/?q=C00", "/?scenario=standard_b2b"]
            path, turn = starts[number % len(starts)], number
            while time.monotonic() < stop:
                began = time.monotonic()
                response, body = client.get(path)
                took = time.monotonic() - began
                assert response.status == 200, response.status
                with lock:
                    latencies.append(took)
                following = re.search(rb'href="([^"]+)" id="next-page"', body)
                if following and turn % 10 != 9:
                    path = following.group(1).decode().replace("&amp;", "&")
                else:
                    path = starts[turn % len(starts)]
                turn += 1

        threads = [threading.Thread(target=user_loop, args=(n,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        latencies.sort()
        print("%d clients x %.0f s: %d pages, %.1f pages/s" % (clients, seconds, len(latencies),
                                                             len(latencies) / seconds))
        print("latency: median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms" % (
            statistics.median(latencies) * 1000, latencies[int(len(latencies) * 0.95)] * 1000,
            latencies[int(len(latencies) * 0.99)] * 1000, latencies[-1] * 1000))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
