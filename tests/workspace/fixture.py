"""What the workspace's tests share: a folder with a snapshot, scenarios and a state store after
one `dun run`, accounts made with `dun users add`, a real `dun serve` on loopback, and an HTTP
client that keeps its cookies and reads the forms' CSRF tokens.
"""
import http.client
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse
from pathlib import Path

SCENARIOS = """scenario mail "email, confirmed"
  step first
    at invoice.due_date + 7 days
    email "reminder" grouped confirm
end

scenario post "registered letter, confirmed"
  step notice
    at invoice.due_date + 7 days
    letter registered "notice" grouped confirm
end

scenario call "a call"
  step call
    at invoice.due_date + 7 days
    task "Call {customer.name} about invoice {invoice.number}" due 3 days
end
"""

CUSTOMERS_HEADER = ("id,name,language,country,currency,segment,scenario,email,address,"
                    "collector,credit_limit\n")
INVOICES_HEADER = ("id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,"
                   "disputed,dunning,promise_date,pdf\n")

CONFIG = """[company]
name = "Our Company"
address = "1 Quay Street\\nDublin"
email = "ar@ourco.example"
language = "en"

[engine]
database = "dun.db"
snapshot = "snapshot"
scenarios = "scenarios"
templates = "templates"

[adapters.email]
kind = "outbox"
dir = "out/emails"

[adapters.letter]
kind = "outbox"
dir = "out/letters"

[adapters.task]
kind = "agenda"
"""

PASSWORDS = {"anna": "anna-secret-1", "bob": "bob-secret-2", "root": "root-secret-3",
             "ada": "ada-secret-4"}


def make_folder(dun):
    """A fresh folder after `dun run --date 2026-01-19`: five customers, C1 an email to confirm,
    C2 C4 C5 letters to confirm, C3 a call; anna collects C1 C2 C5, bob C3 C4. C6's name is
    markup, to check that pages escape it."""
    work = Path(tempfile.mkdtemp(prefix="dun_workspace_"))
    (work / "scenarios").mkdir()
    (work / "scenarios/all.dun").write_text(SCENARIOS)
    (work / "templates").mkdir()
    (work / "templates/reminder.en.txt").write_text(
        "Subject: Reminder: {total_overdue} overdue\n\nDear customer,\n\n{items_list}\n")
    (work / "templates/notice.en.txt").write_text(
        "Subject: Formal notice\n\nDear Sir or Madam,\n\n{items_list}\n\nPay within 8 days.\n")
    snapshot = work / "snapshot"
    snapshot.mkdir()
    (snapshot / "collectors.csv").write_text(
        "id,name,email,phone\nK1,anna,anna@ourco.example,\nK2,bob,bob@ourco.example,\n")
    (snapshot / "customers.csv").write_text(
        CUSTOMERS_HEADER +
        'C1,Acme SAS,en,FR,EUR,sme,mail,ap@acme.example,"12 rue de la Paix\n75002 Paris",K1,\n'
        'C2,Globex GmbH,en,DE,EUR,sme,post,ap@globex.example,"Hauptstr. 1\n10115 Berlin",K1,\n'
        'C3,Initech Ltd,en,GB,EUR,sme,call,ap@initech.example,"1 Main St\nLondon",K2,\n'
        'C4,Umbrella Corp,en,GB,EUR,sme,post,ap@umbrella.example,"2 High St\nLeeds",K2,\n'
        'C5,Hooli Inc,en,GB,EUR,sme,post,ap@hooli.example,"3 Low St\nYork",K1,\n'
        'C6,<script>alert(1)</script> & Co,en,GB,EUR,sme,none,x@evil.example,"4 Side St\nHull",K1,\n')
    (snapshot / "invoices.csv").write_text(
        INVOICES_HEADER +
        "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
        "I2,C2,F-002,invoice,2026-01-01,2026-01-12,EUR,300.00,300.00,false,true,,\n"
        "I3,C3,F-003,invoice,2026-01-01,2026-01-12,EUR,50.00,50.00,false,true,,\n"
        "I4,C4,F-004,invoice,2026-01-01,2026-01-12,EUR,80.00,80.00,false,true,,\n"
        "I5,C5,F-005,invoice,2026-01-01,2026-01-12,EUR,90.00,90.00,false,true,,\n"
        "I6,C6,F-006,invoice,2026-01-01,2026-01-12,EUR,10.00,10.00,false,true,,\n")
    (work / "dun.toml").write_text(CONFIG)
    run(dun, work, "run", "--date", "2026-01-19")
    for name, role in (("anna", "collector"), ("bob", "collector"), ("root", "admin"),
                       ("ada", "analyst")):
        run(dun, work, "users", "add", name, "--role", role, stdin=PASSWORDS[name] + "\n")
    return work


def run(dun, work, *args, stdin=None, expect=0):
    done = subprocess.run([dun, *args], cwd=work, input=stdin, capture_output=True, text=True)
    assert done.returncode == expect, "dun %s exited %d (expected %d)\n%s%s" % (
        " ".join(args), done.returncode, expect, done.stdout, done.stderr)
    return done


class Server:
    """`dun serve` on a free loopback port, stopped with SIGTERM."""

    def __init__(self, dun, work, hook_secret=None):
        environment = dict(os.environ)
        if hook_secret:
            environment["DUN_HOOK_SECRET"] = hook_secret
        self.process = subprocess.Popen(
            [dun, "serve", "--listen", "127.0.0.1:0"], cwd=work, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=environment)
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, "dun serve did not start: %r %s" % (line, self.process.stderr.read())
        self.port = int(found.group(1))

    def stop(self):
        self.process.terminate()
        out, err = self.process.communicate(timeout=60)
        return self.process.returncode, out, err


class Client:
    """One browser-like user: cookies kept, CSRF token read from the last page."""

    def __init__(self, port, timeout=60):
        self.port = port
        self.timeout = timeout
        self.cookies = {}
        self.csrf = ""

    def request(self, method, path, fields=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        body = None
        sent = dict(headers or {})
        if fields is not None:
            body = urllib.parse.urlencode(fields, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join("%s=%s" % item for item in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        text = data.decode("utf-8", "replace")
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', text)
        if token:
            self.csrf = token.group(1)
        connection.close()
        return response, data

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        return self.request("POST", path, fields)

    def login(self, user, password=None):
        response, body = self.get("/login")
        token = re.search(r'name="login_token" value="([0-9a-f]+)"', body.decode()).group(1)
        return self.post("/login", {"login_token": token, "user": user,
                                    "password": password or PASSWORDS[user], "next": "/"})


class ServedFolder(unittest.TestCase):
    """Test cases sharing one folder (make_folder, with CONFIG_EXTRA appended to its dun.toml)
    and one `dun serve` on it, with anna logged in as cls.anna."""
    DUN = "dun"
    CONFIG_EXTRA = ""
    HOOK_SECRET = None

    @classmethod
    def setUpClass(cls):
        cls.work = make_folder(cls.DUN)
        with open(cls.work / "dun.toml", "a") as config:
            config.write(cls.CONFIG_EXTRA)
        cls.server = Server(cls.DUN, cls.work, hook_secret=cls.HOOK_SECRET)
        cls.anna = Client(cls.server.port)
        cls.anna.login("anna")

    @classmethod
    def tearDownClass(cls):
        if cls.server.process.poll() is None:
            cls.server.stop()
        shutil.rmtree(cls.work, ignore_errors=True)
