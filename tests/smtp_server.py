#!/usr/bin/python3
"""A real SMTP server on loopback for tests/smtp_adapter_test.cpp (aiosmtpd, Debian's
python3-aiosmtpd), started and stopped by the test.

Every message received is written to OUT/N.eml (the DATA bytes exactly as received, after
dot-unstuffing) and OUT/N.envelope (MAIL FROM on the first line, then one RCPT TO per line).
Prints "ready PORT" on standard output once it accepts connections; runs until SIGTERM.

Modes besides a well-behaved server:
  --auth USER:PASS       AUTH required (PLAIN and LOGIN offered, or only --mechanism's)
  --starttls CERT KEY    STARTTLS offered (and required before MAIL)
  --implicit-tls CERT KEY  TLS from the first byte (smtps)
  --reject-rcpt ADDR     550 to RCPT TO:<ADDR>
  --tempfail-rcpt ADDR   451 to RCPT TO:<ADDR>
  --reject-data          554 to the message (after receiving it; nothing is kept)
  --data-reply REPLY     REPLY (e.g. "552 5.3.4 Message too big") to the message; nothing is kept
  --queue-id ID          the reply to DATA is "250 2.0.0 Ok: queued as ID"
  --drop-after-data      receives the whole message, then closes the connection without a reply
  --hang-after-data      receives the whole message, then never replies
  --silent               accepts TCP connections and never says a word
"""
import argparse
import asyncio
import logging
import signal
import socket
import ssl
import sys
import threading
import warnings
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, SMTP


class Recorder:
    def __init__(self, args):
        self.args = args
        self.out = Path(args.out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.reject_rcpt and address == self.args.reject_rcpt:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if self.args.tempfail_rcpt and address == self.args.tempfail_rcpt:
            return "451 4.7.1 <%s>: Recipient address rejected: try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        if self.args.reject_data:
            return "554 5.7.1 Message rejected: looks like spam"
        if self.args.data_reply:
            return self.args.data_reply
        with self.lock:
            self.count += 1
            stem = self.out / str(self.count)
        # original_content: the bytes as received, line endings untouched.
        stem.with_suffix(".eml").write_bytes(envelope.original_content)
        stem.with_suffix(".envelope").write_text(
            "\n".join([envelope.mail_from] + envelope.rcpt_tos) + "\n")
        if self.args.hang_after_data:
            await asyncio.sleep(3600)
        if self.args.drop_after_data:
            server.transport.abort()
            return "250 never seen"
        if self.args.queue_id:
            return "250 2.0.0 Ok: queued as " + self.args.queue_id
        return "250 2.0.0 Ok"


def tls_context(pair):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pair[0], pair[1])
    return context


def make_authenticator(credentials):
    user, _, password = credentials.partition(":")

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == user.encode() and auth_data.password == password.encode()
        # handled=False: aiosmtpd then replies 535 itself (True would leave the client waiting).
        return AuthResult(success=ok, handled=False)

    return authenticator


def serve_silently(port):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(16)
    print("ready %d" % port, flush=True)
    held = []
    while True:
        connection, _ = listener.accept()
        held.append(connection)  # keep it open, say nothing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--auth")
    parser.add_argument("--mechanism", choices=["PLAIN", "LOGIN"])
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--reject-rcpt")
    parser.add_argument("--tempfail-rcpt")
    parser.add_argument("--reject-data", action="store_true")
    parser.add_argument("--data-reply")
    parser.add_argument("--queue-id")
    parser.add_argument("--drop-after-data", action="store_true")
    parser.add_argument("--hang-after-data", action="store_true")
    parser.add_argument("--silent", action="store_true")
    args = parser.parse_args()
    # AUTH without TLS is what the loopback tests want; the warning would only be noise.
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    if args.silent:
        serve_silently(args.port)
        return

    smtp_options = {}
    if args.auth:
        smtp_options["auth_require_tls"] = False  # loopback: AUTH without TLS is fine here
        smtp_options["auth_required"] = True
        smtp_options["authenticator"] = make_authenticator(args.auth)
        if args.mechanism:
            other = {"PLAIN": "LOGIN", "LOGIN": "PLAIN"}[args.mechanism]
            smtp_options["auth_exclude_mechanism"] = [other]
    if args.starttls:
        smtp_options["tls_context"] = tls_context(args.starttls)
        smtp_options["require_starttls"] = True
    controller_options = {}
    if args.implicit_tls:
        controller_options["ssl_context"] = tls_context(args.implicit_tls)

    controller = Controller(Recorder(args), hostname="127.0.0.1", port=args.port, server_hostname="dun-test-smtp",
                            **controller_options, **smtp_options)
    controller.start()
    print("ready %d" % args.port, flush=True)
    try:
        threading.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
