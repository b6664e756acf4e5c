#!/usr/bin/env python3
"""The TextMate grammar of editors/ (editors/vscode/syntaxes/dun.tmLanguage.json) tokenises every
scenario file shipped and tested in the repository with no `invalid` token, and gives the scopes
editors colour by. A small offline tokenizer with TextMate's rules (at each position, the pattern
matching earliest wins, ties to the first listed; begin/end rules span lines).

    editor_grammar_test.py SOURCE_DIR
"""
import glob
import json
import os
import re
import sys
import unittest

SOURCE = None


def load_grammar():
    with open(os.path.join(SOURCE, "editors", "vscode", "syntaxes", "dun.tmLanguage.json")) as f:
        return json.load(f)


class Tokenizer:
    def __init__(self, grammar):
        self.repository = grammar["repository"]
        self.top = self.expand(grammar["patterns"])

    def expand(self, patterns):
        rules = []
        for pattern in patterns:
            if "include" in pattern:
                rules.extend(self.expand([self.repository[pattern["include"][1:]]]))
            elif "patterns" in pattern and "begin" not in pattern:
                rules.extend(self.expand(pattern["patterns"]))
            else:
                rules.append(pattern)
        return rules

    @staticmethod
    def earliest(rules, line, pos):
        best = None
        for rule in rules:
            regex = rule.get("match") or rule.get("begin")
            found = re.compile(regex).search(line, pos)
            if found and (best is None or found.start() < best[1].start()):
                best = (rule, found)
        return best

    def tokenize(self, text):
        """[(line number, text, scope)] for every token of `text`."""
        tokens = []
        inside = None  # the begin/end rule whose end is awaited
        for number, line in enumerate(text.split("\n"), 1):
            pos = 0
            while pos < len(line) or (inside and pos == len(line)):
                if inside:
                    end = re.compile(inside["end"]).search(line, pos)
                    nested = self.earliest(self.expand(inside.get("patterns", [])), line, pos)
                    if nested and (end is None or nested[1].start() < end.start()) and nested[1].end() > pos:
                        rule, found = nested
                        tokens.append((number, found.group(0), rule["name"]))
                        pos = found.end()
                        continue
                    stop = end.end() if end else len(line)
                    tokens.append((number, line[pos:stop], inside["name"]))
                    pos = stop
                    if end:
                        inside = None
                    if pos == len(line):
                        break
                    continue
                best = self.earliest(self.top, line, pos)
                if best is None:
                    break
                rule, found = best
                if line[pos:found.start()].strip():
                    tokens.append((number, line[pos:found.start()], "(no scope)"))
                if "begin" in rule:
                    inside = rule
                    pos = found.start() + len(found.group(0))
                    tokens.append((number, found.group(0), rule["name"]))
                    continue
                if "captures" in rule:
                    for index, capture in rule["captures"].items():
                        if found.group(int(index)) is not None:
                            tokens.append((number, found.group(int(index)), capture["name"]))
                else:
                    tokens.append((number, found.group(0), rule["name"]))
                pos = max(found.end(), pos + 1)
        return tokens


def scenario_files():
    patterns = ["scenarios/*.dun", "tests/scenario_tests/*.dun", "tests/fixtures/**/*.dun",
                "tests/lsp_neovim/*.dun", "bench/*.dun"]
    files = []
    for pattern in patterns:
        files.extend(glob.glob(os.path.join(SOURCE, pattern), recursive=True))
    return sorted(files)


class GrammarTest(unittest.TestCase):
    def setUp(self):
        self.tokenizer = Tokenizer(load_grammar())

    def test_every_scenario_file_tokenises_without_an_invalid_token(self):
        files = scenario_files()
        self.assertGreaterEqual(len(files), 5)
        for path in files:
            with open(path, encoding="utf-8") as f:
                tokens = self.tokenizer.tokenize(f.read())
            bad = [t for t in tokens if "invalid" in t[2] or t[2] == "(no scope)"]
            self.assertEqual(bad, [], os.path.relpath(path, SOURCE))

    def test_scopes(self):
        line = ('  step first at previous + 3 days when invoice.balance >= 1_000 EUR and '
                'max(1, 2) > 0 email "x {customer.name}\\n" grouped  # note')
        scopes = {(text, scope) for _, text, scope in self.tokenizer.tokenize(line)}
        for expected in [("step", "keyword.control.dun"), ("first", "entity.name.function.dun"),
                         ("previous", "variable.language.dun"), ("days", "keyword.other.dun"),
                         ("invoice", "variable.language.object.dun"),
                         ("balance", "variable.other.property.dun"),
                         ("1_000", "constant.numeric.dun"), ("EUR", "support.constant.code.dun"),
                         ("max", "support.function.dun"), ("and", "keyword.operator.word.dun"),
                         (">=", "keyword.operator.dun"), ("{customer.name}", "variable.other.placeholder.dun"),
                         ("\\n", "constant.character.escape.dun"),
                         ("# note", "comment.line.number-sign.dun")]:
            self.assertIn(expected, scopes)
        dates = self.tokenizer.tokenize("  on 2026-01-31 expect nothing")
        self.assertIn((1, "2026-01-31", "constant.numeric.date.dun"), dates)

    def test_a_stray_character_is_invalid(self):
        scopes = [scope for _, _, scope in self.tokenizer.tokenize("  at today ; ")]
        self.assertIn("invalid.illegal.dun", scopes)


if __name__ == "__main__":
    SOURCE = sys.argv.pop(1)
    unittest.main(verbosity=2)
