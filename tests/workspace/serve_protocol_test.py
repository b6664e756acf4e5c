#!/usr/bin/python3
"""`dun serve` spoken to over HTTP on loopback, the way a browser or an attacker would: every POST
endpoint without a session (401), without or with a wrong CSRF token (403), with too small a role
(403) and with bad input (400, a clear message, nothing written, checked with the CLI); then the
writes themselves, which the CLI's `dun history` shows with the user's name; escaping; the login
throttle; SIGTERM. Also `dun users` and `dun report` on the same store, and how the workspace
shares its store with the nightly run and the other CLI writers (one writer at a time).

usage: serve_protocol_test.py DUN_BINARY
"""
import fcntl
import hashlib
import os
import hmac
import http.client
import json
import re
import shutil
import ssl
import subprocess
import sys
import time
import unittest

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from fixture import Client, ServedFolder, Server, make_folder, run  # noqa: E402

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
from library_residency import library_residency  # noqa: E402

DUN = sys.argv.pop(1) if len(sys.argv) > 1 else "dun"
HOOK_SECRET = "hook-secret-for-tests"


def signed(body, secret=HOOK_SECRET, stamp=None):
    """The headers of a callback signed as docs/workspace.md says."""
    stamp = str(int(time.time()) if stamp is None else stamp)
    mac = hmac.new(secret.encode(), (stamp + ".").encode() + body, hashlib.sha256).hexdigest()
    return {"X-Dun-Timestamp": stamp, "X-Dun-Signature": "sha256=" + mac,
            "Content-Type": "application/json"}


class Workspace(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = make_folder(DUN)
        cls.server = Server(DUN, cls.work, hook_secret=HOOK_SECRET)
        cls.tasks = {task["customer"]: str(task["id"]) for task in cls.agenda("--all")}

    @classmethod
    def tearDownClass(cls):
        if cls.server.process.poll() is None:
            cls.server.stop()
        shutil.rmtree(cls.work, ignore_errors=True)

    @classmethod
    def agenda(cls, *flags):
        return json.loads(run(DUN, cls.work, "agenda", "list", "--json", *flags).stdout)

    def status_of(self, customer):
        return self.agenda("--all", "--customer", customer)[0]["status"]

    def history(self, subject):
        return run(DUN, self.work, "history", subject).stdout

    def logged_in(self, user):
        client = Client(self.server.port)
        response, _ = client.login(user)
        self.assertEqual(response.status, 303, "login of %s" % user)
        client.get("/agenda")  # a page with forms: its CSRF token
        return client

    # --- Authentication --------------------------------------------------------------------

    def test_every_page_without_a_session_leads_to_the_login_page(self):
        client = Client(self.server.port)
        for path in ("/", "/agenda", "/customer/C1", "/reports", "/users", "/agenda/task/1",
                     "/action/x/document"):
            response, _ = client.get(path)
            self.assertEqual(response.status, 303, path)
            self.assertTrue(response.getheader("Location").startswith("/login?next="), path)
        response, body = client.get("/login")
        self.assertEqual(response.status, 200)
        self.assertIn(b'name="password"', body)

    def test_the_session_cookie_is_http_only_and_same_site_strict(self):
        client = Client(self.server.port)
        response, _ = client.login("anna")
        self.assertEqual(response.status, 303)
        cookie = [v for h, v in response.getheaders() if h.lower() == "set-cookie"][0]
        self.assertIn("dun_session=", cookie)
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        self.assertEqual(response.getheader("Location"), "/")

    def test_a_wrong_password_or_a_forged_login_form_opens_no_session(self):
        client = Client(self.server.port)
        response, body = client.login("anna", "not-her-password")
        self.assertEqual(response.status, 401)
        self.assertIn(b"Unknown user or wrong password.", body)
        self.assertNotIn("dun_session", client.cookies)
        forged = Client(self.server.port)
        response, body = forged.post("/login", {"user": "anna", "password": "anna-secret-1"})
        self.assertEqual(response.status, 403)
        self.assertIn(b"Your login form expired", body)
        self.assertNotIn("dun_session", forged.cookies)

    # --- Every POST endpoint: no session, no CSRF, wrong role ------------------------------

    POSTS = [("/agenda", {"op": "cancel", "task": "TASK"}),
             ("/customer/C4/override", {"verb": "pause", "invoice": "I4", "until": "2026-03-01"}),
             ("/users", {"op": "add", "name": "mallory", "role": "admin", "password": "x"}),
             ("/logout", {})]

    def fields(self, fields):
        return {key: (self.tasks["C4"] if value == "TASK" else value)
                for key, value in fields.items()}

    def assert_nothing_written(self):
        self.assertEqual(self.status_of("C4"), "open")
        self.assertNotIn("pause", self.history("I4"))
        users = json.loads(run(DUN, self.work, "users", "list", "--json").stdout)
        self.assertNotIn("mallory", [user["name"] for user in users])

    def test_a_post_without_a_session_is_401_and_writes_nothing(self):
        client = Client(self.server.port)
        for path, fields in self.POSTS:
            response, body = client.post(path, self.fields(fields))
            self.assertEqual(response.status, 401, path)
            self.assertIn(b"Please log in first.", body, path)
        self.assert_nothing_written()

    def test_a_post_without_or_with_a_wrong_csrf_token_is_403_and_writes_nothing(self):
        client = self.logged_in("root")
        for path, fields in self.POSTS:
            for token in (None, "0" * 64, client.csrf[:-1] + ("0" if client.csrf[-1] != "0" else "1")):
                sent = self.fields(fields)
                if token is not None:
                    sent["csrf"] = token
                response, body = client.post(path, sent)
                self.assertEqual(response.status, 403, "%s with token %r" % (path, token))
                self.assertIn(b"security token is missing or stale: nothing was changed", body)
        self.assert_nothing_written()
        response, _ = client.get("/")
        self.assertEqual(response.status, 200, "the session outlived the refused logout")

    def test_a_collector_cannot_reach_or_post_to_the_users_page(self):
        client = self.logged_in("anna")
        response, body = client.get("/users")
        self.assertEqual(response.status, 403)
        self.assertIn(b"This needs the role admin; you are collector.", body)
        response, body = client.post("/users", {"csrf": client.csrf, "op": "add",
                                                "name": "mallory", "role": "admin",
                                                "password": "x"})
        self.assertEqual(response.status, 403)
        self.assert_nothing_written()

    # --- Bad input: a clear message, nothing written ----------------------------------------

    def test_bad_input_is_400_with_a_clear_message_and_writes_nothing(self):
        anna = self.logged_in("anna")
        cases = [
            ("/agenda", {"op": "confirm", "task": ["abc"]}, b"&apos;abc&apos; is not a task id."),
            ("/agenda", {"op": "confirm"}, b"No task selected"),
            ("/agenda", {"op": "explode", "task": [self.tasks["C4"]]},
             b"&apos;explode&apos; is not confirm, cancel, complete, print or send."),
            ("/customer/C4/override", {"verb": "pause", "invoice": "I4", "until": "soon"},
             b"Pause until &apos;soon&apos;: give a date"),
            ("/customer/C4/override", {"verb": "pause", "invoice": "I2", "until": "2026-03-01"},
             b"Invoice &apos;I2&apos; is not an invoice of customer C4."),
            ("/customer/C4/override", {"verb": "delete", "invoice": "I4"},
             b"&apos;delete&apos; is not an override"),
            ("/customer/C4/override", {"verb": "assign", "scenario": "nosuch"},
             b"scenario"),
        ]
        for path, fields, message in cases:
            fields = dict(fields, csrf=anna.csrf)
            response, body = anna.post(path, fields)
            self.assertEqual(response.status, 400, "%s %s: %s" % (path, fields, body[-400:]))
            self.assertIn(message, body, path)
            self.assertIn(b"Nothing was changed", body, path)
        root = self.logged_in("root")
        for fields, message in (
                ({"op": "add", "name": "eve", "role": "boss", "password": "pw"},
                 b"Role &apos;boss&apos; is not collector, analyst or admin."),
                ({"op": "add", "name": "e ve", "role": "collector", "password": "pw"},
                 b"may hold only letters, digits"),
                ({"op": "add", "name": "eve", "role": "collector", "password": ""},
                 b"the password is empty"),
                ({"op": "remove", "name": "nobody"}, b"There is no user &apos;nobody&apos;."),
                ({"op": "remove", "name": "root"}, b"You cannot remove your own account."),
                ({"op": "rename", "name": "bob"}, b"&apos;rename&apos; is not add or remove.")):
            response, body = root.post("/users", dict(fields, csrf=root.csrf))
            self.assertEqual(response.status, 400, fields)
            self.assertIn(message, body)
            self.assertIn(b"Nothing was changed", body)
        self.assert_nothing_written()
        users = json.loads(run(DUN, self.work, "users", "list", "--json").stdout)
        self.assertNotIn("eve", [user["name"] for user in users])
        self.assertIn("root", [user["name"] for user in users])

    def test_a_bulk_change_with_one_refused_task_changes_nothing(self):
        anna = self.logged_in("anna")
        response, body = anna.post("/agenda", {"csrf": anna.csrf, "op": "confirm",
                                               "task": [self.tasks["C4"], self.tasks["C3"]]})
        self.assertEqual(response.status, 409)
        self.assertIn(b"nothing was changed: 1 of 2 tasks cannot be closed", body)
        self.assertIn(b"is a manual task", body)
        self.assertEqual(self.status_of("C4"), "open")

    # --- The writes, as the CLI sees them ---------------------------------------------------

    def test_writes_go_through_the_engine_and_the_history_names_the_user(self):
        anna = self.logged_in("anna")
        response, body = anna.post("/agenda", {"csrf": anna.csrf, "op": "confirm",
                                               "task": [self.tasks["C2"]]})
        self.assertEqual(response.status, 200, body[-500:])
        self.assertIn(b"1 task confirmed", body)
        self.assertEqual(self.status_of("C2"), "confirmed")
        self.assertIn("task %s by anna" % self.tasks["C2"], self.history("I2"))
        response, _ = anna.post("/customer/C1/override", {"csrf": anna.csrf, "verb": "pause",
                                                          "invoice": "I1", "until": "2099-03-01"})
        self.assertEqual(response.status, 303)
        self.assertIn("pause until 2099-03-01 by anna (dun serve)", self.history("I1"))
        response, body = anna.get("/customer/C1")
        self.assertIn(b"until 2099-03-01", body, "the dashboard cache was refreshed")

    def test_print_returns_one_pdf_of_the_selected_letters_and_confirms_nothing(self):
        bob = self.logged_in("bob")
        response, body = bob.post("/agenda", {"csrf": bob.csrf, "op": "print",
                                              "task": [self.tasks["C4"]]})
        self.assertEqual(response.status, 200, body[-400:])
        self.assertEqual(response.getheader("Content-Type"), "application/pdf")
        self.assertTrue(body.startswith(b"%PDF"))
        pdf = self.work / "print.pdf"
        pdf.write_bytes(body)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
        self.assertEqual(info.returncode, 0, info.stderr)
        cli = run(DUN, self.work, "agenda", "print", self.tasks["C4"], "--out", "cli.pdf").stdout
        pages = re.search(r"1 letters, (\d+) pages", cli).group(1)
        self.assertRegex(info.stdout, r"Pages:\s+%s\n" % pages, "the web's PDF is the CLI's batch")
        self.assertEqual(self.status_of("C4"), "open")
        response, body = bob.post("/agenda", {"csrf": bob.csrf, "op": "print",
                                              "task": [self.tasks["C1"]]})
        self.assertEqual(response.status, 400)
        self.assertIn(b"holds no letter (an email)", body)

    def test_users_are_added_and_removed_by_an_admin(self):
        root = self.logged_in("root")
        response, _ = root.post("/users", {"csrf": root.csrf, "op": "add", "name": "carol",
                                           "role": "analyst", "password": "carol-pw"})
        self.assertEqual(response.status, 303)
        carol = Client(self.server.port)
        response, _ = carol.login("carol", "carol-pw")
        self.assertEqual(response.status, 303)
        root.get("/users")
        response, _ = root.post("/users", {"csrf": root.csrf, "op": "remove", "name": "carol"})
        self.assertEqual(response.status, 303)
        users = json.loads(run(DUN, self.work, "users", "list", "--json").stdout)
        self.assertNotIn("carol", [user["name"] for user in users])

    def raw_post(self, path, body, headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read()
        connection.close()
        return response, answer

    def test_send_now_delivers_and_the_signed_webhook_records_tracking(self):
        anna = self.logged_in("anna")
        response, body = anna.post("/agenda", {"csrf": anna.csrf, "op": "send",
                                               "task": [self.tasks["C5"]]})
        self.assertEqual(response.status, 200, body[-500:])
        self.assertIn(b"1 task confirmed and sent", body)
        self.assertIn(b"Delivered now: 1 sent, 0 failed.", body)
        action = self.agenda("--all", "--customer", "C5")[0]["action_id"]
        self.assertTrue(list((self.work / "out/letters").glob(action + "*.pdf")))

        body = json.dumps({"action": action, "status": "delivered",
                           "occurred_at": "2026-01-22T10:00:00Z"}).encode()
        headers = signed(body)
        response, answer = self.raw_post("/hooks/print-mail", body, headers)
        self.assertEqual(response.status, 200, answer)
        self.assertEqual(json.loads(answer), {"recorded": True})
        self.assertIn("delivered", self.history("I5"))
        response, answer = self.raw_post("/hooks/print-mail", body, headers)
        self.assertEqual(response.status, 409, answer)
        self.assertIn(b"replayed", answer)
        # The same event again in another request (not a replay): nothing new is recorded.
        again = json.dumps({"action": action, "status": "delivered", "delivery": 2,
                            "occurred_at": "2026-01-22T10:00:00Z"}).encode()
        response, answer = self.raw_post("/hooks/print-mail", again, signed(again))
        self.assertEqual(json.loads(answer), {"recorded": False}, "the same event twice")
        response, answer = self.raw_post("/hooks/print-mail", body,
                                         signed(body, secret="not-the-secret"))
        self.assertEqual(response.status, 401)
        self.assertIn(b"bad signature", answer)
        tampered = body.replace(b"delivered", b"returned")
        response, answer = self.raw_post("/hooks/print-mail", tampered, headers)
        self.assertEqual(response.status, 401)
        response, answer = self.raw_post("/hooks/print-mail", body,
                                         signed(body, stamp=int(time.time()) - 3600))
        self.assertEqual(response.status, 401)
        self.assertIn(b"stale timestamp", answer)
        other = json.dumps({"action": action, "status": "delivered", "delivery": 3}).encode()
        response, answer = self.raw_post("/hooks/email", other, signed(other))
        self.assertEqual(response.status, 404, "a letter's id at the email hook")
        bad = json.dumps({"action": action, "status": "teleported"}).encode()
        response, answer = self.raw_post("/hooks/print-mail", bad, signed(bad))
        self.assertEqual(response.status, 400)
        self.assertIn(b"status 'teleported' is not one of", answer)
        self.assertNotIn("returned", self.history("I5"))

    # --- Output is escaped; pages carry a strict policy -------------------------------------

    def test_snapshot_text_is_escaped_on_every_page(self):
        anna = self.logged_in("anna")
        response, body = anna.get("/customer/C6")
        self.assertEqual(response.status, 200)
        self.assertNotIn(b"<script>alert(1)</script>", body)
        self.assertIn(b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", body)
        self.assertIn("default-src 'none'", response.getheader("Content-Security-Policy"))
        response, body = anna.get("/?q=%3Cscript%3E")
        self.assertNotIn(b"<script>", body.replace(b'<script src="/app.js" defer></script>', b""))

    def test_the_server_keeps_none_of_llvms_code_resident(self):
        # Loaded with dun, touched at start-up, given back before listening
        # (cli/verbs/verb_serve.cpp): ~37 MB of a process that runs for days.
        self.logged_in("anna").get("/agenda")
        unmodified, modified = library_residency(self.server.process.pid)
        self.assertLess(unmodified, 4 << 20, "LLVM's code still resident: %d bytes" % unmodified)
        self.assertGreater(modified, 0, "LLVM is not loaded at all: nothing was measured")

    def test_pages_render(self):
        ada = self.logged_in("ada")
        for path, needle in (("/", b"invoices of the snapshot"), ("/agenda?assignee=", b"tasks"),
                             ("/reports", b"<svg"), ("/customer/C2", b"Globex GmbH"),
                             ("/agenda/task/" + self.tasks["C2"], b"Formal notice")):
            response, body = ada.get(path)
            self.assertEqual(response.status, 200, path)
            self.assertIn(needle, body, path)

    # --- Last: the throttle, then SIGTERM (they end the server's usefulness) ----------------

    def test_z1_five_failed_logins_lock_the_address_out(self):
        client = Client(self.server.port)
        for _ in range(5):
            response, _ = client.login("bob", "wrong")
            self.assertEqual(response.status, 401)
        response, body = client.login("bob")
        self.assertEqual(response.status, 429)
        self.assertIn(b"Too many failed logins", body)

    def test_z2_sigterm_stops_the_server_cleanly(self):
        code, out, err = self.server.stop()
        self.assertEqual(code, 0, err)
        self.assertIn("dun serve: stopped", out)


class Tls(unittest.TestCase):
    """With [serve] cert and key: HTTPS only, and Secure cookies."""

    def test_https_with_secure_cookies_and_no_plain_http(self):
        work = make_folder(DUN)
        try:
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                            "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem"),
                            "-days", "2", "-subj", "/CN=127.0.0.1"], check=True,
                           capture_output=True)
            with open(work / "dun.toml", "a") as config:
                config.write('\n[serve]\ncert = "cert.pem"\nkey = "key.pem"\n')
            process = subprocess.Popen([DUN, "serve", "--listen", "127.0.0.1:0"], cwd=work,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            line = process.stdout.readline()
            port = int(re.search(r"https://127\.0\.0\.1:(\d+)/", line).group(1))
            secure = http.client.HTTPSConnection("127.0.0.1", port, timeout=60,
                                                 context=ssl._create_unverified_context())
            secure.request("GET", "/login")
            response = secure.getresponse()
            self.assertEqual(response.status, 200)
            self.assertIn("; Secure", response.getheader("Set-Cookie"))
            plain = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            with self.assertRaises((http.client.HTTPException, OSError)):
                plain.request("GET", "/login")
                plain.getresponse()
            process.terminate()
            self.assertEqual(process.wait(timeout=60), 0)
        finally:
            shutil.rmtree(work, ignore_errors=True)


class CommandLine(unittest.TestCase):
    """`dun users` and `dun report` on a store of their own."""

    @classmethod
    def setUpClass(cls):
        cls.work = make_folder(DUN)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    def test_users_add_list_remove(self):
        users = json.loads(run(DUN, self.work, "users", "list", "--json").stdout)
        self.assertEqual([(u["name"], u["role"]) for u in users],
                         [("ada", "analyst"), ("anna", "collector"), ("bob", "collector"),
                          ("root", "admin")])
        again = run(DUN, self.work, "users", "add", "anna", "--role", "admin", stdin="pw\n",
                    expect=1)
        self.assertIn("there is already a user 'anna'", again.stderr)
        bad = run(DUN, self.work, "users", "add", "zed", "--role", "boss", stdin="pw\n", expect=2)
        self.assertIn("--role 'boss' is not a role: use collector, analyst or admin", bad.stderr)
        empty = run(DUN, self.work, "users", "add", "zed", "--role", "collector", stdin="",
                    expect=1)
        self.assertIn("no password on stdin", empty.stderr)
        removed = run(DUN, self.work, "users", "remove", "bob")
        self.assertIn("user bob removed", removed.stdout)
        missing = run(DUN, self.work, "users", "remove", "bob", expect=1)
        self.assertIn("there is no user 'bob'", missing.stderr)
        import sqlite3
        with sqlite3.connect(self.work / "dun.db") as db:
            stored = db.execute("SELECT password_hash FROM users WHERE name = 'anna'").fetchone()[0]
        self.assertTrue(stored.startswith("$argon2id$"), stored)
        self.assertNotIn("anna-secret-1", stored)

    def test_report_aging_effectiveness_workload(self):
        aging = json.loads(run(DUN, self.work, "report", "aging", "--json").stdout)
        self.assertEqual(aging["date"], "2026-01-19")
        self.assertEqual([b["bucket"] for b in aging["buckets"]],
                         ["not due", "1-30", "31-60", "61-90", "over 90"])
        self.assertEqual(aging["buckets"][1]["invoices"], 6)
        self.assertEqual(aging["total"], "650.00")
        csv = run(DUN, self.work, "report", "aging", "--csv").stdout.splitlines()
        self.assertEqual(csv[0], "bucket,invoices,amount")
        self.assertIn("1-30,6,650.00", csv)
        workload = json.loads(run(DUN, self.work, "report", "workload", "--json").stdout)
        self.assertEqual({(w["assignee"], w["open"]) for w in workload},
                         {("anna", 3), ("bob", 2)})
        run(DUN, self.work, "report", "workload", "--chart", "load.svg")
        svg = (self.work / "load.svg").read_text()
        self.assertTrue(svg.startswith("<svg"), svg[:80])
        self.assertIn("Open tasks per collector", svg)
        run(DUN, self.work, "agenda", "confirm", "--assignee", "anna", "--by", "anna",
            "--date", "2026-01-19")
        effect = json.loads(run(DUN, self.work, "report", "effectiveness", "--json").stdout)
        steps = {(e["scenario"], e["step"]): e for e in effect}
        self.assertEqual(steps[("post", "notice")]["invoices"], 2)
        self.assertEqual(steps[("post", "notice")]["paid_30_days"], 0)
        bad = run(DUN, self.work, "report", "ageing", expect=2)
        self.assertIn("unknown report 'ageing': use aging, effectiveness or workload", bad.stderr)


class SharingTheStore(ServedFolder):
    """A running workspace holds no lock: `dun run` and the other writers beside it go on at once
    (lock_wait_seconds = 0, so waiting would fail), and its pages see what they committed. A web
    write while another process holds the lock answers 503 naming it, and writes nothing."""

    DUN = DUN
    CONFIG_EXTRA = "\n[store]\nlock_wait_seconds = 0\n"
    HOOK_SECRET = HOOK_SECRET

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tasks = {task["customer"]: task for task in
                     json.loads(run(DUN, cls.work, "agenda", "list", "--json", "--all").stdout)}

    def status_of(self, customer):
        found = json.loads(run(DUN, self.work, "agenda", "list", "--json", "--all",
                               "--customer", customer).stdout)
        return found[0]["status"]

    def confirm(self, customer):
        self.anna.get("/agenda")
        return self.anna.post("/agenda", {"csrf": self.anna.csrf, "op": "confirm",
                                          "task": [str(self.tasks[customer]["id"])]})

    def test_1_writers_beside_the_workspace_go_on_and_its_pages_see_their_commits(self):
        response, body = self.confirm("C1")  # a web write: the lock is released after it
        self.assertEqual(response.status, 200, body[-500:])
        self.assertEqual(self.status_of("C1"), "confirmed")
        _, page = self.anna.get("/customer/C3")  # read (and cached) before the CLI's change
        self.assertNotIn(b"until 2026-02-20", page)

        run(DUN, self.work, "pause", "I3", "--until", "2026-02-20", "--date", "2026-01-19",
            "--by", "carl")
        _, page = self.anna.get("/customer/C3")
        self.assertIn(b"pause until 2026-02-20 by carl (dun pause)", page,
                      "the history, read through the live connection")
        self.assertIn(b"until 2026-02-20</td>", page, "the statuses, cached until a commit")

        nightly = run(DUN, self.work, "run", "--date", "2026-01-20")
        self.assertNotIn("is being changed by", nightly.stderr)
        _, page = self.anna.get("/")
        self.assertIn(b"invoices of the snapshot on 2026-01-20", page)

    def hold_the_lock(self):
        """The store's lock taken as `dun run` takes it, with its holder line."""
        holder = os.open(self.work / "dun.db.lock", os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.ftruncate(holder, 0)
        os.write(holder, b"pid=%d\ncommand=dun run\nsince=2026-01-21T02:00:00Z\n" % os.getpid())
        return holder

    def test_2_a_web_write_while_the_nightly_run_holds_the_lock_is_503_and_writes_nothing(self):
        busy = ("The nightly run (pid %d, `dun run`, since 2026-01-21T02:00:00Z) is changing "
                "the store; try again in a moment. Nothing was changed." % os.getpid())
        action = self.tasks["C1"]["action_id"]  # C1's email, sent by the run of the 20th
        hook_body = json.dumps({"action": action, "status": "delivered",
                                "occurred_at": "2026-01-21T09:00:00Z"}).encode()
        hook_headers = signed(hook_body)
        holder = self.hold_the_lock()
        try:
            response, body = self.confirm("C2")
            self.assertEqual(response.status, 503, body[-500:])
            self.assertIn(busy, body.decode())
            self.assertEqual(response.getheader("Retry-After"), "30")
            self.assertEqual(self.status_of("C2"), "open")

            self.anna.get("/customer/C2")
            response, body = self.anna.post("/customer/C2/override",
                                            {"csrf": self.anna.csrf, "verb": "optout",
                                             "invoice": "I2"})
            self.assertEqual(response.status, 503, body[-500:])
            self.assertIn(busy, body.decode())
            self.assertNotIn("opt", run(DUN, self.work, "history", "I2").stdout.lower())

            root = Client(self.server.port)
            root.login("root")
            root.get("/users")
            response, body = root.post("/users", {"csrf": root.csrf, "op": "add",
                                                  "name": "carol", "role": "analyst",
                                                  "password": "carol-pw"})
            self.assertEqual(response.status, 503, body[-500:])
            users = json.loads(run(DUN, self.work, "users", "list", "--json").stdout)
            self.assertNotIn("carol", [user["name"] for user in users])

            # Send-now: neither confirmed nor handed to the print & mail adapter.
            self.anna.get("/agenda")
            response, body = self.anna.post("/agenda", {"csrf": self.anna.csrf, "op": "send",
                                                        "task": [str(self.tasks["C4"]["id"])]})
            self.assertEqual(response.status, 503, body[-500:])
            self.assertIn(busy, body.decode())
            self.assertEqual(self.status_of("C4"), "open")
            self.assertFalse(list((self.work / "out/letters").glob("*.pdf")), "a letter was sent")

            response, body = root.post("/users", {"csrf": root.csrf, "op": "remove",
                                                  "name": "bob"})
            self.assertEqual(response.status, 503, body[-500:])
            self.assertIn(busy, body.decode())
            users = json.loads(run(DUN, self.work, "users", "list", "--json").stdout)
            self.assertIn("bob", [user["name"] for user in users])

            response, answer = self.hook(hook_body, hook_headers)
            self.assertEqual(response.status, 503, "the provider retries")
            self.assertIn(busy, json.loads(answer)["message"])
            self.assertNotIn("2026-01-21T09:00:00Z", run(DUN, self.work, "history", "I1").stdout)
        finally:
            os.close(holder)

        response, body = self.confirm("C2")
        self.assertEqual(response.status, 200, body[-500:])
        self.assertEqual(self.status_of("C2"), "confirmed")
        response, answer = self.hook(hook_body, hook_headers)
        self.assertEqual(response.status, 200, "the retry is no replay: %s" % answer)
        self.assertEqual(json.loads(answer), {"recorded": True})

    def hook(self, body, headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        connection.request("POST", "/hooks/email", body=body, headers=headers)
        response = connection.getresponse()
        answer = response.read()
        connection.close()
        return response, answer


if __name__ == "__main__":
    unittest.main(verbosity=2)
