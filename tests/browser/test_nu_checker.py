"""Every built page is valid HTML: the Nu HTML Checker reports no error.

The checker (vnu.jar, the W3C's validator, from the npm package ``vnu-jar``
that `make` installs with `npm ci`) runs with Java on the whole built site,
the notebook pages and 404.html included; it also checks the CSS in
``<style>`` elements and ``style`` attributes. Warnings are not errors and
are not counted. What the build corrects to get here (the theme's and the
notebook template's mistakes) is in site_src/html/valid_html.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _vnu() -> Path:
    jar = Path(os.environ.get("WHYRELU_VNU_JAR", VNU))
    if not jar.is_file():
        pytest.fail(
            f"the Nu HTML Checker is not installed ({jar} missing): run `npm ci` "
            "(make does it)",
            pytrace=False,
        )
    if not shutil.which("java"):
        pytest.fail(
            "the Nu HTML Checker needs Java 11 or newer: apt-get install "
            "default-jre-headless",
            pytrace=False,
        )
    return jar


def test_every_page_is_valid_html(site_dir):
    proc = subprocess.run(
        [
            "java",
            "-Xss16m",
            "-jar",
            str(_vnu()),
            "--skip-non-html",
            "--errors-only",
            "--format",
            "json",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    # vnu writes its report to stderr and exits 1 when it found an error.
    report = json.loads(proc.stderr or proc.stdout)
    pages = {p.as_uri() for p in site_dir.rglob("*.html")}
    assert len(pages) > 20
    errors = [m for m in report["messages"] if m.get("type") != "info"]
    problems = [
        f"{m.get('url', '?').removeprefix(site_dir.as_uri() + '/')}:{m.get('lastLine', '?')}: "
        f"{m['message']} | {m.get('extract', '').strip()[:120]!r}"
        for m in errors
    ]
    if problems:
        pytest.fail(
            f"{len(problems)} HTML error(s):\n  " + "\n  ".join(problems[:60]),
            pytrace=False,
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
