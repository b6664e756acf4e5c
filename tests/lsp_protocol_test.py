#!/usr/bin/env python3
"""`dun lsp` at the protocol level: the real binary over pipes, framed JSON-RPC as a client sends
it. Covers every method the server offers, its lifecycle, the UTF-16 columns of a line with
non-ASCII text and a tab, malformed input, unknown methods and cancellation; the diagnostics are
compared with `dun check --json` on the same file (one diagnostics engine).

    lsp_protocol_test.py DUN_BINARY
"""
import json
import os
import select
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from library_residency import library_residency  # noqa: E402

DUN = None

SCENARIO = """scenario demo "Demo"
  calendar FR
  applies when customer.name != "Zoë 😀"\tand invoice.balanse > 0

  let big = customer.overdue_total >= 1_000 EUR

  step first
    at invoice.due_date + 7 days
    email "first_reminder"

  step second
    at previous + 10 days
    when big
    email "secnd_reminder"
end
"""


def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def position_of(text, needle, occurrence=0):
    """The LSP position (UTF-16) of the start of `needle` in `text`."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index)
    line_start = text.rfind("\n", 0, index) + 1
    return {"line": line, "character": utf16_len(text[line_start:index])}


class Client:
    def __init__(self, cwd):
        self.process = subprocess.Popen([DUN, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, cwd=cwd)
        self.buffer = b""
        self.next_id = 1
        self.notifications = []

    def write(self, raw):
        self.process.stdin.write(raw)
        self.process.stdin.flush()

    @staticmethod
    def frame(message):
        body = json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def send(self, message):
        self.write(self.frame(message))

    def read(self, timeout=20):
        deadline = time.time() + timeout
        while True:
            header_end = self.buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                headers = self.buffer[:header_end].decode()
                length = int(headers.split("Content-Length:")[1].split("\r\n")[0])
                start = header_end + 4
                if len(self.buffer) - start >= length:
                    body = self.buffer[start:start + length]
                    self.buffer = self.buffer[start + length:]
                    return json.loads(body)
            remaining = deadline - time.time()
            if remaining <= 0:
                raise TimeoutError("no message from dun lsp")
            ready, _, _ = select.select([self.process.stdout], [], [], remaining)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 65536)
                if not chunk:
                    raise EOFError("dun lsp closed its output")
                self.buffer += chunk

    def response(self, request_id):
        while True:
            message = self.read()
            if message.get("id") == request_id and "method" not in message:
                return message
            self.notifications.append(message)

    def request(self, method, params=None):
        request_id = self.next_id
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.response(request_id)

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def published(self, uri):
        """The params of the next publishDiagnostics for `uri`."""
        for i, message in enumerate(self.notifications):
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                del self.notifications[i]
                return message["params"]
        while True:
            message = self.read()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]
            self.notifications.append(message)

    def diagnostics(self, uri):
        return self.published(uri)["diagnostics"]

    def initialize(self):
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
        self.notify("initialized", {})
        return result

    def close(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()


class LspProtocolTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        root = self.folder.name
        os.makedirs(os.path.join(root, "templates"))
        for name in ("first_reminder", "second_reminder"):
            with open(os.path.join(root, "templates", name + ".en.txt"), "w") as f:
                f.write("Subject: Reminder\n\nDear {customer.name},\n")
        with open(os.path.join(root, "dun.toml"), "w") as f:
            f.write('[engine]\ntemplates = "templates"\n')
        os.makedirs(os.path.join(root, "sub"))
        self.path = os.path.join(root, "sub", "demo.dun")
        with open(self.path, "w") as f:
            f.write(SCENARIO)
        self.uri = "file://" + self.path
        self.client = Client(root)

    def tearDown(self):
        self.client.close()
        self.folder.cleanup()

    def open(self, text=SCENARIO, uri=None):
        self.client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri or self.uri, "languageId": "dun", "version": 1, "text": text}})
        return self.client.diagnostics(uri or self.uri)

    def at(self, needle, occurrence=0, delta=0, text=SCENARIO):
        position = position_of(text, needle, occurrence)
        position["character"] += delta
        return {"textDocument": {"uri": self.uri}, "position": position}

    # ---- lifecycle ----
    def test_requests_before_initialize_are_refused(self):
        response = self.client.request("textDocument/hover", self.at("big"))
        self.assertEqual(response["error"]["code"], -32002)

    def test_initialize_announces_the_capabilities_once(self):
        result = self.client.initialize()["result"]
        capabilities = result["capabilities"]
        self.assertEqual(capabilities["positionEncoding"], "utf-16")
        self.assertEqual(capabilities["textDocumentSync"]["change"], 1)
        for provider in ("hoverProvider", "definitionProvider", "documentSymbolProvider",
                         "documentFormattingProvider"):
            self.assertTrue(capabilities[provider], provider)
        self.assertIn(".", capabilities["completionProvider"]["triggerCharacters"])
        self.assertEqual(capabilities["codeActionProvider"]["codeActionKinds"], ["quickfix"])
        self.assertEqual(result["serverInfo"]["name"], "dun")
        again = self.client.request("initialize", {"capabilities": {}})
        self.assertEqual(again["error"]["code"], -32600)

    def test_an_idle_server_keeps_none_of_llvms_code_resident(self):
        # The checker never calls LLVM; its start-up touched ~37 MB of LLVM's code, which the
        # server gives back before it reads the first message (cli/verbs/verb_lsp.cpp).
        self.client.initialize()
        self.open()
        unmodified, modified = library_residency(self.client.process.pid)
        self.assertLess(unmodified, 4 << 20, "LLVM's code still resident: %d bytes" % unmodified)
        self.assertGreater(modified, 0, "LLVM is not loaded at all: nothing was measured")

    def test_shutdown_then_exit_ends_with_status_0(self):
        self.client.initialize()
        self.assertIsNone(self.client.request("shutdown")["result"])
        after = self.client.request("textDocument/hover", self.at("big"))
        self.assertEqual(after["error"]["code"], -32600)
        self.client.notify("exit")
        self.assertEqual(self.client.process.wait(timeout=20), 0)

    def test_exit_without_shutdown_ends_with_status_1(self):
        self.client.initialize()
        self.client.notify("exit")
        self.assertEqual(self.client.process.wait(timeout=20), 1)

    # ---- diagnostics ----
    def test_diagnostics_are_those_of_dun_check_with_utf16_ranges(self):
        self.client.initialize()
        diagnostics = self.open()
        # The same dun.toml the server found above the document, named as it names it.
        config = os.path.join(self.folder.name, "dun.toml")
        check = subprocess.run([DUN, "check", "--json", "--config", config, self.path],
                               capture_output=True, text=True)
        expected = json.loads(check.stdout)
        self.assertEqual(len(expected), 2)
        self.assertEqual([d["message"] for d in diagnostics], [d["message"] for d in expected])
        self.assertEqual([d["severity"] for d in diagnostics], [1, 1])
        field = diagnostics[0]
        self.assertIn("did you mean 'invoice.balance'?", field["message"])
        # The line holds 'ë', an emoji (two UTF-16 units) and a tab before the field: dun's
        # character column converted to UTF-16 units.
        line_text = SCENARIO.split("\n")[2]
        self.assertEqual(expected[0]["column"], len(line_text[:line_text.index("balanse")]) + 1)
        self.assertEqual(field["range"]["start"], position_of(SCENARIO, "balanse"))
        self.assertEqual(field["range"]["end"], position_of(SCENARIO, " > 0"))
        self.assertEqual(field["range"]["start"]["character"],
                         utf16_len(line_text[:line_text.index("balanse")]))
        self.assertEqual(field["range"]["start"]["character"], expected[0]["column"])  # +1 unit, -1 base
        template = diagnostics[1]
        self.assertIn("did you mean 'second_reminder'?", template["message"])
        self.assertEqual(template["range"]["start"], position_of(SCENARIO, '"secnd_reminder"'))

    def test_a_change_republishes_after_the_pause(self):
        self.client.initialize()
        self.assertEqual(len(self.open()), 2)
        fixed = SCENARIO.replace("balanse", "balance").replace("secnd", "second")
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": self.uri, "version": 2},
            "contentChanges": [{"text": SCENARIO}, {"text": fixed}]})
        published = self.client.published(self.uri)
        self.assertEqual(published["diagnostics"], [])
        self.assertEqual(published["version"], 2)
        self.client.notify("textDocument/didClose", {"textDocument": {"uri": self.uri}})
        self.assertEqual(self.client.diagnostics(self.uri), [])

    def test_code_action_applies_the_suggestion(self):
        self.client.initialize()
        diagnostics = self.open()
        actions = self.client.request("textDocument/codeAction", {
            "textDocument": {"uri": self.uri}, "range": diagnostics[0]["range"],
            "context": {"diagnostics": diagnostics[:1]}})["result"]
        self.assertEqual(len(actions), 1)
        action = actions[0]
        self.assertEqual(action["kind"], "quickfix")
        self.assertEqual(action["title"], "Replace with 'invoice.balance'")
        edit = action["edit"]["changes"][self.uri][0]
        self.assertEqual(edit["newText"], "invoice.balance")
        self.assertEqual(edit["range"]["start"], position_of(SCENARIO, "invoice.balanse"))
        template = self.client.request("textDocument/codeAction", {
            "textDocument": {"uri": self.uri}, "range": diagnostics[1]["range"],
            "context": {"diagnostics": diagnostics[1:]}})["result"]
        self.assertEqual(template[0]["edit"]["changes"][self.uri][0]["newText"], '"second_reminder"')

    # ---- completion ----
    def labels(self, text, needle, delta=0, occurrence=0):
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": self.uri, "version": 3}, "contentChanges": [{"text": text}]})
        params = self.at(needle, occurrence, delta, text)
        items = self.client.request("textDocument/completion", params)["result"]["items"]
        return {item["label"]: item for item in items}

    def test_completion_by_context(self):
        self.client.initialize()
        self.open()
        fields = self.labels(SCENARIO.replace("invoice.due_date +", "invoice. +"), "invoice. +", len("invoice."))
        self.assertEqual(fields["balance"]["detail"], "money")
        self.assertIn("due_date", fields)
        self.assertNotIn("overdue_total", fields)
        # The delivery facts the run reads from the state store (docs/delivery.md).
        self.assertEqual(fields["last_letter_status"]["detail"], "string")
        customer = self.labels(SCENARIO, "customer.overdue_total", len("customer."))
        self.assertIn("overdue_total", customer)
        self.assertEqual(customer["email_bounced"]["detail"], "bool")
        templates = self.labels(SCENARIO, '"first_reminder"', 1)
        self.assertEqual(sorted(templates), ["first_reminder", "second_reminder"])
        calendars = self.labels(SCENARIO, "FR", 0)
        self.assertIn("DE", calendars)
        keywords = self.labels(SCENARIO.replace("    when big\n", "    w\n"), "    w\n", 5)
        for word in ("at", "when", "wait", "email", "letter", "task", "step"):
            self.assertIn(word, keywords)
        expression = self.labels(SCENARIO, "previous + 10", 0)
        self.assertEqual(expression["previous"]["detail"], "date")
        self.assertIn("first", expression)
        self.assertIn("big", expression)
        self.assertNotIn("second", expression)
        self.assertIn("days_between(date, date) → int", expression["days_between"]["detail"])
        in_its_own_value = self.labels(SCENARIO, "customer.overdue_total", 0)
        self.assertNotIn("big", in_its_own_value)
        self.assertNotIn("previous", in_its_own_value)
        self.assertIn("today", in_its_own_value)

    # ---- hover, definition, symbols, formatting ----
    def test_hover_gives_types_and_documentation(self):
        self.client.initialize()
        # A let's type is the checker's: the scenario must check without errors.
        self.assertEqual(self.open(SCENARIO.replace("balanse", "balance").replace("secnd", "second")), [])
        field = self.client.request("textDocument/hover", self.at("overdue_total"))["result"]
        self.assertIn("`customer.overdue_total`: money", field["contents"]["value"])
        self.assertIn("overdue invoices", field["contents"]["value"])
        text = SCENARIO.replace("balanse", "balance").replace("secnd", "second").replace(
            "when big\n", "when big and not customer.email_bounced\n")
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": self.uri, "version": 2}, "contentChanges": [{"text": text}]})
        hover = self.client.request("textDocument/hover",
                                    self.at("email_bounced", 0, 0, text))["result"]
        self.assertIn("`customer.email_bounced`: bool", hover["contents"]["value"])
        self.assertIn("collection address", hover["contents"]["value"])
        let = self.client.request("textDocument/hover", self.at("big", 1))["result"]
        self.assertEqual(let["contents"]["value"], "`let big`: bool")
        expression = self.client.request("textDocument/hover", self.at("+ 7 days"))["result"]
        self.assertEqual(expression["contents"]["value"], "`invoice.due_date + 7 days`: date")
        literal = self.client.request("textDocument/hover", self.at("1_000"))["result"]
        self.assertEqual(literal["contents"]["value"], "`1_000 EUR`: money")
        keyword = self.client.request("textDocument/hover", self.at("calendar"))["result"]
        self.assertIn("national public holidays", keyword["contents"]["value"])
        previous = self.client.request("textDocument/hover", self.at("previous"))["result"]
        self.assertIn("step `first`", previous["contents"]["value"])
        nothing = self.client.request("textDocument/hover", {"textDocument": {"uri": self.uri},
                                                             "position": {"line": 3, "character": 0}})
        self.assertIsNone(nothing["result"])

    def test_hover_on_a_function_gives_its_signatures(self):
        self.client.initialize()
        text = SCENARIO.replace("when big", "when days_between(invoice.due_date, today) > 3")
        self.open(text)
        hover = self.client.request("textDocument/hover", self.at("days_between", 0, 2, text))["result"]
        self.assertIn("`days_between(date, date) → int`", hover["contents"]["value"])
        self.assertIn("calendar days", hover["contents"]["value"])

    def test_definition_of_previous_steps_lets_and_templates(self):
        self.client.initialize()
        self.open()
        previous = self.client.request("textDocument/definition", self.at("previous"))["result"]
        self.assertEqual(previous["uri"], self.uri)
        self.assertEqual(previous["range"]["start"], position_of(SCENARIO, "first\n"))
        let = self.client.request("textDocument/definition", self.at("big", 1))["result"]
        self.assertEqual(let["range"]["start"], position_of(SCENARIO, "big"))
        template = self.client.request("textDocument/definition", self.at('"first_reminder"', 0, 2))["result"]
        self.assertTrue(template["uri"].endswith("/templates/first_reminder.en.txt"), template["uri"])

    def test_document_symbols(self):
        self.client.initialize()
        self.open(SCENARIO + '\ntest "a test"\n  invoice due 2026-01-10 balance 10 EUR\n  on 2026-02-01 expect nothing\n')
        symbols = self.client.request("textDocument/documentSymbol", {"textDocument": {"uri": self.uri}})["result"]
        self.assertEqual([s["name"] for s in symbols], ["demo", "a test"])
        self.assertEqual(symbols[0]["detail"], "Demo")
        self.assertEqual([c["name"] for c in symbols[0]["children"]], ["big", "first", "second"])

    def test_formatting_is_dun_fmt(self):
        self.client.initialize()
        messy = 'scenario s "T" calendar FR\nstep a at today email "first_reminder"\nend\n'
        self.open(messy)
        edits = self.client.request("textDocument/formatting", {
            "textDocument": {"uri": self.uri}, "options": {"tabSize": 2, "insertSpaces": True}})["result"]
        fmt = subprocess.run([DUN, "fmt", "-"], input=messy, capture_output=True, text=True)
        self.assertEqual(fmt.returncode, 0)
        self.assertEqual(len(edits), 1)
        self.assertEqual(edits[0]["newText"], fmt.stdout)
        self.assertEqual(edits[0]["range"]["start"], {"line": 0, "character": 0})

    # ---- robustness ----
    def test_malformed_messages_get_errors_and_the_server_goes_on(self):
        self.client.initialize()
        body = b'{"jsonrpc": "2.0", "id": 7, "method": '
        self.client.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.assertEqual(self.client.read()["error"]["code"], -32700)
        self.client.write(b"Content-Type: x\r\n\r\n")
        self.assertEqual(self.client.read()["error"]["code"], -32700)
        self.client.send({"jsonrpc": "2.0", "id": 8})
        self.assertEqual(self.client.read()["error"]["code"], -32600)
        self.client.send([1, 2, 3])
        self.assertEqual(self.client.read()["error"]["code"], -32600)
        unknown = self.client.request("workspace/unknownThing", {})
        self.assertEqual(unknown["error"]["code"], -32601)
        self.client.notify("$/unknownNotification", {})
        bad_params = self.client.request("textDocument/hover", {"textDocument": {"uri": self.uri}})
        self.assertEqual(bad_params["error"]["code"], -32602)
        not_open = self.client.request("textDocument/hover", self.at("big"))
        self.assertEqual(not_open["error"]["code"], -32602)
        self.open()
        self.assertIsNotNone(self.client.request("textDocument/hover", self.at("big", 1))["result"])

    def test_every_position_gets_an_answer(self):
        """Hover, completion and definition at every position, past the line ends included."""
        self.client.initialize()
        text = SCENARIO + '\ntest "t"\n  invoice due 2026-01-10 balance 10 EUR\n  on 2026-02-01 expect nothing\n'
        self.open(text)
        for line_number, line in enumerate(text.split("\n") + [""]):
            for character in range(0, utf16_len(line) + 3, 2):
                position = {"textDocument": {"uri": self.uri},
                            "position": {"line": line_number, "character": character}}
                for method in ("textDocument/hover", "textDocument/completion", "textDocument/definition"):
                    answer = self.client.request(method, position)
                    self.assertIn("result", answer, (method, line_number, character, answer))

    def test_a_cancelled_request_is_answered_with_request_cancelled(self):
        self.client.initialize()
        self.open()
        request = self.client.frame({"jsonrpc": "2.0", "id": 50, "method": "textDocument/hover",
                                     "params": self.at("big", 1)})
        cancel = self.client.frame({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 50}})
        self.client.write(request + cancel)
        self.assertEqual(self.client.response(50)["error"]["code"], -32800)
        self.assertIsNotNone(self.client.request("textDocument/hover", self.at("big", 1))["result"])

    def test_diagnostics_time_on_a_5000_line_file(self):
        """Measured, not asserted: docs/editors.md records the figure."""
        self.client.initialize()
        step = "  step s{0}\n    at previous + 1 days\n    when invoice.balance > 0 EUR and customer.overdue_total >= 100 EUR\n    email \"first_reminder\"\n\n"
        text = 'scenario big "Big"\n  step s\n    at invoice.due_date + 1 days\n    email "first_reminder"\n\n'
        text += "".join(step.format(i) for i in range(1000)) + "end\n"
        self.assertGreaterEqual(text.count("\n"), 5000)
        started = time.perf_counter()
        diagnostics = self.open(text)
        elapsed = time.perf_counter() - started
        self.assertEqual(diagnostics, [])
        print("\n5,000-line file: diagnostics published %.1f ms after didOpen" % (elapsed * 1000),
              file=sys.stderr)


if __name__ == "__main__":
    DUN = sys.argv.pop(1)
    unittest.main(verbosity=2)
