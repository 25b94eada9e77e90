"""Bad input gets one clear line naming the file (and line) and what to do.

Each case of the engine issue has a test here: syntax error, raises, runs
past its limit, draws no figure, missing Claim: or Alt:, a page placing a
snippet that does not exist, a snippet no page uses, a broken link or anchor.
And the cache: a failed run never replaces the last good entry, and the next
build tries again.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest

from buildkit import mkdocs_build
from site_src.engine import runner
from site_src.engine.errors import SnippetErrors

GOOD = '''\
"""A line.

Claim: a line through the origin has intercept zero.
Alt: a straight line from the bottom left to the top right.
"""
import matplotlib.pyplot as plt

RESULTS = {"intercept": 0}
print("drawing")
fig, ax = plt.subplots()
ax.plot([0, 1], [0, 1])
'''


def write(root: Path, name: str, text: str) -> Path:
    path = root / f"{name}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def run(root: Path, cache: Path):
    return runner.run_all(root=root, cache=cache, log=lambda _: None)


def first_line(exc: pytest.ExceptionInfo) -> str:
    return str(exc.value).splitlines()[0]


@pytest.fixture
def dirs(tmp_path):
    return tmp_path / "snippets", tmp_path / "cache"


def test_good_snippet_runs_and_is_cached(dirs):
    root, cache = dirs
    write(root, "demo/line", GOOD)
    results, stats = run(root, cache)
    assert stats.ran == 1 and results["demo/line"].results == {"intercept": 0}
    assert results["demo/line"].stdout == "drawing\n"
    svg = results["demo/line"].figure_paths()[0].read_bytes()
    assert svg.startswith(b"<?xml") and b"Date" not in svg
    results, stats = run(root, cache)
    assert stats.ran == 0 and stats.cached == 1 and results["demo/line"].cached


def test_syntax_error_names_file_and_line(dirs):
    root, cache = dirs
    write(root, "demo/bad", GOOD.replace("RESULTS = {", "RESULTS = {{"))
    with pytest.raises(SnippetErrors) as exc:
        run(root, cache)
    assert first_line(exc).startswith(
        "snippets/demo/bad.py:8: SyntaxError"
    ) or ":8: SyntaxError" in first_line(exc)
    assert "fix the syntax" in first_line(exc)


def test_raising_snippet_names_line_and_shows_traceback(dirs):
    root, cache = dirs
    write(
        root,
        "demo/raises",
        GOOD.replace('print("drawing")', 'print("drawing")\nx = [1][3]'),
    )
    with pytest.raises(SnippetErrors) as exc:
        run(root, cache)
    assert (
        "demo/raises.py:10: the snippet raised IndexError: list index out of range"
        in first_line(exc)
    )
    assert "fix it and rebuild" in first_line(exc)
    text = str(exc.value)
    assert "Traceback" in text and "x = [1][3]" in text and "drawing" in text


RUNAWAY = GOOD.replace("Alt:", "Timeout: 1 (a test of the limit)\nAlt:").replace(
    'print("drawing")',
    'print("started", flush=True)\n\n\ndef spin():\n    while True: pass\n\n\nspin()',
)


def test_runaway_snippet_is_killed_naming_the_line_it_was_running(dirs):
    root, cache = dirs
    path = write(root, "demo/slow", RUNAWAY)
    number = path.read_text().splitlines().index("    while True: pass") + 1
    with pytest.raises(SnippetErrors) as exc:
        run(root, cache)
    line = first_line(exc)
    assert (
        f"demo/slow.py:{number}: ran past its time limit of 1 s and was killed "
        f"while running line {number}: while True: pass"
    ) in line
    assert "Timeout: 300" in line
    assert "partial output:\nstarted" in str(exc.value)


def test_a_long_run_reports_progress_before_it_is_stopped(dirs):
    # The check for progress comes before the time limit's in every turn of
    # the runner's loop, so a snippet stopped at 1 s was reported at 0.25 s
    # however busy the machine is.
    root, cache = dirs
    write(root, "demo/slow", RUNAWAY)
    lines = []
    with pytest.raises(SnippetErrors):
        runner.run_all(root=root, cache=cache, log=lines.append, progress_s=0.25)
    assert lines[0] == "snippets: 1 to run, 1 at a time"
    still = [l for l in lines if l.startswith("snippets: still running: ")]
    assert still and "demo/slow " in still[0] and "(limit 1 s)" in still[0]


def test_snippet_without_figure(dirs):
    root, cache = dirs
    write(
        root,
        "demo/blank",
        GOOD.replace("fig, ax = plt.subplots()\nax.plot([0, 1], [0, 1])\n", ""),
    )
    with pytest.raises(SnippetErrors) as exc:
        run(root, cache)
    assert "demo/blank.py: the snippet drew no figure" in first_line(exc)
    assert "Figures: none (why)" in first_line(exc)


def test_declared_no_figure_is_fine(dirs):
    root, cache = dirs
    text = GOOD.replace(
        "Alt: a straight line from the bottom left to the top right.",
        "Figures: none (it only counts)",
    )
    write(
        root,
        "demo/count",
        text.replace("fig, ax = plt.subplots()\nax.plot([0, 1], [0, 1])\n", ""),
    )
    results, _ = run(root, cache)
    assert results["demo/count"].figures == []


@pytest.mark.parametrize("field", ["Claim", "Alt"])
def test_missing_claim_or_alt(dirs, field):
    root, cache = dirs
    lines = [l for l in GOOD.splitlines() if not l.startswith(field + ":")]
    write(root, "demo/nodoc", "\n".join(lines) + "\n")
    with pytest.raises(SnippetErrors) as exc:
        run(root, cache)
    assert f"demo/nodoc.py:1: the docstring has no `{field}:` line" in first_line(exc)
    assert "CONTRIBUTING.md" in first_line(exc)


def test_opt_out_without_reason(dirs):
    root, cache = dirs
    write(root, "demo/why", GOOD.replace("Alt:", "Timeout: 300\nAlt:"))
    with pytest.raises(SnippetErrors, match="gives no reason"):
        run(root, cache)


@pytest.mark.parametrize(
    "line, message",
    [
        ("Colours: kept", "gives no reason"),
        ("Colours: inverted (no)", "`Colours:` only takes `kept`"),
    ],
)
def test_colours_opt_out_needs_kept_and_a_reason(dirs, line, message):
    root, cache = dirs
    write(root, "demo/colours", GOOD.replace("Alt:", line + "\nAlt:"))
    with pytest.raises(SnippetErrors, match=re.escape(message)):
        run(root, cache)


def test_colours_kept_is_read(dirs):
    root, cache = dirs
    write(
        root, "demo/kept", GOOD.replace("Alt:", "Colours: kept (zero is white)\nAlt:")
    )
    results, _ = run(root, cache)
    assert results["demo/kept"].meta.kept_colours_reason == "zero is white"


def test_failed_run_keeps_last_good_entry_and_retries(dirs):
    root, cache = dirs
    path = write(root, "demo/line", GOOD)
    good, _ = run(root, cache)
    good_dir = good["demo/line"].dir
    path.write_text(GOOD.replace('print("drawing")', "raise RuntimeError('broken')"))
    for _ in range(2):  # the second build retries: failures are never cached
        with pytest.raises(SnippetErrors, match="RuntimeError: broken"):
            run(root, cache)
    assert (good_dir / "result.json").exists()
    path.write_text(GOOD)
    results, stats = run(root, cache)
    assert stats.ran == 0 and results["demo/line"].dir == good_dir


def test_editing_a_local_module_invalidates_its_importers(dirs):
    root, cache = dirs
    write(root, "_lib/helper", "SLOPE = 1\n")
    write(
        root,
        "demo/uses",
        GOOD.replace(
            "import matplotlib.pyplot as plt",
            "import matplotlib.pyplot as plt\nimport helper",
        ),
    )
    write(root, "demo/plain", GOOD)
    run(root, cache)
    (root / "_lib" / "helper.py").write_text("SLOPE = 2\n")
    _, stats = run(root, cache)
    assert stats.ran == 1 and stats.cached == 1


def test_snippets_are_isolated_from_each_other(dirs):
    root, cache = dirs
    write(
        root,
        "demo/a",
        GOOD.replace(
            "import matplotlib.pyplot as plt",
            "import matplotlib.pyplot as plt\nimport sys\nsys.modules['leak'] = 1\nplt.rcParams['lines.linewidth'] = 9",
        ),
    )
    write(
        root,
        "demo/b",
        GOOD.replace(
            'RESULTS = {"intercept": 0}',
            'import sys\nimport matplotlib\nRESULTS = {"leak": "leak" in sys.modules, "lw": matplotlib.rcParams["lines.linewidth"]}',
        ),
    )
    results, _ = runner.run_all(root=root, cache=cache, workers=1, log=lambda _: None)
    assert results["demo/b"].results["leak"] is False
    assert results["demo/b"].results["lw"] != 9


# ---------------------------------------------------------------- through MkDocs


def build(project: Path):
    return mkdocs_build(project, project / "site")


FRONT = "---\ntitle: Home\ndescription: A test answer.\nquestion: Q0\nclaims: []\n---\n"


def page(project: Path, text: str) -> None:
    """A home page and one answer page holding ``text`` (the print page needs an answer)."""
    (project / "docs" / "index.md").write_text(
        "# Home { #home }\n\nSee [the answer](answer.md).\n"
    )
    (project / "docs" / "answer.md").write_text(FRONT + textwrap.dedent(text))


def test_page_placing_missing_snippet_fails_build(scratch_project):
    page(scratch_project, "# Home { #home }\n\n[[snippet demo/missing]]\n")
    proc = build(scratch_project)
    assert proc.returncode != 0
    assert (
        "docs/answer.md:9: places snippet 'demo/missing', which does not exist"
        in proc.stderr
    )
    assert not (scratch_project / "site" / "answer" / "index.html").exists()


def test_unused_snippet_fails_build(scratch_project):
    write(scratch_project / "snippets", "demo/line", GOOD)
    page(scratch_project, "# Home { #home }\n")
    proc = build(scratch_project)
    assert proc.returncode != 0
    assert (
        "snippets/demo/line.py: no page places this snippet — add `[[snippet demo/line]]`"
        in proc.stderr
    )


def test_snippet_error_fails_build_with_file_and_line(scratch_project):
    write(
        scratch_project / "snippets",
        "demo/line",
        GOOD.replace('print("drawing")', "1 / 0"),
    )
    page(scratch_project, "# Home { #home }\n\n[[snippet demo/line]]\n")
    proc = build(scratch_project)
    assert proc.returncode != 0
    assert (
        "snippets/demo/line.py:9: the snippet raised ZeroDivisionError" in proc.stderr
    )


@pytest.mark.parametrize("link", ["[gone](missing.md)", "[gone](#no-such-heading)"])
def test_broken_link_or_anchor_fails_strict_build(scratch_project, link):
    page(scratch_project, f"# Home {{ #home }}\n\nSee {link}.\n")
    proc = build(scratch_project)
    assert proc.returncode != 0
    assert "answer.md" in proc.stderr and (
        "missing.md" in proc.stderr or "no-such-heading" in proc.stderr
    )


def test_good_page_builds(scratch_project):
    write(scratch_project / "snippets", "demo/line", GOOD)
    page(
        scratch_project,
        "# Home { #home }\n\nIntercept [[value demo/line:intercept]].\n\n[[snippet demo/line]]\n",
    )
    proc = build(scratch_project)
    assert proc.returncode == 0, proc.stderr
    html = (scratch_project / "site" / "answer" / "index.html").read_text()
    assert "Intercept 0." in html and "figures/demo/line.svg" in html
    assert (scratch_project / "site" / "figures" / "demo" / "line.svg").exists()


@pytest.mark.parametrize(
    "code, call",
    [
        ("plt.show()", "plt.show()"),
        ("import matplotlib.pyplot as mp\nmp.show()", "mp.show()"),
        ("from matplotlib.pyplot import show\nshow()", "show()"),
    ],
)
def test_show_is_refused_naming_the_line(dirs, code, call):
    root, cache = dirs
    path = write(root, "demo/shows", GOOD + code + "\n")
    number = len(path.read_text().splitlines())
    with pytest.raises(SnippetErrors) as exc:
        run(root, cache)
    assert (
        f"demo/shows.py:{number}: the snippet calls {call}, which the contract "
        "forbids — delete the call and leave the figure open"
    ) in first_line(exc)


def test_a_show_method_of_something_else_is_fine(dirs):
    root, cache = dirs
    write(
        root,
        "demo/other",
        GOOD + "class Box:\n    def show(self): pass\nBox().show()\n",
    )
    results, _ = run(root, cache)
    assert "demo/other" in results


def test_the_time_limit_counts_cpu_time_not_a_busy_machines_wall_time(
    monkeypatch, tmp_path
):
    # A snippet that got half a CPU for 2 s of its 1 s limit is not stopped;
    # one that used its full second is; so is one idle for 3 times its limit.
    sent = []
    monkeypatch.setattr(runner, "_signal", lambda pid, signum: sent.append(signum))
    meta = runner.Meta(title="t", claim="c", timeout_s=1.0)
    snippet = runner.Snippet("demo/x", tmp_path / "x.py", meta, "key")

    def stopped(cpu: float, wall: float) -> bool:
        sent.clear()
        monkeypatch.setattr(runner, "_cpu_seconds", lambda pid: cpu)
        job = {"snippet": snippet, "out": tmp_path, "start": 0.0, "pid": 1}
        runner._enforce_limit(job, now=wall)
        return sent == [runner.signal.SIGUSR1]

    assert not stopped(cpu=0.5, wall=2.0)
    assert stopped(cpu=1.1, wall=1.2)
    assert stopped(cpu=0.0, wall=3.1)
    monkeypatch.undo()
    used = runner._cpu_seconds(os.getpid())  # this process: pytest ran a while
    assert used is None or used > 0
