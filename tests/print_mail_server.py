#!/usr/bin/env python3
"""A print & mail provider for the tests: the generic HTTP JSON API of docs/adapters.md
("print_mail") on 127.0.0.1, Python standard library only.

    print_mail_server.py --record FILE --api-key KEY [--proof PDF] [--hang-seconds S]
                         [--fail-next N] [--throttle-next N] [--reject-next N]
                         [--hang-next N] [--close-next N]
                         [--created-status 200|201]

Prints the port it listens on (a free one) on the first line of standard output, then serves
until killed. Every API request is appended to FILE as one JSON line: method, path, headers
(names in lower case) and the JSON body (null when there is none or it is not JSON).

It behaves like a real provider: bearer key checked (401), the letter validated (422 with a
message), Idempotency-Key honoured (the same key answers 200 with the same letter id and creates
nothing), each GET of a letter advances its status one step (accepted, printed, mailed,
in_transit, delivered, then signed for registered letters) and, once signed, links the proof of
delivery (the --proof file). An electronic registered letter (which must carry the recipient's
email and language) goes accepted, sent, awaiting_signature, then accepted (the recipient
accepted it), refused or neglected (expired), as POST /_control {"electronic_outcome": WORD}
last said for the letters created after it (default accepted); its final status links the proof. Failures are scripted on the command line or, while it runs, with
POST /_control {"fail_next": N, "throttle_next": N, "reject_next": N, "hang_next": N,
"close_next": N, "created_status": 200}:
  fail_next   the next N letter POSTs answer 500 and create nothing;
  throttle_next the next N letter POSTs answer 429 (rate limited) and create nothing;
  reject_next the next N letter POSTs answer 422;
  hang_next   the next N letter POSTs create the letter, then answer nothing for --hang-seconds
              and close (the client times out: it cannot know the letter exists);
  close_next  the next N letter POSTs create the letter, then close the connection unanswered.
GET /_state returns the letters held ({"letters": [{"id", "reference", "status", "recipient",
"type", "postage"}]}).
"""

import argparse
import base64
import json
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STANDARD_STEPS = ["accepted", "printed", "mailed", "in_transit", "delivered"]
REGISTERED_STEPS = STANDARD_STEPS + ["signed"]
ELECTRONIC_STEPS = ["accepted", "sent", "awaiting_signature"]
ELECTRONIC_OUTCOMES = ("accepted", "refused", "neglected")
LETTER_TYPES = ("standard", "registered_ar", "electronic_registered")
POSTAGES = (None, "priority", "economy", "ecopli")
CLOCK_START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=timezone.utc)


class Provider:
    """The provider's state, shared by the request threads under one lock."""

    def __init__(self, args):
        self.lock = threading.Lock()
        self.args = args
        self.letters = {}  # id -> letter
        self.by_key = {}  # Idempotency-Key -> letter id
        self.counters = {
            "fail_next": args.fail_next,
            "throttle_next": args.throttle_next,
            "reject_next": args.reject_next,
            "hang_next": args.hang_next,
            "close_next": args.close_next,
        }
        self.created_status = args.created_status
        self.electronic_outcome = "accepted"
        self.proof = open(args.proof, "rb").read() if args.proof else None

    def take(self, counter):
        """Whether a scripted failure applies to this request (and count it used)."""
        if self.counters[counter] > 0:
            self.counters[counter] -= 1
            return True
        return False

    def record(self, entry):
        with open(self.args.record, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry) + "\n")


def at(step):
    return (CLOCK_START + timedelta(hours=step)).strftime("%Y-%m-%dT%H:%M:%SZ")


def validate_letter(body):
    """The provider's checks of a letter: the message of a 422, or None."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    if not body.get("reference"):
        return "reference is required"
    recipient = body.get("recipient")
    if not isinstance(recipient, dict) or not recipient.get("name"):
        return "recipient.name is required"
    if not recipient.get("address_lines"):
        return "recipient.address_lines must hold the postal address"
    sender = body.get("sender")
    if not isinstance(sender, dict) or not sender.get("name"):
        return "sender.name is required"
    if body.get("type") not in LETTER_TYPES:
        return "type must be one of " + ", ".join(LETTER_TYPES)
    for flag in ("color", "duplex"):
        if not isinstance(body.get(flag), bool):
            return flag + " must be true or false"
    if body.get("type") == "electronic_registered":
        if not recipient.get("email") or "@" not in recipient["email"]:
            return "recipient.email is required for an electronic registered letter"
        if not recipient.get("language"):
            return "recipient.language is required for an electronic registered letter"
        if body.get("postage") is not None:
            return "an electronic registered letter has no postage"
    if body.get("postage") not in POSTAGES:
        return "postage must be null (the default) or one of " + ", ".join(POSTAGES[1:])
    if body.get("postage") == "ecopli" and body["recipient"].get("country") != "FR":
        return "ecopli is for French addresses only"
    try:
        pdf = base64.b64decode(body.get("pdf", ""), validate=True)
    except ValueError:
        return "pdf must be base64"
    if not pdf.startswith(b"%PDF-"):
        return "pdf is not a PDF document"
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    provider = None  # set in main()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # the record file is the log

    def answer(self, status, payload=None, raw=None, content_type="application/json"):
        data = raw if raw is not None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, message):
        self.answer(status, {"error": {"message": message}})

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None

    def authorised(self):
        expected = "Bearer " + self.provider.args.api_key
        if self.headers.get("Authorization") != expected:
            self.error(401, "invalid API key")
            return False
        return True

    def record(self, body):
        self.provider.record({
            "method": self.command,
            "path": self.path,
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "body": body,
        })

    # --- routes -----------------------------------------------------------------------------

    def do_POST(self):
        body = self.read_body()
        if self.path == "/_control":
            return self.control(body or {})
        self.record(body)
        if not self.authorised():
            return None
        if self.path != "/letters":
            return self.error(404, "no such endpoint: POST " + self.path)
        return self.create_letter(body)

    def do_GET(self):
        if self.path == "/_state":
            return self.state()
        self.record(None)
        if not self.authorised():
            return None
        if self.path == "/account":
            return self.answer(200, {"name": "Test Collections Ltd", "balance": "120.50 EUR"})
        parts = self.path.strip("/").split("/")
        if len(parts) >= 2 and parts[0] == "letters":
            with self.provider.lock:
                letter = self.provider.letters.get(parts[1])
                if letter is None:
                    return self.error(404, "no letter " + parts[1])
                if len(parts) == 2:
                    return self.answer(200, self.advance(letter))
                if len(parts) == 3 and parts[2] == "proof":
                    if not self.has_proof(letter):
                        return self.error(404, "no proof of delivery yet")
                    return self.answer(200, raw=self.provider.proof,
                                       content_type="application/pdf")
        return self.error(404, "no such endpoint: GET " + self.path)

    def control(self, body):
        with self.provider.lock:
            for counter in self.provider.counters:
                if counter in body:
                    self.provider.counters[counter] = int(body[counter])
            if "created_status" in body:
                self.provider.created_status = int(body["created_status"])
            if body.get("electronic_outcome") in ELECTRONIC_OUTCOMES:
                self.provider.electronic_outcome = body["electronic_outcome"]
        self.answer(200, {"ok": True})

    def state(self):
        with self.provider.lock:
            letters = [{"id": l["id"], "reference": l["reference"], "status": l["status"],
                        "recipient": l["recipient"], "type": l["type"],
                        "postage": l["postage"]}
                       for l in self.provider.letters.values()]
        self.answer(200, {"letters": letters})

    def create_letter(self, body):
        provider = self.provider
        key = self.headers.get("Idempotency-Key")
        if not key:
            return self.error(400, "the Idempotency-Key header is required")
        with provider.lock:
            if provider.take("fail_next"):
                return self.error(500, "internal error, please retry")
            if provider.take("throttle_next"):
                return self.error(429, "too many requests, slow down")
            if provider.take("reject_next"):
                return self.error(422, "recipient address is not deliverable")
            if key in provider.by_key:
                letter = provider.letters[provider.by_key[key]]
                if isinstance(body, dict) and body.get("reference") != letter["reference"]:
                    return self.error(409, "Idempotency-Key already used for another letter")
                return self.answer(200, {"id": letter["id"], "status": letter["status"]})
            problem = validate_letter(body)
            if problem:
                return self.error(422, problem)
            letter_id = "ltr_%04d" % (len(provider.letters) + 1)
            if body["type"] == "electronic_registered":
                steps = ELECTRONIC_STEPS + [provider.electronic_outcome]
            else:
                steps = STANDARD_STEPS if body["type"] == "standard" else REGISTERED_STEPS
            letter = {"id": letter_id, "reference": body["reference"], "steps": steps,
                      "recipient": body["recipient"], "type": body["type"],
                      "postage": body.get("postage"),
                      "step": 0, "status": "accepted", "events": [{"status": "accepted",
                                                                   "at": at(0)}]}
            provider.letters[letter_id] = letter
            provider.by_key[key] = letter_id
            hang = provider.take("hang_next")
            close = provider.take("close_next")
        if hang:
            time.sleep(provider.args.hang_seconds)
        if hang or close:
            self.close_connection = True
            return None
        return self.answer(provider.created_status, {"id": letter_id, "status": "accepted"})

    def has_proof(self, letter):
        """Signed for, or an electronic letter's last status (accepted, refused, neglected)."""
        final = letter["step"] + 1 == len(letter["steps"])
        electronic = letter["steps"][1] == "sent"
        return self.provider.proof is not None and (
            letter["status"] == "signed" or (electronic and final))

    def advance(self, letter):
        """One step further along the letter's life per GET (called under the lock)."""
        if letter["step"] + 1 < len(letter["steps"]):
            letter["step"] += 1
            letter["status"] = letter["steps"][letter["step"]]
            letter["events"].append({"status": letter["status"], "at": at(letter["step"])})
        view = {"id": letter["id"], "reference": letter["reference"],
                "status": letter["status"], "events": letter["events"]}
        if self.has_proof(letter):
            view["proof_url"] = "/letters/%s/proof" % letter["id"]
        return view


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", required=True, help="file receiving one JSON line a request")
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--proof", help="the PDF served as proof of delivery once signed")
    parser.add_argument("--hang-seconds", type=float, default=5.0)
    parser.add_argument("--created-status", type=int, default=201)
    for counter in ("fail-next", "throttle-next", "reject-next", "hang-next", "close-next"):
        parser.add_argument("--" + counter, type=int, default=0)
    args = parser.parse_args()

    Handler.provider = Provider(args)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
