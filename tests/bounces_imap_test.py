#!/usr/bin/python3
"""Bounces end to end, against a real IMAP server (Debian's dovecot-imapd) started on loopback:

  dun run sends a reminder to each of three customers through a real SMTP server
  (tests/smtp_server.py); the test then writes into the bounce mailbox's maildir what mail
  servers send back — a hard bounce (RFC 3464, 5.1.1) of the first customer's email, a soft one
  (4.2.2, delayed) of the second's, a report about a message dun never sent, and an ordinary
  message — and `dun deliver --sync` reads them with libcurl's IMAP:
  → the first email is `bounced` in `dun history`, the second `delayed`, the third untouched;
  → the next `dun run` lists the first customer's collection address as bouncing, and the
    scenario, which reads customer.email_bounced, sends that customer a letter instead;
  → a second sync reads nothing again (the messages are marked read) and records nothing twice;
  → without DUN_BOUNCES_USER/DUN_BOUNCES_PASSWORD the sync says what to set and exits 1.

Dovecot runs as an unprivileged user (nobody when the test runs as root) with a configuration
the test writes into a temporary folder: passdb/userdb from a passwd-file, a maildir there, plain
IMAP on 127.0.0.1 and a free port (dun allows imap:// for a loopback host only).

usage: bounces_imap_test.py DUN_BINARY        (exits 77, skipped, when dovecot is not installed)
"""
import os
import pwd
import grp
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1]
PYTHON = os.environ.get("DUN_TEST_PYTHON", "/usr/bin/python3")
DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "bounces", "s3cret"

SCENARIO = '''scenario s "standard"
  step first
    at invoice.due_date + 1 days
    email "first_reminder"
  step paper
    at previous + 2 days
    when customer.email_bounced
    letter "first_reminder"
end
'''

CUSTOMERS = (
    "id,name,language,country,currency,segment,scenario,email,address,collector,credit_limit\n"
    'C1,Acme SAS,en,FR,EUR,sme,,ap@acme.example,"1 rue X\n75001 Paris",,\n'
    'C2,Globex GmbH,en,DE,EUR,sme,,ap@globex.example,"Hauptstr. 1\n10115 Berlin",,\n'
    'C3,Initech,en,FR,EUR,sme,,ap@initech.example,"2 rue Y\n69001 Lyon",,\n')
INVOICES = (
    "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,disputed,dunning,"
    "promise_date,pdf\n"
    "I1,C1,F-001,invoice,2026-01-01,2026-01-10,EUR,120.00,120.00,false,true,,\n"
    "I2,C2,F-002,invoice,2026-01-01,2026-01-10,EUR,80.00,80.00,false,true,,\n"
    "I3,C3,F-003,invoice,2026-01-01,2026-01-10,EUR,50.00,50.00,false,true,,\n")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, what):
    """Until `port` accepts connections (or `process` died: then fail, saying so)."""
    while True:
        if process.poll() is not None:
            raise AssertionError("%s exited with %d before listening" % (what, process.returncode))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)


class Dovecot:
    """dovecot -F with its own configuration, as an unprivileged user."""

    def __init__(self, root):
        self.root = root
        self.port = free_port()
        if os.geteuid() == 0:
            self.user, self.group = "nobody", grp.getgrgid(pwd.getpwnam("nobody").pw_gid).gr_name
        else:
            self.user = pwd.getpwuid(os.geteuid()).pw_name
            self.group = grp.getgrgid(os.getegid()).gr_name
        self.maildir = root / "mail" / USER
        for sub in ("run", "state", "home", "mail/%s/new" % USER, "mail/%s/cur" % USER,
                    "mail/%s/tmp" % USER):
            (root / sub).mkdir(parents=True, exist_ok=True)
        (root / "passwd").write_text("%s:{PLAIN}%s::::::\n" % (USER, PASSWORD))
        (root / "dovecot.conf").write_text("""base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/passwd
  default_fields = uid={user} gid={group} home={root}/home/%u
}}
mail_location = maildir:{root}/mail/%u
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
""".format(root=root, user=self.user, group=self.group, port=self.port))
        self.chown(root)
        command = [DOVECOT, "-F", "-c", str(root / "dovecot.conf")]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=" + self.user, "--regid=" + self.group,
                       "--clear-groups"] + command
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        wait_for_port(self.port, self.process, "dovecot")

    def chown(self, path):
        if os.geteuid() != 0:
            return
        for folder, dirs, files in os.walk(path):
            shutil.chown(folder, self.user, self.group)
            for name in files:
                shutil.chown(os.path.join(folder, name), self.user, self.group)

    def deliver(self, name, message):
        """As a local delivery agent does: written in tmp/, then renamed into new/."""
        temporary = self.maildir / "tmp" / name
        temporary.write_bytes(message.replace(b"\n", b"\r\n"))
        self.chown(temporary)
        os.rename(temporary, self.maildir / "new" / name)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def dsn(message_id, recipient, action, status, diagnostic):
    """A delivery status notification as Postfix writes one (RFC 3464 multipart/report)."""
    return ("""From: MAILER-DAEMON@mx.example (Mail Delivery System)
To: ar@ourco.example
Subject: Undelivered Mail Returned to Sender
Date: Tue, 20 Jan 2026 10:00:00 +0100
Message-ID: <dsn-{tag}@mx.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="B0UND"

--B0UND
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example. Your message could not be delivered.

--B0UND
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example
Arrival-Date: Tue, 20 Jan 2026 09:59:58 +0100

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: {action}
Status: {status}
Diagnostic-Code: smtp; {diagnostic}

--B0UND
Content-Type: text/rfc822-headers

From: ar@ourco.example
To: {recipient}
Subject: Reminder
Message-ID: {message_id}

--B0UND--
""".format(tag=status, recipient=recipient, action=action, status=status, diagnostic=diagnostic,
           message_id=message_id)).encode()


def dun(binary, folder, *args, expect=0, env=None):
    done = subprocess.run([binary, *args], capture_output=True, text=True, cwd=folder,
                          env=dict(os.environ, **(env or {})))
    assert done.returncode == expect, "dun %s exited %d (expected %d)\n%s%s" % (
        " ".join(args), done.returncode, expect, done.stdout, done.stderr)
    return done.stdout


def main():
    binary = sys.argv[1]
    if not os.path.exists(DOVECOT):
        print("SKIP: %s is not installed (Debian package dovecot-imapd, scripts/setup.sh): the "
              "bounce mailbox cannot be tested against a real IMAP server" % DOVECOT)
        sys.exit(77)
    work = Path(tempfile.mkdtemp(prefix="dun-bounces-"))
    os.chmod(work, 0o755)  # dovecot's unprivileged user reads its folder inside
    smtp = imap = None
    try:
        imap = Dovecot(work / "imap")
        smtp_port = free_port()
        smtp = subprocess.Popen(
            [PYTHON, str(SOURCE / "tests/smtp_server.py"), "--port", str(smtp_port), "--out",
             str(work / "smtp")], stdout=subprocess.PIPE, text=True)
        assert smtp.stdout.readline().startswith("ready")
        folder = work / "dun"
        (folder / "scenarios").mkdir(parents=True)
        (folder / "templates").mkdir()
        (folder / "snapshot").mkdir()
        (folder / "scenarios/s.dun").write_text(SCENARIO)
        (folder / "templates/first_reminder.en.txt").write_text(
            "Subject: Reminder\n\nPlease pay.\n\n{items_list}\n")
        (folder / "snapshot/customers.csv").write_text(CUSTOMERS)
        (folder / "snapshot/invoices.csv").write_text(INVOICES)
        (folder / "dun.toml").write_text(
            '[company]\nname = "Our Company"\nemail = "ar@ourco.example"\nlanguage = "en"\n'
            'address = "1 Main St\\n75001 Paris"\n\n'
            '[engine]\ndatabase = "dun.db"\nsnapshot = "snapshot"\nscenarios = "scenarios"\n'
            'templates = "templates"\ndefault_scenario = "s"\n\n'
            '[adapters.email]\nkind = "smtp"\nhost = "127.0.0.1"\nport = %d\ntls = "none"\n'
            'from = "ar@ourco.example"\nbounces = "imap://127.0.0.1:%d/INBOX"\n\n'
            '[adapters.letter]\nkind = "outbox"\ndir = "out/letters"\n\n'
            '[adapters.task]\nkind = "agenda"\n' % (smtp_port, imap.port))
        login = {"DUN_BOUNCES_USER": USER, "DUN_BOUNCES_PASSWORD": PASSWORD}

        dun(binary, folder, "run", "--date", "2026-01-11")
        with sqlite3.connect(folder / "dun.db") as db:
            emails = dict(db.execute(
                "SELECT customer_id, id FROM actions WHERE channel = 'email' AND status = 'sent'"))
        assert sorted(emails) == ["C1", "C2", "C3"], emails

        imap.deliver("1.hard", dsn("<%s@ourco.example>" % emails["C1"], "ap@acme.example",
                                   "failed", "5.1.1", "550 5.1.1 <ap@acme.example>: user unknown"))
        imap.deliver("2.soft", dsn("<%s@ourco.example>" % emails["C2"], "ap@globex.example",
                                   "delayed", "4.2.2", "452 4.2.2 mailbox full"))
        imap.deliver("3.stranger", dsn("<not-ours@elsewhere.example>", "x@y.example", "failed",
                                       "5.1.1", "550 no such user"))
        imap.deliver("4.note", b"From: someone@example.com\nSubject: hello\n\nNot a report.\n")

        # Without the mailbox's login: told what to set, nothing read.
        no_login = dun(binary, folder, "deliver", "--sync", "--date", "2026-01-12", expect=1)
        assert ("sync problem: the bounce mailbox imap://127.0.0.1:%d/INBOX needs a login: set "
                "DUN_BOUNCES_USER and DUN_BOUNCES_PASSWORD in the environment" % imap.port
                ) in no_login, no_login

        synced = dun(binary, folder, "deliver", "--sync", "--date", "2026-01-12", env=login)
        assert ("bounces: 4 messages read from imap://127.0.0.1:%d/INBOX, 1 new bounced, 1 new "
                "delayed, 1 not a delivery report" % imap.port) in synced, synced
        assert "bounces: a report about <not-ours@elsewhere.example>, which is no sent email" \
            in synced, synced
        history = dun(binary, folder, "history", "I1")
        assert "email tracking: bounced" in history and "5.1.1" in history, history
        history = dun(binary, folder, "history", "I2")
        assert "email tracking: delayed" in history and "bounced" not in history, history
        assert "tracking" not in dun(binary, folder, "history", "I3")
        shown = dun(binary, folder, "show", emails["C1"])
        assert "  tracking      bounced" in shown, shown

        # Read once: the next sync finds nothing new.
        again = dun(binary, folder, "deliver", "--sync", "--date", "2026-01-12", env=login)
        assert "bounces: 0 messages read" in again, again
        with sqlite3.connect(folder / "dun.db") as db:
            events = db.execute("SELECT COUNT(*) FROM tracking_events").fetchone()[0]
        assert events == 2, events

        # The next run lists the bouncing address, and the scenario sends C1 a letter instead.
        run = dun(binary, folder, "run", "--date", "2026-01-13")
        assert "  bouncing collection addresses: 1 " in run, run
        assert "    C1 Acme SAS: ap@acme.example\n" in run, run
        with sqlite3.connect(folder / "dun.db") as db:
            letters = db.execute(
                "SELECT customer_id FROM actions WHERE channel = 'letter'").fetchall()
        assert letters == [("C1",)], letters
        print("bounces: a hard bounce and a soft one read over IMAP from dovecot, recorded once, "
              "listed by the next run; the scenario wrote to the bouncing customer by letter")
    finally:
        if smtp:
            smtp.terminate()
            smtp.wait(timeout=20)
        if imap:
            imap.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
