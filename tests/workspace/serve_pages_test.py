#!/usr/bin/python3
"""`dun serve`'s read-only pages over HTTP on loopback: the dashboard's keyset pagination, sorts
and filters (each page computes only its rows; the sorts and filters that need every invoice's
status use the background status table, which follows the commits of other processes), and the
analyst's pages (scenarios with their diagnostics, simulations), which a collector cannot reach.

usage: serve_pages_test.py DUN_BINARY
"""
import html
import re
import sys
import unittest

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
from fixture import ServedFolder, run  # noqa: E402

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


if __name__ == "__main__":
    unittest.main(verbosity=2)
