"""Act as a new contributor, in a temporary copy of the repository.

The copy holds the build machinery and an almost empty site. In it, the test
runs the commands of CONTRIBUTING.md's quick start exactly as written (the
code blocks marked as run "in a temporary copy"): scaffold an answer, run its
snippet, test it, format and lint, build the site. Then it breaks the answer
in each way the engine issue lists and checks that `make site` refuses, names
the file (and the line where there is one) and says what to do.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pytest_codeblocks.main import extract_from_file

from buildkit import ROOT

# The skip reason that hands a CONTRIBUTING.md block to this test.
IN_A_COPY = "tests/test_contributor.py runs it in a temporary copy"
SLUG = "leaky-relu"
TITLE = "What does a leaky ReLU fix?"
SNIPPET = f"snippets/{SLUG}/short-answer.py"
PAGE = f"docs/{SLUG}.md"
PLANNED = "planned-answer"  # a commented-out nav entry: someone is writing it

NAV = f"""nav:
  - Home: index.md
  - Answers:
      # - A page someone is writing: {PLANNED}.md
  - Reading list: reading-list.md
"""
READING_LIST = """---
title: Reading list
description: Every source the site cites.
---

# Reading list { #reading-list }

[[bibliography]]
"""
INDEX = """---
title: Home
description: A site with one answer.
---

# Home { #home }

The answers are in the navigation.
"""
# Outer `make test` variables would leak into the copy's make and pytest.
_LEAKY_ENV = ("PYTHONPATH", "MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")
SKIP = {
    ".cache",
    "site",
    "site.tmp",
    ".venv",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
}


def quick_start() -> list[str]:
    """The quick-start commands of CONTRIBUTING.md that run in a copy."""
    blocks = extract_from_file(ROOT / "CONTRIBUTING.md")
    return [
        block.code
        for block in blocks
        if block.syntax == "bash" and any(IN_A_COPY in mark for mark in block.marks)
    ]


def make_copy(dest: Path) -> Path:
    """A project with the real machinery, one home page and no answers."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "site_src", dest / "site_src", ignore=ignore)
    for name in ("Makefile", "pyproject.toml", "requirements.lock", "CONTRIBUTING.md"):
        shutil.copy2(ROOT / name, dest / name)
    (dest / "tests" / "snippets").mkdir(parents=True)
    for name in ("conftest.py", "buildkit.py"):
        shutil.copy2(ROOT / "tests" / name, dest / "tests" / name)
    (dest / "snippets").mkdir()
    (dest / "docs").mkdir()
    (dest / "docs" / "index.md").write_text(INDEX)
    # Citations link to the reading list, made from the real bibliography.
    shutil.copy2(ROOT / "docs" / "references.bib", dest / "docs" / "references.bib")
    (dest / "docs" / "reading-list.md").write_text(READING_LIST)
    # A new site has published no addresses yet (see `make anchors`).
    anchors = dest / "site_src" / "anchors.txt"
    if anchors.exists():
        header = [
            line for line in anchors.read_text().splitlines() if line.startswith("#")
        ]
        anchors.write_text("\n".join(header) + "\n")
    config = (ROOT / "mkdocs.yml").read_text()
    (dest / "mkdocs.yml").write_text(config.split("\nnav:")[0] + "\n" + NAV)
    _share_venv(dest)
    return dest


def _share_venv(dest: Path) -> None:
    """Let `make` in the copy use the real .venv without touching it.

    The copy gets its own .venv folder whose bin/ and lib/ point at the real
    one, and its own install stamp, newer than the lock, so `make` sees an
    installed environment and never installs into (or over) the real one.
    """
    venv = dest / ".venv"
    venv.mkdir()
    real = ROOT / ".venv"
    for name in ("bin", "lib", "share", "lib64", "include"):
        if (real / name).exists():
            (venv / name).symlink_to(real / name)
    shutil.copy2(real / "pyvenv.cfg", venv / "pyvenv.cfg")
    os.utime(dest / "requirements.lock", (1_000_000_000, 1_000_000_000))
    (venv / ".installed").touch()


def env() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in _LEAKY_ENV}
    clean = {k: v for k, v in clean.items() if not k.startswith("PYTEST_")}
    clean["NO_MKDOCS_2_WARNING"] = "1"
    return clean


def sh(project: Path, script: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + script],
        cwd=project,
        env=env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def snapshot(project: Path) -> dict[str, str]:
    """A hash of every file a contributor owns, to prove nothing changed."""
    digests = {}
    for path in sorted(project.rglob("*")):
        parts = path.relative_to(project).parts
        if path.is_file() and not SKIP.intersection(parts):
            digests["/".join(parts)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


@pytest.fixture(scope="module")
def answer(tmp_path_factory) -> Path:
    """The copy after the quick start of CONTRIBUTING.md, run as written."""
    project = make_copy(tmp_path_factory.mktemp("contributor") / "repo")
    commands = quick_start()
    joined = "\n".join(commands)
    steps = (
        "make new-answer",
        "pytest tests/snippets/",
        "make lint",
        "make anchors",
        "make site",
    )
    for step in steps:
        assert step in joined, f"CONTRIBUTING.md's quick start no longer runs {step!r}"
    for script in commands:
        proc = sh(project, script)
        assert proc.returncode == 0, (
            f"CONTRIBUTING.md's command failed in a fresh copy:\n{script}\n"
            f"{proc.stdout}\n{proc.stderr}"
        )
    return project


@pytest.fixture
def broken(answer, tmp_path) -> Path:
    """A fresh copy of the working answer, to break one way."""
    project = tmp_path / "repo"
    shutil.copytree(answer, project, symlinks=True)
    return project


def make_site(project: Path) -> subprocess.CompletedProcess:
    return sh(project, "make site")


# ---------------------------------------------------------------- it works


def test_quick_start_scaffolds_an_answer_that_builds(answer):
    for path in (PAGE, SNIPPET, "tests/snippets/test_leaky_relu.py"):
        assert (answer / path).is_file(), f"make new-answer did not create {path}"
    assert f"      - {TITLE}: {SLUG}.md\n" in (answer / "mkdocs.yml").read_text()
    html = (answer / "site" / SLUG / "index.html").read_text()
    assert TITLE in html
    assert f"../figures/{SLUG}/short-answer.svg" in html
    assert "over 1000 random inputs" in html  # a [[value]] filled in
    assert "reading-list/#ref-arora2018" in html  # a citation, listed under Sources
    assert (answer / "site" / "figures" / SLUG / "short-answer.svg").is_file()
    anchors = (answer / "site_src" / "anchors.txt").read_text().splitlines()
    assert f"{SLUG}/#short-answer" in anchors, (
        "make anchors did not record the new page"
    )


def test_every_answer_gets_a_report_link(answer):
    html = (answer / "site" / SLUG / "index.html").read_text()
    link = re.search(
        r'<a class="wr-report__link" href="([^"]+)">Report a mistake</a>', html
    )
    assert link, "the answer has no 'Report a mistake' link"
    url = link.group(1).replace("&amp;", "&")
    assert url.startswith(
        "https://github.com/whyrelu/whyrelu/issues/new?template=correction.yml&"
    )
    assert "title=Correction%3A%20What%20does%20a%20leaky%20ReLU%20fix%3F" in url
    assert f"page=https%3A%2F%2Fwhyrelu.github.io%2Fwhyrelu%2F{SLUG}%2F" in url
    home = (answer / "site" / "index.html").read_text()
    assert "wr-report" not in home, "the home page is not an answer"


# ---------------------------------------------------------------- scaffold refusals


@pytest.mark.parametrize(
    ("slug", "title", "says"),
    [
        (SLUG, "Again?", f"SLUG '{SLUG}' is taken: docs/{SLUG}.md exists"),
        (
            "Leaky_ReLU",
            "x?",
            "SLUG 'Leaky_ReLU' is not a valid page name — use lower-case",
        ),
        (
            "index",
            "x?",
            "SLUG 'index' is a name the site uses for itself — choose another",
        ),
        (
            PLANNED,
            "x?",
            f"already lists {PLANNED}.md (commented out: someone is writing it)",
        ),
        ("", "x?", "no SLUG given — run: make new-answer SLUG="),
        ("gelu", "", "no TITLE given"),
    ],
)
def test_bad_or_taken_slug_is_refused_and_writes_nothing(broken, slug, title, says):
    before = snapshot(broken)
    proc = sh(broken, f"make new-answer SLUG='{slug}' TITLE='{title}'")
    assert proc.returncode != 0
    assert says in proc.stderr
    assert "Nothing was written." in proc.stderr
    assert snapshot(broken) == before


# ---------------------------------------------------------------- broken snippets


def test_each_broken_snippet_is_named_with_what_to_do(broken):
    good = (broken / SNIPPET).read_text()
    folder = broken / "snippets" / SLUG
    drawing = good[good.index("grid = np.linspace") :]
    broken_files = {
        "syntax-error": good.replace("def relu(x):", "def relu(x)"),
        "raises": good.replace("RESULTS = {", "ratio = 1 / 0\nRESULTS = {"),
        "too-slow": good.replace(
            "Alt:", "Timeout: 1 (a test of the limit)\nAlt:"
        ).replace("RESULTS = {", "while True: pass\nRESULTS = {"),
        "no-figure": good.replace(drawing, ""),
        "no-claim": re.sub(r"\nClaim: .*", "", good),
        "no-alt": re.sub(r"\nAlt: .*", "", good),
        "shows": good.replace("RESULTS = {", "plt.show()\nRESULTS = {"),
    }
    for name, text in broken_files.items():
        assert text != good, name
        (folder / f"{name}.py").write_text(text)
    site_before = (broken / "site" / SLUG / "index.html").read_text()

    proc = make_site(broken)

    assert proc.returncode != 0
    out = proc.stderr
    path = f"snippets/{SLUG}"
    syntax_line = line_of(folder / "syntax-error.py", "def relu(x)")
    raise_line = line_of(folder / "raises.py", "ratio = 1 / 0")
    loop_line = line_of(folder / "too-slow.py", "while True: pass")
    show_line = line_of(folder / "shows.py", "plt.show()")
    expected = [
        f"{path}/syntax-error.py:{syntax_line}: SyntaxError",
        f"— fix the syntax (run it alone: python {path}/syntax-error.py)",
        f"{path}/raises.py:{raise_line}: the snippet raised ZeroDivisionError: division by zero"
        f" — fix it and rebuild (run it alone: python {path}/raises.py)",
        f"{path}/too-slow.py:{loop_line}: ran past its time limit of 1 s and was killed"
        f" while running line {loop_line}: while True: pass — make it faster,"
        " or declare a longer limit",
        f"{path}/no-figure.py: the snippet drew no figure — draw one and leave it open",
        f"{path}/no-claim.py:1: the docstring has no `Claim:` line — add `Claim: ...`",
        f"{path}/no-alt.py:1: the docstring has no `Alt:` line — add `Alt: ...`",
        f"{path}/shows.py:{show_line}: the snippet calls plt.show(), which the "
        "contract forbids — delete the call",
    ]
    for fragment in expected:
        assert fragment in out, f"missing from the build's errors: {fragment}\n\n{out}"
    # The previous good site is still there: a failed build replaces nothing.
    assert (broken / "site" / SLUG / "index.html").read_text() == site_before


# ---------------------------------------------------------------- broken pages


def _place_missing_snippet(project: Path) -> tuple[int, str]:
    page = project / PAGE
    page.write_text(page.read_text() + f"\n[[snippet {SLUG}/no-such-claim]]\n")
    proc = make_site(project)
    assert proc.returncode != 0
    return line_of(page, "no-such-claim"), proc.stderr


def test_page_placing_a_missing_snippet(broken):
    _, out = _place_missing_snippet(broken)
    assert re.search(
        rf"{PAGE}:\d+: places snippet '{SLUG}/no-such-claim', which does not exist "
        rf"\(no snippets/{SLUG}/no-such-claim\.py\) — check the name",
        out,
    ), out


def test_page_error_names_the_line_of_the_source_file(broken):
    line, out = _place_missing_snippet(broken)
    assert f"{PAGE}:{line}: places snippet" in out


def test_snippet_that_no_page_places(broken):
    shutil.copy2(broken / SNIPPET, broken / "snippets" / SLUG / "orphan.py")
    proc = make_site(broken)
    assert proc.returncode != 0
    assert (
        f"snippets/{SLUG}/orphan.py: no page places this snippet — "
        f"add `[[snippet {SLUG}/orphan]]` to a page in docs/"
    ) in proc.stderr


def test_broken_link_and_anchor(broken):
    page = broken / PAGE
    page.write_text(
        page.read_text()
        + "\nSee [another answer](no-such-answer.md) and [a caveat](#no-such-heading).\n"
    )
    line = line_of(page, "no-such-answer.md")
    proc = make_site(broken)
    assert proc.returncode != 0
    out = proc.stderr
    assert (
        f"{PAGE}:{line}: the link 'no-such-answer.md' points to no page of the site — "
        "link to the page's Markdown file"
    ) in out
    assert (
        f"{PAGE}:{line}: the link '#no-such-heading' points to a heading id this page "
        "does not have — use one of its heading ids (#leaky-relu, #short-answer,"
    ) in out


@pytest.mark.parametrize(
    ("added", "says"),
    [
        (
            f"A value [[value {SLUG}/short-answer:no_such_key]].",
            "the snippet's RESULTS has no key 'no_such_key'",
        ),
        ("A source [@nobody2099].", "nobody2099"),
    ],
)
def test_wrong_value_key_or_citation_key_names_its_line(broken, added, says):
    # The page starts with front matter: the line is counted in the file.
    page = broken / PAGE
    text = page.read_text()
    page.write_text(text.replace("\n## ", f"\n{added}\n\n## ", 1))
    line = line_of(page, added)
    assert text.startswith("---\n") and line > text.split("---", 2)[1].count("\n")
    proc = make_site(broken)
    assert proc.returncode != 0
    assert f"{PAGE}:{line}: " in proc.stderr and says in proc.stderr, proc.stderr


def test_the_build_log_keeps_to_what_matters(answer, tmp_path):
    """No notebook-cache chatter: ~20 lines a rebuild scrolled errors away."""
    project = tmp_path / "repo"
    shutil.copytree(answer, project, symlinks=True)
    proc = make_site(project)
    assert proc.returncode == 0, proc.stderr
    for chatter in ("Cache hit:", "Copied jupyter file:"):
        assert chatter not in proc.stderr, proc.stderr
