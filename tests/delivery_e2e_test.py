#!/usr/bin/python3
"""End to end delivery, with real servers on loopback:

  dun gen (a portfolio over several days) → dun run, day after day, with
    [adapters.email]  kind = "smtp"        → tests/smtp_server.py (aiosmtpd)
    [adapters.letter] kind = "print_mail"  → tests/print_mail_server.py (the test provider)
    [adapters.task]   kind = "agenda"
  → every email action the store says was sent arrived exactly once, with its Message-ID;
  → every letter action sent is at the provider exactly once, under its action id;
  → the agenda holds the tasks;
  → `dun deliver --sync` brings the provider's tracking statuses into `dun history`.
Then the SMTP server goes down for a day (emails fail, nothing is lost) and comes back
(`dun deliver` sends them, once).

Electronic registered letters reach the recipient's answer with a proof: one `accepted`, another
`refused`; the refused one then escalates to a registered paper letter by scenario (the
`escalate` scenario reads `invoice.last_letter_status`), the accepted one does not.

`dun send --pdf` sends a 3-page PDF behind dun's address page through the provider with
`postage priority`, and `dun show` prints it.

Along the way [adapters.letter] starts as an `outbox` and is switched to `print_mail` after the
first day: the letter the outbox wrote (a `dun send --postage priority`) is never asked of the
provider, and every `dun deliver --sync` exits 0. A manual letter through the provider carries its
postage; `dun show` prints an email, the outbox letter and a provider letter, each with the
document kept in the store (byte for byte what the SMTP server and the provider received).

usage: delivery_e2e_test.py DUN_BINARY
"""
import email
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1]
PYTHON = os.environ.get("DUN_TEST_PYTHON", "/usr/bin/python3")
API_KEY = "e2e-test-key"
DAYS = 40  # the formal letter (confirm) fires 32 days after the due date


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Servers:
    def __init__(self, work):
        self.work = work
        self.smtp = None
        self.smtp_starts = 0
        self.smtp_port = free_port()
        self.provider = None
        self.provider_port = 0

    def start_smtp(self):
        # A new folder per start: the server numbers its files from 1 each time.
        self.smtp_starts += 1
        self.smtp = subprocess.Popen(
            [PYTHON, str(SOURCE / "tests/smtp_server.py"), "--port", str(self.smtp_port),
             "--out", str(self.work / ("smtp-%d" % self.smtp_starts))],
            stdout=subprocess.PIPE, text=True)
        line = self.smtp.stdout.readline()
        assert line.startswith("ready"), "smtp_server.py did not start: %r" % line

    def stop_smtp(self):
        if self.smtp:
            self.smtp.terminate()
            self.smtp.wait(timeout=20)
            self.smtp = None

    def start_provider(self, proof):
        self.provider = subprocess.Popen(
            [PYTHON, str(SOURCE / "tests/print_mail_server.py"), "--record",
             str(self.work / "provider.jsonl"), "--api-key", API_KEY, "--proof", str(proof)],
            stdout=subprocess.PIPE, text=True)
        self.provider_port = int(self.provider.stdout.readline().strip())

    def provider_state(self):
        import urllib.request
        with urllib.request.urlopen(
                "http://127.0.0.1:%d/_state" % self.provider_port, timeout=10) as answer:
            return json.load(answer)

    def control(self, script):
        import urllib.request
        request = urllib.request.Request(
            "http://127.0.0.1:%d/_control" % self.provider_port, data=json.dumps(script).encode(),
            headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200

    def stop(self):
        self.stop_smtp()
        if self.provider:
            self.provider.terminate()
            self.provider.wait(timeout=20)


def dun(binary, *args, expect=0):
    env = dict(os.environ, DUN_PRINT_MAIL_API_KEY=API_KEY)
    done = subprocess.run([binary, *args], capture_output=True, text=True, env=env)
    assert done.returncode == expect, "dun %s exited %d (expected %d)\n%s%s" % (
        " ".join(args), done.returncode, expect, done.stdout, done.stderr)
    return done.stdout


# The analyst's escalation: a refused (or unclaimed) electronic registered letter is followed by a
# registered paper letter; an accepted one is not.
ESCALATE = '''scenario escalate "Escalate a refused electronic letter to paper"
  catch up 400 days
  step paper
    at invoice.due_date + 1 days
    when invoice.last_letter_status in ["refused", "neglected"]
    letter registered "formal_notice"
end
'''


def write_config(work, servers, letter_kind="print_mail"):
    config = (SOURCE / "examples/dun.toml").read_text()
    config = config.split("[adapters.")[0]
    config = config.replace('database = "../demo/dun.db"', 'database = "dun.db"')
    scenarios = work / "scenarios"
    if not scenarios.exists():
        shutil.copytree(SOURCE / "scenarios", scenarios)
        (scenarios / "escalate.dun").write_text(ESCALATE)
    config = config.replace('"../scenarios/', '"%s/' % scenarios)
    config += (
        '[adapters.email]\nkind = "smtp"\nhost = "127.0.0.1"\nport = %d\ntls = "none"\n'
        'from = "ar@ourco.example"\ntimeout_seconds = 5\n\n'
        '%s'
        '[adapters.task]\nkind = "agenda"\n\n'
        '[delivery]\nmax_attempts = 5\nbackoff_seconds = 1\n'
    ) % (servers.smtp_port, letter_table(work, servers, letter_kind))
    path = work / "dun.toml"
    path.write_text(config)
    return path


def letter_table(work, servers, kind):
    if kind == "outbox":
        return '[adapters.letter]\nkind = "outbox"\ndir = "%s"\n\n' % (work / "letters")
    return '[adapters.letter]\nkind = "print_mail"\nurl = "http://127.0.0.1:%d"\n\n' % (
        servers.provider_port)


def lasting_invoice(day, next_day, skip=()):
    """An overdue invoice still open on `next_day` and its customer (not in `skip`)."""
    import csv

    def open_invoices(folder):
        with open(folder / "invoices.csv", newline="", encoding="utf-8") as rows:
            return {row["id"]: row for row in csv.DictReader(rows)
                    if row["kind"] == "invoice" and row["balance"] not in ("", "0", "0.00")
                    and row["due_date"] < folder.name}
    later = open_invoices(next_day)
    for invoice_id, row in sorted(open_invoices(day).items()):
        if invoice_id in later and row["customer_id"] not in skip:
            return invoice_id, row["customer_id"]
    raise AssertionError("no invoice open on both %s and %s" % (day, next_day))


def first_invoice(day, skip=()):
    """An invoice of the day's snapshot and its customer, whose customer is not in `skip`."""
    import csv
    with open(day / "invoices.csv", newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            if row["customer_id"] not in skip and row["kind"] == "invoice":
                return row["id"], row["customer_id"]
    raise AssertionError("no invoice in %s" % day)


def kept_document(work, action_id):
    with sqlite3.connect(work / "dun.db") as db:
        return db.execute("SELECT bytes FROM action_documents WHERE action_id = ?",
                          (action_id,)).fetchone()[0]


def manual_letter(work, customer):
    with sqlite3.connect(work / "dun.db") as db:
        return db.execute(
            "SELECT id FROM actions WHERE scenario = 'manual' AND channel = 'letter' AND "
            "customer_id = ?", (customer,)).fetchone()[0]


def actions(work, channel):
    with sqlite3.connect(work / "dun.db") as db:
        return db.execute(
            "SELECT id, status, attempts FROM actions WHERE channel = ? ORDER BY id",
            (channel,)).fetchall()


def received_message_ids(work):
    ids = []
    for eml in sorted(work.glob("smtp-*/*.eml")):
        message = email.message_from_bytes(eml.read_bytes())
        ids.append(message["Message-ID"])
    return ids


def check_emails_once(work):
    sent = [row for row in actions(work, "email") if row[1] == "sent"]
    received = received_message_ids(work)
    assert len(received) == len(set(received)), "an email arrived twice"
    expected = sorted("<%s@ourco.example>" % action_id for action_id, _, _ in sent)
    assert sorted(received) == expected, "emails received %d, sent per the store %d" % (
        len(received), len(expected))
    return len(sent)


def main():
    binary = sys.argv[1]
    work = Path(tempfile.mkdtemp(prefix="dun-delivery-e2e-"))
    servers = Servers(work)
    try:
        dun(binary, "gen", "--invoices", "400", "--days", str(DAYS), "--start", "2026-03-02",
            "--seed", "7", "--out", str(work / "days"))
        proof = work / "proof.pdf"
        proof.write_bytes(minimal_pdf())
        servers.start_smtp()
        servers.start_provider(proof)
        # The first day with the letter outbox, and a manual letter through it.
        config = write_config(work, servers, letter_kind="outbox")
        days = sorted(p for p in (work / "days").iterdir() if p.is_dir())
        dun(binary, "run", "--config", str(config), "--snapshot", str(days[0]), "--date",
            days[0].name)
        outbox_invoice, outbox_customer = first_invoice(days[0])
        dun(binary, "send", "--config", str(config), "--snapshot", str(days[0]), "--date",
            days[0].name, "--customer", outbox_customer, "--invoice", outbox_invoice,
            "--template", "formal_notice", "--channel", "letter", "--postage", "priority")
        outbox_letter = manual_letter(work, outbox_customer)
        assert (work / "letters" / (outbox_letter + ".pdf")).exists()

        # Then [adapters.letter] switches to the print & mail provider.
        config = write_config(work, servers)
        for day in days[1:-1]:
            dun(binary, "run", "--config", str(config), "--snapshot", str(day), "--date", day.name)
        emails = check_emails_once(work)
        assert emails > 0, "no email was sent"

        # The letters need a collector's confirmation: confirm every one, then deliver.
        agenda = json.loads(dun(binary, "agenda", "list", "--json", "--config", str(config)))
        confirms = [task for task in agenda if task["kind"] == "confirm"]
        assert confirms, "no letter to confirm in the agenda"
        for task in confirms:
            dun(binary, "agenda", "confirm", str(task["id"]), "--config", str(config), "--date",
                days[-2].name)
        dun(binary, "deliver", "--config", str(config), "--snapshot", str(days[-2]), "--date",
            days[-2].name)

        # The letters: each sent one is at the provider once, under its action id.
        letters = [row for row in actions(work, "letter")
                   if row[1] == "sent" and row[0] != outbox_letter]
        assert letters, "no letter was sent"
        held = servers.provider_state()["letters"]
        references = [letter["reference"] for letter in held]
        assert len(references) == len(set(references)), "a letter was created twice"
        assert sorted(references) == sorted(a for a, _, _ in letters)

        # The agenda holds the tasks (the calls after the letters).
        agenda = json.loads(dun(binary, "agenda", "list", "--json", "--config", str(config)))
        assert [task for task in agenda if task["kind"] == "task"], "no task in the agenda"

        # A manual letter through the provider, with its postage.
        provider_invoice, provider_customer = first_invoice(days[-2], skip=(outbox_customer,))
        dun(binary, "send", "--config", str(config), "--snapshot", str(days[-2]), "--date",
            days[-2].name, "--customer", provider_customer, "--invoice", provider_invoice,
            "--template", "formal_notice", "--channel", "letter", "--postage", "priority")
        provider_letter = manual_letter(work, provider_customer)
        posted = [json.loads(line) for line in (work / "provider.jsonl").read_text().splitlines()]
        bodies = [entry["body"] for entry in posted if entry["method"] == "POST"
                  and entry["body"] and entry["body"]["reference"] == provider_letter]
        assert len(bodies) == 1 and bodies[0]["postage"] == "priority", bodies

        # A manual letter whose content is a 3-page PDF, behind dun's address page (a one-page
        # cover from a body file), through the provider with priority postage.
        (work / "statement.pdf").write_bytes(minimal_pdf(3))
        (work / "cover.txt").write_text("Dear {customer.name},\n\nplease find our statement "
                                        "enclosed.\n")
        pdf_invoice, pdf_customer = first_invoice(days[-2], skip=(outbox_customer,
                                                                    provider_customer))
        dun(binary, "send", "--config", str(config), "--snapshot", str(days[-2]), "--date",
            days[-2].name, "--customer", pdf_customer, "--invoice", pdf_invoice, "--body-file",
            str(work / "cover.txt"), "--subject", "Your statement", "--channel", "letter",
            "--pdf", str(work / "statement.pdf"), "--postage", "priority")
        pdf_letter = manual_letter(work, pdf_customer)
        posted = [json.loads(line) for line in (work / "provider.jsonl").read_text().splitlines()]
        pdf_bodies = [entry["body"] for entry in posted if entry["method"] == "POST"
                      and entry["body"] and entry["body"]["reference"] == pdf_letter]
        assert len(pdf_bodies) == 1 and pdf_bodies[0]["postage"] == "priority", pdf_bodies
        import base64
        (work / "posted.pdf").write_bytes(base64.b64decode(pdf_bodies[0]["pdf"]))
        info = subprocess.run(["pdfinfo", str(work / "posted.pdf")], capture_output=True,
                              text=True, check=True).stdout
        pages = [line.split()[1] for line in info.splitlines() if line.startswith("Pages:")]
        assert pages == ["4"], info  # the address page, then the PDF's 3 pages
        cover_text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(work / "posted.pdf"),
                                     "-"], capture_output=True, text=True, check=True).stdout
        assert "Your statement" in cover_text and "please find our statement" in cover_text, \
            cover_text
        shown = dun(binary, "show", pdf_letter, "--config", str(config), "--out",
                    str(work / "shown-pdf-letter.pdf"))
        assert "  postage       priority\n" in shown and "cover.txt" in shown, shown
        assert (work / "shown-pdf-letter.pdf").read_bytes() == (work / "posted.pdf").read_bytes()

        # Electronic registered letters (sent to the recipient's email, in their language): the
        # provider has the first accepted by its recipient, the second refused.
        electronic = {}
        electronic_invoice = {}
        skip = {outbox_customer, provider_customer, pdf_customer}
        for outcome in ("accepted", "refused"):
            servers.control({"electronic_outcome": outcome})
            invoice, customer = lasting_invoice(days[-2], days[-1], skip=skip)
            skip.add(customer)
            electronic_invoice[outcome] = (invoice, customer)
            dun(binary, "send", "--config", str(config), "--snapshot", str(days[-2]), "--date",
                days[-2].name, "--customer", customer, "--invoice", invoice, "--template",
                "formal_notice", "--channel", "letter", "--letter-type", "electronic")
            electronic[outcome] = manual_letter(work, customer)
        held = {letter["reference"]: letter for letter in servers.provider_state()["letters"]}
        for action_id in electronic.values():
            recipient = held[action_id]["recipient"]
            assert "@" in recipient["email"] and recipient["language"], recipient

        # Tracking: each --sync advances the provider one step; the statuses reach history. The
        # outbox's letter is never asked of the provider (exit 0 each time, no 404).
        for _ in range(6):
            synced = dun(binary, "deliver", "--sync", "--config", str(config), "--date",
                         days[-2].name)
            assert ("sync: 1 sent action of adapter letter (outbox) not tracked: that adapter "
                    "is no longer configured") in synced, synced
            assert "sync problem" not in synced, synced
        asked = [json.loads(line)["path"]
                 for line in (work / "provider.jsonl").read_text().splitlines()]
        assert not [path for path in asked if outbox_letter in path], asked
        with sqlite3.connect(work / "dun.db") as db:
            invoice = db.execute(
                "SELECT invoice_id FROM action_invoices WHERE action_id = ?",
                (letters[0][0],)).fetchone()[0]
        history = dun(binary, "history", invoice, "--config", str(config))
        for word in ("accepted", "printed", "mailed", "delivered"):
            assert word in history, "tracking status %s not in history:\n%s" % (word, history)

        # The electronic letters reached the recipient's answer, each with its proof.
        with sqlite3.connect(work / "dun.db") as db:
            for outcome, action_id in electronic.items():
                tracking, proof = db.execute(
                    "SELECT tracking, proof_path FROM actions WHERE id = ?",
                    (action_id,)).fetchone()
                assert tracking == outcome and proof, (outcome, tracking, proof)
                statuses = [row[0] for row in db.execute(
                    "SELECT status FROM tracking_events WHERE action_id = ? ORDER BY occurred_at",
                    (action_id,))]
                assert statuses == ["accepted", "sent", "awaiting_signature", outcome], statuses
        shown = dun(binary, "show", electronic["refused"], "--config", str(config))
        assert "  tracking      awaiting_signature" in shown and "  tracking      refused" in shown
        assert "  proof         " in shown, shown

        # `dun show`: each action with the document the store kept, as it went out.
        email_id = [row for row in actions(work, "email") if row[1] == "sent"][0][0]
        shown = dun(binary, "show", email_id, "--config", str(config), "--out",
                    str(work / "shown.eml"))
        assert "  adapter       email (smtp)\n" in shown, shown
        assert "Message-ID: <%s@ourco.example>" % email_id in shown, shown
        assert (work / "shown.eml").read_bytes() == kept_document(work, email_id)
        assert ("<%s@ourco.example>" % email_id) in received_message_ids(work)
        shown = dun(binary, "show", outbox_letter, "--config", str(config))
        assert "  adapter       letter (outbox): black and white, duplex, postage priority\n" \
            in shown, shown
        assert "  postage       priority\n" in shown, shown
        shown = dun(binary, "show", provider_letter, "--config", str(config), "--out",
                    str(work / "shown.pdf"))
        assert "  adapter       letter (print_mail): black and white, duplex, postage priority" \
            in shown, shown
        assert "  provider ref  ltr_" in shown, shown
        assert "  tracking      delivered" in shown, shown
        import base64
        assert (work / "shown.pdf").read_bytes() == base64.b64decode(bodies[0]["pdf"])
        shown = json.loads(dun(binary, "show", letters[0][0], "--json", "--config", str(config)))
        assert [e["status"] for e in shown["tracking_events"]][:2] == ["accepted", "printed"], shown

        # The analyst assigns both customers to the escalation scenario: on the last day the
        # refused letter's invoice gets a registered paper letter, the accepted one's nothing.
        for invoice, customer in electronic_invoice.values():
            dun(binary, "assign", customer, "escalate", "--config", str(config), "--snapshot",
                str(days[-1]), "--date", days[-1].name)

        # The SMTP server is down on the last day: its emails fail, nothing is lost...
        servers.stop_smtp()
        before = len(received_message_ids(work))
        dun(binary, "run", "--config", str(config), "--snapshot", str(days[-1]), "--date",
            days[-1].name)
        with sqlite3.connect(work / "dun.db") as db:
            escalations = db.execute(
                "SELECT a.id, a.letter_type, a.status, ai.invoice_id FROM actions a "
                "JOIN action_invoices ai ON ai.action_id = a.id "
                "WHERE a.scenario = 'escalate'").fetchall()
        refused_invoice = electronic_invoice["refused"][0]
        assert [(row[1], row[2], row[3]) for row in escalations] == [
            ("registered", "sent", refused_invoice)], escalations
        held = {letter["reference"]: letter for letter in servers.provider_state()["letters"]}
        assert held[escalations[0][0]]["type"] == "registered_ar", held[escalations[0][0]]
        history = dun(binary, "history", refused_invoice, "--config", str(config))
        assert "escalate" in history and "refused" in history, history
        shown = dun(binary, "show", escalations[0][0], "--config", str(config))
        assert "registered" in shown and "escalate" in shown, shown
        failed = [row for row in actions(work, "email") if row[1] == "failed"]
        assert failed, "no email failed while the SMTP server was down"
        # After [delivery] circuit_breaker_failures attempts in a row that could not connect, the
        # pass stops using the server: the day's other emails stay queued, untouched.
        pending = [row for row in actions(work, "email") if row[1] in ("failed", "queued")]
        assert len(failed) <= 5, "the circuit breaker let %d attempts through" % len(failed)
        # ...and once it is back, `dun deliver` sends each exactly once.
        servers.start_smtp()
        dun(binary, "deliver", "--config", str(config), "--snapshot", str(days[-1]), "--date",
            days[-1].name)
        assert not [row for row in actions(work, "email") if row[1] != "sent"]
        after = check_emails_once(work)
        assert after == emails + len(pending) and len(received_message_ids(work)) > before
        print("delivery e2e: %d emails and %d letters delivered once each, %d tasks, "
              "tracking in history, %d emails retried after the server came back"
              % (after, len(letters), len(agenda), len(pending)))
    finally:
        servers.stop()
        shutil.rmtree(work, ignore_errors=True)


def minimal_pdf(pages=1):
    """A valid PDF of empty A4 pages (the provider's proof of delivery; a document to send)."""
    kids = b" ".join(b"%d 0 R" % (3 + k) for k in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


if __name__ == "__main__":
    main()
