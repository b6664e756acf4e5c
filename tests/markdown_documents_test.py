#!/usr/bin/python3
"""Markdown templates on the real binary (docs/templates.md, "Markdown templates"):

  dun render TEMPLATE --format eml   a multipart/alternative email, read back with Python's
                                     `email` package: a text/plain part and a text/html part
                                     (in a multipart/related with the company logo as an inline
                                     CID image) that carry the same words, the invoice PDF
                                     attached; the HTML part validates (html.parser: balanced
                                     tags, only known elements, no script, no event handler, no
                                     style sheet, links to https/mailto only, the cid: logo).
  dun render TEMPLATE --format html  the HTML part itself, byte for byte.
  dun render TEMPLATE --format pdf   the letter: pdftohtml -xml says which font face sets each
                                     word: **bold** words in DejaVu Sans Bold, *italic* ones in
                                     Oblique, the rest in the regular face; pdffonts lists them.
A customer name made of markup (<script>, **, a javascript: link) prints as those very characters
in every output and never becomes a tag, an emphasis or a link. `dun check` checks .md templates
as it checks .txt ones.

usage: markdown_documents_test.py DUN_BINARY SOURCE_DIR
"""
import email
import email.policy
import html.parser
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

DUN = str(Path(sys.argv[1]).resolve())
SOURCE = Path(sys.argv[2]).resolve()

NASTY = '<script>alert(1)</script> **Bold** [x](javascript:alert(1)) & "Co"'

TEMPLATE = """Subject: Reminder for {customer.name}

Dear {customer.name},

The following {if customer.overdue_count > 1}items are{else}item is{end} **overdue** and *unpaid*:

{items_list}

## How to pay

- by transfer to **{company.iban}** (BIC {company.bic})
- online: [pay invoice {invoice.number}](https://pay.example/{invoice.number})
  - or write to [{company.email}](mailto:{company.email})

| Contact | Hours |
|---|--:|
| {collector.name} | 9 to 17 |

Late payments bear interest at {company.late_interest_rate} a year.

Kind regards,\\
{company.name}
"""

CONFIG = """[company]
name = "Our Company"
address = "1 Quay Street\\nDublin"
email = "ar@ourco.example"
iban = "IE29 AIBK 9311 5212 3456 78"
bic = "AIBKIE2D"
logo = "assets/logo.png"
language = "en"
late_interest_rate = "12.5"

[engine]
database = "dun.db"
snapshot = "snapshot"
scenarios = "scenarios"
templates = "templates"

[adapters.email]
kind = "outbox"
dir = "out/emails"
"""

CUSTOMERS = (
    "id,name,language,country,currency,segment,scenario,email,address,collector,credit_limit\n"
    "C1,\"%s\",en,IE,EUR,sme,,ap@acme.example,\"1 Main St\nDublin\",,\n" % NASTY.replace('"', '""'))

INVOICES = (
    "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,disputed,dunning,"
    "promise_date,pdf\n"
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,pdf/F-001.pdf\n")

SCENARIO = """scenario mail "email"
  step first
    at invoice.due_date + 7 days
    email "reminder"
end
"""

VOID = {"meta", "img", "br", "hr"}
ALLOWED = {"html", "head", "meta", "title", "body", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6",
           "strong", "em", "code", "pre", "a", "ul", "ol", "li", "blockquote", "table", "thead",
           "tbody", "tfoot", "tr", "th", "td", "img", "br", "hr"}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


class Validator(html.parser.HTMLParser):
    """Balanced tags, known elements only, safe attributes; collects the text outside <title>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.doctype = False
        self.text = []
        self.images = []
        self.links = []
        self.problems = []

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append("element <%s>" % tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append("event handler %s on <%s>" % (name, tag))
            if name == "href":
                self.links.append(value)
            if name == "src":
                self.images.append(value)
        if tag == "a" and not dict(attrs).get("href", "").startswith(("https:", "mailto:")):
            self.problems.append("link to %r" % dict(attrs).get("href"))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes %s" % (tag, self.stack[-1:] or "nothing"))
            return
        self.stack.pop()

    def handle_data(self, data):
        if "title" not in self.stack:
            self.text.append(data)


def words(text):
    return re.findall(r"\w+", text)


def run(work, *args):
    return subprocess.run([DUN, *args], cwd=work, capture_output=True, check=False)


def main():
    work = Path(tempfile.mkdtemp(prefix="dun_markdown_"))
    try:
        (work / "templates").mkdir()
        (work / "scenarios").mkdir()
        (work / "snapshot" / "pdf").mkdir(parents=True)
        (work / "assets").mkdir()
        shutil.copy(SOURCE / "examples/assets/logo.png", work / "assets/logo.png")
        (work / "dun.toml").write_text(CONFIG)
        (work / "templates/reminder.en.md").write_text(TEMPLATE)
        (work / "scenarios/mail.dun").write_text(SCENARIO)
        (work / "snapshot/customers.csv").write_text(CUSTOMERS)
        (work / "snapshot/invoices.csv").write_text(INVOICES)
        (work / "snapshot/pdf/F-001.pdf").write_bytes(b"%PDF-1.4 invoice F-001\n")
        render = ["render", "reminder", "--customer", "C1", "--date", "2026-01-19"]

        checked = run(work, "check", "scenarios/mail.dun")
        check(checked.returncode == 0, "dun check: %s" % checked.stdout.decode())

        eml = run(work, *render, "--format", "eml")
        check(eml.returncode == 0, "render eml: %s" % eml.stderr.decode())
        message = email.message_from_bytes(eml.stdout, policy=email.policy.default)
        check(message.get_content_type() == "multipart/mixed", message.get_content_type())
        check(message["Subject"] == "Reminder for " + NASTY, "subject %r" % message["Subject"])
        parts = list(message.iter_parts())
        check([p.get_content_type() for p in parts] == ["multipart/alternative", "application/pdf"],
              "parts %s" % [p.get_content_type() for p in parts])
        check(parts[1].get_filename() == "F-001.pdf", "attachment %r" % parts[1].get_filename())
        alternatives = list(parts[0].iter_parts())
        check([p.get_content_type() for p in alternatives] == ["text/plain", "multipart/related"],
              "alternatives %s" % [p.get_content_type() for p in alternatives])
        # Quoted-printable lines end with CRLF on the wire; the parts are compared as text.
        text = alternatives[0].get_content().replace("\r\n", "\n")
        related = list(alternatives[1].iter_parts())
        check([p.get_content_type() for p in related] == ["text/html", "image/png"],
              "related %s" % [p.get_content_type() for p in related])
        html_text = related[0].get_content().replace("\r\n", "\n")
        logo = related[1]
        check(logo.get_content() == (SOURCE / "examples/assets/logo.png").read_bytes(),
              "the inline logo is not the configured PNG")
        check(logo["Content-Disposition"].startswith("inline"), logo["Content-Disposition"])
        content_id = logo["Content-ID"].strip("<>")

        validator = Validator()
        validator.feed(html_text)
        validator.close()
        check(validator.doctype, "no <!DOCTYPE html>")
        check(not validator.problems, "HTML problems: %s" % validator.problems)
        check(not validator.stack, "unclosed elements: %s" % validator.stack)
        check(validator.images == ["cid:" + content_id],
              "images %s, logo cid %s" % (validator.images, content_id))
        check(validator.links == ["https://pay.example/F-001", "mailto:ar@ourco.example"],
              "links %s" % validator.links)
        check("<style" not in html_text and "<script" not in html_text, "style sheet or script")
        for tag in ("<strong>overdue</strong>", "<em>unpaid</em>", "<h2 ", "<table ", "<thead>",
                    "<tfoot>", "<ul ", "<li "):
            check(tag in html_text, "the HTML part lacks %s" % tag)
        check("&lt;script&gt;alert(1)&lt;/script&gt; **Bold** [x](javascript:alert(1)) &amp; "
              "&quot;Co&quot;" in html_text, "the customer's name is not escaped in the HTML")
        html_words = words(" ".join(validator.text))
        # The text part shows a link's target after its label: the HTML part has it in href.
        text_without_targets = re.sub(r" \((https|mailto):[^)]*\)", "", text)
        check(words(text_without_targets) == html_words,
              "the text and HTML parts differ in words:\n%s\n%s" %
              (words(text_without_targets), html_words))
        check("Dear " + NASTY + "," in text, "the text part changed the name:\n" + text)
        check("Dear " + NASTY + "," in " ".join(validator.text), "the HTML changed the name")
        check("- online: pay invoice F-001 (https://pay.example/F-001)" in text, text)
        check("  - or write to ar@ourco.example" in text, text)
        check("12.5% a year" in text, text)
        check("(BIC AIBKIE2D)" in text, text)

        html_out = run(work, *render, "--format", "html")
        check(html_out.returncode == 0, "render html: %s" % html_out.stderr.decode())
        check(html_out.stdout.decode() == html_text, "--format html is not the email's HTML part")

        text_out = run(work, *render, "--format", "text")
        check(text_out.stdout.decode() == "Subject: Reminder for " + NASTY + "\n\n" + text,
              "--format text is not the email's text part")

        pdf = work / "letter.pdf"
        letter = run(work, *render, "--format", "pdf", "--out", str(pdf))
        check(letter.returncode == 0, "render pdf: %s" % letter.stderr.decode())
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        check("DejaVuSans-Bold" in fonts and "DejaVuSans-Oblique" in fonts, "pdffonts:\n" + fonts)
        xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", str(pdf)],
                             capture_output=True, text=True).stdout
        root = ElementTree.fromstring(xml)
        # pdftohtml names a font by its subset tag and family ("ABCDEF+DejaVuSans"), pdffonts by
        # its whole name ("ABCDEF+DejaVuSans-Bold"): the tag joins the two.
        full_names = {line.split("+")[0]: line.split()[0] for line in fonts.splitlines()
                      if "+" in line.split(" ")[0]}
        families = {spec.get("id"): full_names.get(spec.get("family", "").split("+")[0], "")
                    for spec in root.iter("fontspec")}
        faces = {}
        for node in root.iter("text"):
            words_here = "".join(node.itertext()).split()
            for word in words_here:
                faces.setdefault(word, set()).add(families.get(node.get("font"), ""))
        check(any("Bold" in face for face in faces.get("overdue", [])),
              "'overdue' is not bold in the letter: %s" % faces.get("overdue"))
        check(any("Oblique" in face for face in faces.get("unpaid", [])),
              "'unpaid' is not italic in the letter: %s" % faces.get("unpaid"))
        check(all("Bold" not in face for face in faces.get("Dear", {"Bold?"})),
              "'Dear' is not regular: %s" % faces.get("Dear"))
        letter_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                     text=True).stdout
        check("Dear <script>alert(1)</script> **Bold** [x](javascript:alert(1)) & \"Co\","
              in letter_text, "the letter changed the name:\n" + letter_text)
        check("• by transfer to" in letter_text, "no bullet in the letter:\n" + letter_text)
    finally:
        if failures:
            print("kept for a look: %s" % work)
        else:
            shutil.rmtree(work)
    for failure in failures:
        print("FAIL:", failure)
    print("%d checks failed" % len(failures) if failures else "markdown documents: all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
