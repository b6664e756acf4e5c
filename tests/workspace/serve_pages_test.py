#!/usr/bin/python3
"""`dun serve`'s read-only pages over HTTP on loopback: the dashboard's keyset pagination, sorts
and filters (each page computes only its rows; the sorts and filters that need every invoice's
status use the background status table, which follows the commits of other processes), and the
analyst's pages (scenarios with their diagnostics, simulations), which a collector cannot reach.

usage: serve_pages_test.py DUN_BINARY
"""
import html
import json
import re
import sys
import unittest

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from fixture import Client, ServedFolder, run  # noqa: E402

DUN = sys.argv.pop(1) if len(sys.argv) > 1 else "dun"
NEXT = re.compile(r'href="([^"]+)" id="next-page"')
ROW = re.compile(r"<tr>\s*<td>(I\d+)</td>")


class Dashboard(ServedFolder):
    DUN = DUN

    def page(self, path):
        response, body = self.anna.get(path)
        text = body.decode()
        self.assertEqual(response.status, 200, "%s: %s" % (path, text[-400:]))
        following = NEXT.search(text)
        return ROW.findall(text), following.group(1).replace("&amp;", "&") if following else None

    def walk(self, path):
        """Every page from `path` through the next-page links: the invoices, and the pages."""
        invoices, pages = [], 0
        while path:
            rows, path = self.page(path)
            invoices += rows
            pages += 1
        return invoices, pages

    def test_keyset_pages_list_every_invoice_once_in_each_sort(self):
        everything = ["I1", "I2", "I3", "I4", "I5", "I6"]  # by customer, then invoice
        self.assertEqual(self.walk("/?limit=2"), (everything, 3))
        for sort in ("due", "last", "next"):
            invoices, pages = self.walk("/?limit=4&sort=" + sort)
            self.assertEqual(sorted(invoices), everything, sort)
            self.assertEqual(pages, 2, sort)
        # Ties keep the customer order (every invoice falls due the same day), so a cursor is
        # exact; an absent date sorts last: I6 was never followed up.
        self.assertEqual(self.walk("/?limit=5&sort=due")[0], everything)
        self.assertEqual(self.walk("/?limit=5&sort=last")[0][-1], "I6")
        # The cursor is the last invoice shown: the page after I2 starts at I3.
        self.assertEqual(self.page("/?limit=2&after=I2")[0], ["I3", "I4"])

    def test_filters_from_the_snapshot_the_day_and_the_status_table(self):
        self.assertEqual(self.page("/?automation=off")[0], ["I6"])
        self.assertEqual(self.page("/?scenario=post")[0], ["I2", "I4", "I5"])
        self.assertEqual(self.page("/?q=C3")[0], ["I3"])
        self.assertEqual(self.page("/?q=I5")[0], ["I5"])
        self.assertEqual(self.page("/?state=not+started")[0], ["I6"])
        self.assertEqual(self.page("/?state=active&sort=next&limit=3")[0], ["I1", "I2", "I3"])
        self.assertEqual(self.page("/?state=stopped")[0], [])

    def test_bad_sort_or_limit_is_400_with_a_clear_message(self):
        for path, message in (("/?sort=amount", "sort 'amount' is not one of customer, due, "
                               "last, next."),
                              ("/?limit=0", "limit '0' is not a number of rows from 1 to 500."),
                              ("/?limit=x9", "limit 'x9' is not a number of rows from 1 to 500.")):
            response, body = self.anna.get(path)
            self.assertEqual(response.status, 400, path)
            self.assertIn(message, html.unescape(body.decode()), path)

    def test_z_the_pages_follow_another_process_commits(self):
        # An opt-out from the CLI (another process, another connection): the day's assignment and
        # the status table follow it on the next page.
        run(DUN, self.work, "optout", "I1", "--force")
        self.assertEqual(self.page("/?automation=off")[0], ["I1", "I6"])
        self.assertEqual(self.page("/?state=active&limit=1")[0], ["I1"])  # state: a sequence's
        response, body = self.anna.get("/?q=I1")
        self.assertIn("opted out by a collector", body.decode())
        self.assertNotIn('id="table-note"', body.decode())


class AnalystPages(ServedFolder):
    """The scenarios and the simulation: an analyst's (and an admin's), not a collector's."""
    DUN = DUN

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ada = Client(cls.server.port)
        cls.ada.login("ada")

    def test_a_collector_neither_sees_nor_reaches_the_analyst_pages(self):
        response, body = self.anna.get("/")
        self.assertNotIn(b'href="/scenarios"', body)
        self.assertNotIn(b'href="/simulate"', body)
        for path in ("/scenarios", "/simulate", "/simulate?days=3"):
            response, body = self.anna.get(path)
            self.assertEqual(response.status, 403, path)
            self.assertIn("This needs the role analyst; you are collector. Nothing was changed.",
                          html.unescape(body.decode()), path)
        response, body = self.ada.get("/")
        self.assertIn(b'href="/scenarios"', body)
        self.assertIn(b'href="/simulate"', body)
        root = Client(self.server.port)
        root.login("root")
        self.assertEqual(root.get("/scenarios")[0].status, 200)  # an admin is an analyst too

    def test_the_scenarios_page_shows_each_file_its_steps_and_dun_checks_diagnostics(self):
        # A second scenario file with a mistake, so the page shows dun check's diagnostics.
        broken = self.work / "scenarios/broken.dun"
        broken.write_text('scenario broken "a typo"\n  step first\n    at invoice.due_dat + 7 days\n'
                          '    email "reminder"\nend\n')
        self.addCleanup(broken.unlink)
        response, body = self.ada.get("/scenarios")
        text = html.unescape(body.decode())
        self.assertEqual(response.status, 200)
        self.assertIn("<h2>all.dun</h2>", text)
        self.assertIn("<h2>broken.dun</h2>", text)
        self.assertIn("<h3>post — registered letter, confirmed</h3>", text)
        self.assertIn('<td>notice</td><td class="num">8</td>', text)
        self.assertIn('letter registered "notice" grouped confirm', text)
        # The diagnostics are dun check's, word for word.
        checked = run(DUN, self.work, "check", "--templates", "templates", "scenarios/broken.dun",
                      expect=1).stdout
        self.assertIn("broken.dun:3:", checked)
        for line in checked.replace("scenarios/broken.dun", "broken.dun").splitlines():
            self.assertIn(line, text)
        self.assertIn("dun check: 1 error, 0 warnings", text)
        self.assertIn("dun check: no problems.", text)  # all.dun
        # A simulation runs the real run, which refuses scenarios with errors: so does the page.
        response, body = self.ada.get("/simulate?days=1")
        self.assertEqual(response.status, 500)
        self.assertIn("the scenarios have 1 error(s): fix them", html.unescape(body.decode()))

    def test_the_simulation_page_shows_the_days_as_a_table_and_a_chart(self):
        response, body = self.ada.get("/simulate")
        self.assertEqual(response.status, 200)
        self.assertNotIn(b'id="simulated-days"', body)  # a visit runs nothing: the form only
        before = run(DUN, self.work, "runs", "list").stdout
        response, body = self.ada.get("/simulate?days=3")
        text = html.unescape(body.decode())
        self.assertEqual(response.status, 200, text[-500:])
        days = re.findall(r"<tr><td>(\d{4}-\d\d-\d\d)</td>((?:<td class=\"num\">\d+</td>)+)</tr>",
                          text)
        self.assertEqual([day for day, _ in days], ["2026-01-20", "2026-01-21", "2026-01-22"])
        self.assertIn("<svg", text)
        self.assertIn("Actions per day if nobody pays", text)
        # The same figures as dun simulate --json, and the real store untouched.
        simulated = json.loads(run(DUN, self.work, "simulate", "--days", "3", "--json").stdout)
        expected = [[sum(1 for a in d["actions"] if a["channel"] == channel)
                     for channel in ("email", "letter", "task")] +
                    [d["tasks_confirmed"], d["tasks_completed"], d["held_by_limit"],
                     d["evaluation_errors"]] for d in simulated["per_day"]]
        self.assertEqual([[int(n) for n in re.findall(r"\d+", cells)] for _, cells in days],
                         expected)
        self.assertEqual(expected[0][3:5], [4, 1])  # the agenda played: 4 confirmed, 1 completed
        self.assertEqual(run(DUN, self.work, "runs", "list").stdout, before)

    def test_bad_days_is_400_with_a_clear_message(self):
        for days in ("0", "91", "x"):
            response, body = self.ada.get("/simulate?days=" + days)
            self.assertEqual(response.status, 400, days)
            self.assertIn("days '%s' is not a whole number of days from 1 to 90" % days,
                          html.unescape(body.decode()))


if __name__ == "__main__":
    unittest.main(verbosity=2)
