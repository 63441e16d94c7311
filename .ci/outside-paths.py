#!/usr/bin/env python3
"""Fails if a tracked file refers to a path outside the repository.

A clone must stand on its own: no test, script or doc may read a file that only exists
beside one machine's checkout. Three rules, each precise enough to leave harmless examples
alone (`/home/ann` in a unit test of binary discovery, `/tmp/x.md` in a SARIF test):

1. The development folder that sits beside the checkout: any `..` + `/shared` path.
2. A relative path climbing out of the repository: a run of `../` longer than the folder
   depth of the file it is written in (`../../x` in `crates/treelint/Cargo.toml` stays inside;
   `../../../x` there does not). Paths are read relative to the file's own folder, which is
   what Cargo manifests, scripts and `CARGO_MANIFEST_DIR`-based tests in this repository do.
3. A machine's absolute path: anything under the folder that holds this checkout (where a
   development machine keeps its checkouts and their neighbours), and under `/root/NAME`,
   `/home/USER/NAME` or `/Users/USER/NAME` when that folder or file exists on the machine
   running this check (a real path, not a made-up example).

Run from anywhere inside the repository; prints `file:line: what` for each finding.
"""

import os
import re
import subprocess
import sys

BESIDE = re.compile(r"\.\./" + "shared" + r"\b")
CLIMB = re.compile(r"(?<![\w.])((?:\.\./)+)")
ABSOLUTE = re.compile(
    r"(?<![\w.~/-])(/root/[^\s/'\"`)\]>,;:]+"
    r"|/home/[^\s/'\"`)\]>,;:]+/[^\s/'\"`)\]>,;:]+"
    r"|/Users/[^\s/'\"`)\]>,;:]+/[^\s/'\"`)\]>,;:]+)"
)


SELF = ".ci/outside-paths.py"


def tracked_text_files(root):
    out = subprocess.run(
        ["git", "-C", root, "ls-files", "-z", "--cached"], check=True, capture_output=True
    ).stdout
    for name in out.decode().split("\0"):
        if not name:
            continue
        path = os.path.join(root, name)
        if os.path.islink(path) or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        if b"\0" in data:
            continue  # binary
        yield name, data.decode("utf-8", errors="replace")


def findings(name, text, holder):
    depth = name.count("/")
    for lineno, line in enumerate(text.splitlines(), 1):
        for m in BESIDE.finditer(line):
            yield lineno, f"`{m.group(0)}` is the folder beside a development checkout"
        for m in CLIMB.finditer(line):
            ups = m.group(1).count("../")
            if ups > depth and not BESIDE.match(line, m.end(1) - 3):
                yield lineno, (
                    f"`{line[m.start():m.end() + 20].split()[0]}` climbs {ups} folders up "
                    f"from {os.path.dirname(name) or 'the root'}, out of the repository"
                )
        if holder != "/" and holder in line:
            yield lineno, f"`{holder}` holds this checkout: a path of this machine"
        for m in ABSOLUTE.finditer(line):
            path = m.group(1).rstrip(".")
            if os.path.exists(path):
                yield lineno, f"`{path}` is an absolute path of this machine"


def main():
    root = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], check=True, capture_output=True, text=True
    ).stdout.strip()
    holder = os.path.dirname(root).rstrip("/") + "/"
    bad = 0
    for name, text in tracked_text_files(root):
        if name == SELF:
            continue  # its documentation names the paths it looks for
        for lineno, what in findings(name, text, holder):
            print(f"{name}:{lineno}: refers to a path outside the repository: {what}")
            bad += 1
    if bad:
        print(f"{bad} reference(s) to paths outside the repository; tests, scripts and docs must "
              "use files inside it (shared fixtures are in tests/fixtures/)", file=sys.stderr)
        return 1
    print("no tracked file refers to a path outside the repository")
    return 0


if __name__ == "__main__":
    sys.exit(main())
