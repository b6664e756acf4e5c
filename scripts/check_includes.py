#!/usr/bin/env python3
"""The one-way include rule (docs/architecture.md): each folder of dun may include only the
folders listed for it below, so that dependencies point from the CLI down to stdlib and never
back. Run from anywhere; exits 1 and names each offending include (file:line) when a rule breaks.

    scripts/check_includes.py [ROOT]
"""
import os
import re
import sys

# A folder -> the folders its files may include (besides its own). Keep in step with the
# libraries' CMakeLists.txt: a folder links exactly what it may include.
ALLOWED = {
    "stdlib": [],
    "dsl": ["stdlib"],
    "engine/base": ["stdlib"],
    "engine/portfolio": ["engine/base", "dsl", "stdlib"],
    "engine/snapshot": ["engine/portfolio", "engine/base", "dsl", "stdlib"],
    "engine/model": ["engine/base", "dsl", "stdlib"],
    "engine/store": ["engine/model", "engine/base", "dsl", "stdlib"],
    "engine/day": ["engine/portfolio", "engine/model", "engine/base", "dsl", "stdlib"],
    "engine/run": ["engine/day", "engine/store", "engine/snapshot", "engine/portfolio",
                   "engine/model", "engine/base", "dsl", "stdlib"],
    "engine/analyst": ["engine/run", "engine/day", "engine/store", "engine/snapshot",
                       "engine/portfolio", "engine/model", "engine/base", "dsl", "stdlib"],
    "engine/shard": ["engine/store", "engine/snapshot", "engine/portfolio", "engine/model",
                     "engine/base", "dsl", "stdlib"],
    "engine/generate": ["engine/base", "stdlib"],
    "engine/scenario_tests": ["engine/run", "engine/generate", "engine/day", "engine/store",
                              "engine/snapshot", "engine/portfolio", "engine/model", "engine/base",
                              "dsl", "stdlib"],
    "documents": ["engine/*", "dsl", "stdlib"],
    "adapters": ["documents", "engine/*", "dsl", "stdlib"],
    "lsp": ["dsl", "stdlib"],
    "cli": ["adapters", "documents", "engine/*", "lsp", "dsl", "stdlib"],
}
# A folder's private headers: only files of that folder may include them. The state store keeps
# SQL to itself (the rest of dun talks to it through engine/store/state_store.hpp and its public
# headers), so that the schema can change without anything above noticing.
PRIVATE_HEADERS = {
    "engine/store": ["engine/store/sqlite_db.hpp", "engine/store/schema.hpp",
                     "engine/store/batch_rows_table.hpp",
                     "engine/store/store_rows.hpp", "engine/store/store_batch.hpp",
                     "engine/store/store_undo.hpp"],
}
# SQLite's own API: the state store, and the two places that read or write SQLite snapshots
# (an input format, not the store).
SQLITE_API = "sqlite3.h"
SQLITE_USERS = ["engine/store/", "engine/snapshot/load_sqlite.cpp", "engine/generate/"]
SQLITE_NAMESPACE = re.compile(r"\bsqlite::")
TOP_FOLDERS = ("stdlib", "dsl", "lsp", "engine", "documents", "adapters", "cli")
SOURCE = re.compile(r"\.(cpp|hpp|h|c)$")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
SYSTEM_INCLUDE = re.compile(r'^\s*#\s*include\s+<([^>]+)>')


def folder_of(path):
    """The rule folder of a project path: engine/<stage>, else its top folder."""
    parts = path.split("/")
    if parts[0] == "engine" and len(parts) > 2:
        return "engine/" + parts[1]
    return parts[0]


def allowed(source_folder, target_folder):
    if source_folder == target_folder:
        return True
    for rule in ALLOWED[source_folder]:
        if rule == target_folder or (rule.endswith("/*") and target_folder.startswith(rule[:-1])):
            return True
    return False


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    root = os.path.abspath(root)
    problems = []
    for top in TOP_FOLDERS:
        for directory, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not SOURCE.search(name):
                    continue
                path = os.path.relpath(os.path.join(directory, name), root)
                source_folder = folder_of(path)
                if source_folder not in ALLOWED:
                    problems.append(f"{path}: folder {source_folder} has no include rule; "
                                    "add it to scripts/check_includes.py")
                    continue
                with open(os.path.join(root, path), encoding="utf-8") as text:
                    for number, line in enumerate(text, 1):
                        system = SYSTEM_INCLUDE.match(line)
                        if system and system.group(1) == SQLITE_API and not any(
                                path.startswith(user) for user in SQLITE_USERS):
                            problems.append(
                                f"{path}:{number}: only the state store (engine/store) and the "
                                f"SQLite snapshot loader and generator may include <{SQLITE_API}>; "
                                "use engine/store/state_store.hpp")
                            continue
                        if (SQLITE_NAMESPACE.search(line) and not any(
                                path.startswith(user) for user in SQLITE_USERS)):
                            problems.append(
                                f"{path}:{number}: sqlite:: is the state store's own; "
                                "ask engine/store/state_store.hpp for what you need")
                            continue
                        match = INCLUDE.match(line)
                        if not match:
                            continue
                        if match.group(1).startswith("../"):
                            problems.append(
                                f"{path}:{number}: include {match.group(1)} from the project "
                                "root instead (\"folder/file.hpp\"), so the rule can see it")
                            continue
                        if "/" not in match.group(1):
                            continue  # a header beside the file
                        target_folder = folder_of(match.group(1))
                        if target_folder not in ALLOWED:
                            if target_folder.split("/")[0] in TOP_FOLDERS:
                                problems.append(
                                    f"{path}:{number}: {match.group(1)} is in no folder with "
                                    "a rule (engine/ holds only its stage folders)")
                            continue  # not a dun folder (a plugin's own header, say)
                        private = PRIVATE_HEADERS.get(target_folder, [])
                        if match.group(1) in private and source_folder != target_folder:
                            problems.append(
                                f"{path}:{number}: {match.group(1)} is private to "
                                f"{target_folder}; use its public headers")
                            continue
                        if not allowed(source_folder, target_folder):
                            problems.append(
                                f"{path}:{number}: {source_folder} may not include "
                                f"{match.group(1)} ({target_folder} is above it; "
                                "see docs/architecture.md, 'Include rules')")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} include(s) break the one-way rule")
        return 1
    print("include rules: every include points one way")
    return 0


if __name__ == "__main__":
    sys.exit(main())
