#!/usr/bin/python3
"""The collectors' workspace in a real browser: Debian's chromium, headless, driven through
chromium-driver by python3-selenium, on a store made by `dun demo`.

A collector logs in, filters the agenda to the letters waiting for confirmation, previews one,
prints three as one PDF (checked with pdfinfo against `dun agenda print`), confirms them, opens a
customer record and views an email as it was sent, pauses an invoice; `dun history` then shows
each of those writes with the collector's name. The collector cannot reach the users page; a POST
without its CSRF token is refused (403); any page without a session is the login page.
A screenshot of each page goes to $DUN_SCREENSHOTS (default: a temporary folder; docs/images/ for
docs/workspace.md).

usage: browser_test.py DUN_BINARY      (exit 77, "skipped", when chromium is not installed)
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixture import Client, Server, run  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"


def skip(why):
    print("SKIPPED: %s" % why)
    sys.exit(77)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    dun = sys.argv[1]
    if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
        skip("chromium and chromium-driver are not installed (apt-get install chromium "
             "chromium-driver python3-selenium)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    work = Path(tempfile.mkdtemp(prefix="dun_browser_"))
    shots = Path(os.environ.get("DUN_SCREENSHOTS", work / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    demo = work / "demo"
    run(dun, work, "demo", "--dir", str(demo), "--invoices", "3000", "--days", "25")
    config = demo / "dun.toml"
    run(dun, demo, "users", "add", "clara", "--role", "collector", stdin="clara-password\n")
    run(dun, demo, "users", "add", "root", "--role", "admin", stdin="root-password\n")
    server = Server(dun, demo)
    base = "http://127.0.0.1:%d" % server.port

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                     "--disable-dev-shm-usage"):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(DRIVER), options=options)
    browser.implicitly_wait(10)

    def shot(name):
        height = browser.execute_script("return document.body.scrollHeight")
        browser.set_window_size(1400, min(max(height + 40, 600), 2400))
        browser.save_screenshot(str(shots / ("workspace-%s.png" % name)))

    def login(user, password):
        browser.delete_all_cookies()
        browser.get(base + "/login")
        browser.find_element(By.ID, "user").send_keys(user)
        browser.find_element(By.ID, "password").send_keys(password)
        browser.find_element(By.ID, "login").click()
        WebDriverWait(browser, 60).until(lambda driver: "/login" not in driver.current_url or
                                         driver.find_elements(By.ID, "problem"))

    try:
        # Any page without a session is the login page.
        browser.get(base + "/agenda")
        check("/login" in browser.current_url, "not sent to the login page: " + browser.current_url)
        check(browser.find_elements(By.ID, "password"), "no password field on the login page")
        shot("login")

        login("clara", "clara-password")
        check("clara (collector)" in browser.page_source,
              "not logged in as clara: " + browser.page_source[-1500:])
        shot("dashboard")

        # The agenda, filtered to confirm-tasks of everyone, then the letters among them.
        browser.get(base + "/agenda?assignee=&kind=confirm")
        rows = browser.find_elements(By.CSS_SELECTOR, "#tasks tbody tr")
        letters = [row for row in rows
                   if row.find_elements(By.TAG_NAME, "td")[3].text == "letter"]
        check(len(letters) >= 3, "fewer than 3 pending letters in the demo's agenda")
        ids = [row.find_elements(By.TAG_NAME, "td")[1].text for row in letters[:3]]
        shot("agenda")

        # Preview one.
        browser.get(base + "/agenda/task/" + ids[0])
        preview = browser.find_element(By.ID, "preview").text
        check(preview.startswith("letter "), "the preview is not a letter: " + preview[:80])
        shot("task")

        # Select three, print them (the form posts to a PDF: fetched with the browser's session).
        browser.get(base + "/agenda?assignee=&kind=confirm")
        for task_id in ids:
            browser.find_element(By.CSS_SELECTOR, 'input.select[value="%s"]' % task_id).click()
        csrf = browser.find_element(By.CSS_SELECTOR, '#bulk input[name="csrf"]').get_attribute(
            "value")
        client = Client(server.port)
        client.cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
        response, pdf = client.post("/agenda", {"csrf": csrf, "op": "print", "task": ids})
        check(response.status == 200 and pdf.startswith(b"%PDF"), "print gave no PDF")
        (work / "selection.pdf").write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(work / "selection.pdf")], capture_output=True,
                              text=True, check=True).stdout
        cli = run(dun, demo, "agenda", "print", *ids, "--out", str(work / "cli.pdf")).stdout
        expected = re.search(r"3 letters, (\d+) pages", cli)
        check(expected, "dun agenda print did not batch 3 letters: " + cli)
        check(re.search(r"Pages:\s+%s\n" % expected.group(1), info),
              "the printed selection is not the 3 letters' batch:\n" + info)

        # Confirm the three selected (they are still ticked in the browser's form).
        browser.find_element(By.ID, "confirm").click()
        message = browser.find_element(By.ID, "message").text
        check("3 tasks confirmed" in message, "the confirmation failed: " + message)
        shot("confirmed")

        # A customer record with an email that was sent, and that email.
        with sqlite3.connect(demo / "dun.db") as db:
            customer, action = db.execute(
                "SELECT a.customer_id, a.id FROM actions a JOIN action_documents d "
                "ON d.action_id = a.id WHERE a.channel = 'email' AND a.status = 'sent' "
                "ORDER BY a.customer_id LIMIT 1").fetchone()
        browser.get(base + "/customer/" + customer)
        shot("customer")
        browser.find_element(By.CSS_SELECTOR, 'a[href="/action/%s/document"]' % action).click()
        email = browser.find_element(By.ID, "email").text
        check("Subject:" in email and "Message-ID:" in email, "not the email as sent")
        shot("email")

        # Pause the customer's first invoice.
        browser.get(base + "/customer/" + customer)
        pause = browser.find_element(By.CSS_SELECTOR, 'button[name="pause"]')
        invoice = pause.get_attribute("value")
        until = browser.find_element(By.CSS_SELECTOR, 'input[name="until"]').get_attribute("value")
        pause.click()
        # The click returns before the answer to the POST has loaded: wait for the new page (the
        # old one goes stale), then for the pause to show, instead of reading the old page.
        WebDriverWait(browser, 30).until(expected_conditions.staleness_of(pause))
        try:
            WebDriverWait(browser, 30).until(lambda driver: ("until " + until) in driver.page_source)
        except Exception:
            pass
        check(("until " + until) in browser.page_source, "the invoice does not show its pause")

        # The CLI's history names the collector for each write.
        for task_id in ids:
            task = json.loads(run(dun, demo, "agenda", "list", "--all", "--json").stdout)
            task = [t for t in task if str(t["id"]) == task_id][0]
            history = run(dun, demo, "history", "--customer", task["customer"],
                          "--config", str(config)).stdout
            check("task %s by clara" % task_id in history,
                  "dun history does not show clara's confirmation of task %s" % task_id)
        history = run(dun, demo, "history", invoice, "--config", str(config)).stdout
        check("pause until %s by clara (dun serve)" % until in history,
              "dun history does not show clara's pause:\n" + history)

        # The reports, then the users page: not for a collector; an admin sees it.
        browser.get(base + "/reports")
        check(browser.find_elements(By.CSS_SELECTOR, "#aging svg"), "no aging chart")
        shot("reports")
        browser.get(base + "/users")
        check("This needs the role admin" in browser.page_source, "a collector reached /users")
        # The analysts' pages: neither offered to nor reachable by a collector.
        check(not browser.find_elements(By.CSS_SELECTOR, 'nav a[href="/scenarios"]'),
              "a collector is offered the scenarios page")
        browser.get(base + "/simulate?days=7")
        check("This needs the role analyst" in browser.page_source,
              "a collector reached /simulate")
        login("root", "root-password")
        browser.get(base + "/users")
        check(browser.find_elements(By.ID, "users"), "the admin cannot see the users")
        shot("users")
        # An admin is also an analyst: the scenarios with dun check's verdict, a simulation.
        browser.find_element(By.CSS_SELECTOR, 'nav a[href="/scenarios"]').click()
        check("dun check: no problems." in browser.page_source,
              "the shipped scenarios are not shown as checked: " + browser.page_source[-1500:])
        shot("scenarios")
        browser.get(base + "/simulate")
        days = browser.find_element(By.NAME, "days")
        days.clear()
        days.send_keys("14")
        days.submit()
        WebDriverWait(browser, 300).until(
            lambda driver: driver.find_elements(By.CSS_SELECTOR, "#simulation svg"))
        check(len(browser.find_elements(By.CSS_SELECTOR, "#simulated-days tbody tr")) == 14,
              "the simulation does not show 14 days")
        shot("simulation")

        # A POST without the CSRF token is refused, and writes nothing.
        login("clara", "clara-password")
        client.cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
        open_before = len(json.loads(run(dun, demo, "agenda", "list", "--json").stdout))
        response, _ = client.post("/agenda", {"op": "cancel", "task": ids})
        check(response.status == 403, "a POST without CSRF token got %d" % response.status)
        check(len(json.loads(run(dun, demo, "agenda", "list", "--json").stdout)) == open_before,
              "the refused POST changed the agenda")
    finally:
        browser.quit()
        server.stop()
    shutil.rmtree(work, ignore_errors=True)
    print("workspace browser test: ok")


if __name__ == "__main__":
    main()
