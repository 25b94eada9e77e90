"""The second-machine check: pages print the same on an emulated other CPU.

``site_src.engine.machines`` reruns every snippet with another OpenBLAS kernel,
numpy's SIMD cut to its baseline and another BLAS thread count, and compares
what the pages print. Values marked ``[[measured ...]]`` (class
``wr-measured``) and the output of ``Measures:`` snippets are left out.
CONTRIBUTING.md, "Same numbers on every machine", explains the rule.
"""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest

from buildkit import BUILD_ENV, ROOT, mkdocs_build
from site_src.engine import machines, runner
from site_src.markdown import pages

pytestmark = pytest.mark.skipif(
    not machines.CHECKED, reason="no machine can be emulated on this platform"
)


# ---------------------------------------------------------------- the real pages


@pytest.fixture(params=machines.CHECKED)
def other_machine(request, machine_run):
    name = request.param
    results, stats = machine_run(name)
    return name, results, stats


@pytest.mark.slow
def test_pages_print_the_same_on_another_machine(snippet_run, other_machine):
    here, _ = snippet_run
    name, there, stats = other_machine
    found = machines.compare(here, there, machine=name, failed_there=stats.errors)
    assert not found, (
        f"{len(found)} things the pages print differ on {machines.describe(name)}:\n\n"
        + "\n".join(map(str, found))
        + "\n\nMake the number robust (a median and range over seeds, a bound), "
        "or mark a measurement with [[measured ...]]: CONTRIBUTING.md#same-numbers"
    )


def _inputs_digest(name: str) -> str:
    """Everything a full build's page text depends on, and the machine."""
    digest = hashlib.sha256(repr(machines.MACHINES[name]).encode())
    for folder in ("docs", "site_src", "snippets"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    for name_ in ("mkdocs.yml", "requirements.lock"):
        digest.update((ROOT / name_).read_bytes())
    return digest.hexdigest()[:20]


@pytest.mark.slow
def test_full_build_page_text_is_the_same(built_site, machine_run, tmp_path):
    """A whole build as the first checked machine, page text against ours.

    Cached by content like the snippets: a pass is remembered for exactly
    these sources, so a warm ``make test`` does not build twice.
    """
    name = machines.CHECKED[0]
    verdict = machines.CACHE / name / f"page-text-{_inputs_digest(name)}.ok"
    if verdict.exists():
        return
    machine_run(name)  # its snippets, run once and cached, not run by the build
    other = tmp_path / "site"
    proc = mkdocs_build(ROOT, other, env={**BUILD_ENV, "WHYRELU_MACHINE": name})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = machines.compare_sites(built_site, other, machine=name)
    assert not found, "page text differs:\n\n" + "\n".join(map(str, found))
    verdict.parent.mkdir(parents=True, exist_ok=True)
    verdict.write_text("the page text matched\n")


# ---------------------------------------------------------------- the check itself

DEMO_PAGE = """\
# Demo { #demo }

A coin: [[value demo/coin:x .6f]].

A timing: [[measured demo/coin:x .6f]].

[[snippet demo/coin]]

[[snippet demo/machine]]
"""

COIN = '''\
"""An unseeded coin.

Claim: a number nobody can repeat.
Figures: none (it only prints)
"""

import random

x = random.random()
RESULTS = {"x": x}
print(f"x = {x}")
'''

MACHINE = '''\
"""What machine the snippet ran on.

Claim: the emulation reaches the snippet.
Figures: none (it only prints)
"""

from numpy._core import _multiarray_umath as umath
from threadpoolctl import threadpool_info

blas = [i.get("architecture") for i in threadpool_info() if i["user_api"] == "blas"]
RESULTS = {
    "kernel": str(blas[0]) if blas else "",
    "simd": sorted(k for k in umath.__cpu_dispatch__ if umath.__cpu_features__[k]),
}
'''


TIMED = MACHINE.replace(
    "Figures: none (it only prints)\n",
    "Figures: none (it only prints)\nMeasures: time (stands for a timing of this computer)\n",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A project of one page, run here and on the first checked machine."""
    root = tmp_path_factory.mktemp("demo")
    (root / "docs").mkdir()
    (root / "docs" / "demo.md").write_text(DEMO_PAGE)
    (root / "snippets" / "demo").mkdir(parents=True)
    (root / "snippets" / "demo" / "coin.py").write_text(COIN)
    (root / "snippets" / "demo" / "machine.py").write_text(textwrap.dedent(MACHINE))
    (root / "snippets" / "demo" / "timed.py").write_text(textwrap.dedent(TIMED))
    snippets = root / "snippets"
    here, stats = runner.run_all(
        root=snippets, cache=root / "here", strict=False, log=lambda _: None
    )
    assert not stats.errors, stats.errors
    name = machines.CHECKED[0]
    there, other = machines.run_machine(
        name, root=snippets, cache=root / "there", measured_cache=root / "here"
    )
    assert not other.errors, other.errors
    return root, name, here, there


def test_a_timing_snippet_is_not_emulated_but_reused(demo):
    """A Measures: snippet times this computer: the emulated machine takes
    the native result (the check leaves it out), and never runs it again."""
    root, _, here, there = demo
    assert "demo/timed" in here and "demo/timed" in there
    assert there["demo/timed"].results == here["demo/timed"].results
    assert there["demo/timed"].results == here["demo/machine"].results
    assert not (root / "there" / "demo" / "timed").exists()


def test_the_check_names_page_line_value_and_both_outputs(demo):
    root, name, here, there = demo
    found = machines.compare(here, there, docs=root / "docs", machine=name)
    text = "\n".join(map(str, found))
    coin = [d for d in found if "[[value demo/coin:x .6f]]" in d.what]
    assert len(coin) == 1, text
    assert coin[0].where.endswith("demo.md:3")
    assert coin[0].here == pages.format_value(here["demo/coin"].results["x"], ".6f")
    assert coin[0].there == pages.format_value(there["demo/coin"].results["x"], ".6f")
    assert coin[0].here != coin[0].there
    assert name in str(coin[0]) and coin[0].here in str(coin[0])
    # the printed output is compared too, where the page places the snippet
    assert any(
        d.where.endswith("demo.md:7") and "printed output" in d.what for d in found
    ), text
    # the measured value (line 5) is left out
    assert not any(d.where.endswith("demo.md:5") for d in found), text


def test_the_emulation_reaches_the_snippets(demo):
    """Without this the check could compare this machine with itself."""
    _, name, here, there = demo
    env = machines.MACHINES[name]
    a, b = here["demo/machine"].results, there["demo/machine"].results
    if "OPENBLAS_CORETYPE" in env:
        # OpenBLAS reports Prescott as Katmai
        assert b["kernel"] in {"Prescott", "Katmai"}, b
    if "NPY_DISABLE_CPU_FEATURES" in env:
        assert b["simd"] == [], b
    assert a != b or not a["simd"]


# ---------------------------------------------------------------- figures and text

SVG = """<svg><g id="line2d_1"><path id="m0123456789" d="M 10.5 20.25 L 30 40"/>
<use xlink:href="#m0123456789" x="1"/></g><g id="text_1"><text x="5">0.566</text></g></svg>"""


def test_figures_within_half_a_point_are_the_same():
    moved = SVG.replace("20.25", "20.6")
    assert machines.svg_difference(SVG, moved) is None


def test_figures_further_apart_differ():
    moved = SVG.replace("20.25", "21")
    what, this, other = machines.svg_difference(SVG, moved)
    assert "moved by 0.75 pt" in what and "line2d_1" in what
    assert (this, other) == ("20.25", "21")


def test_figure_text_is_compared_exactly():
    what, this, other = machines.svg_difference(SVG, SVG.replace("0.566", "0.556"))
    assert "text differs" in what and "text_1" in what
    assert (this, other) == ("0.566", "0.556")


def test_hashed_ids_do_not_count():
    renamed = SVG.replace("m0123456789", "mfedcba9876")
    assert machines.svg_difference(SVG, renamed) is None


def test_another_drawing_differs():
    assert machines.svg_difference(SVG, SVG.replace(" L 30 40", ""))


def test_measured_values_are_marked_and_left_out_of_the_page_text():
    marked = pages.measured_html("1.5 ms")
    assert 'class="wr-measured"' in marked
    page = f"<main><p>Steps: 76. Time: {marked} per call.</p></main>"
    assert machines.page_text(page) == ["Steps: 76. Time:", "per call."]


def test_page_syntax_measured(tmp_path):
    result = runner.Result(
        name="demo/coin",
        path=tmp_path / "coin.py",
        meta=None,
        key="",
        dir=tmp_path,
        figures=[],
        results={"t": 0.00857},
        stdout="",
        seconds=0.0,
        cached=True,
    )
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "coin.py").write_text("")
    out = pages._values(
        "took [[measured demo/coin:t .1%]] on [[build-machine]]",
        Path("docs/demo.md"),
        1,
        {"demo/coin": result},
        tmp_path,
    )
    assert out.count('class="wr-measured"') == 2
    assert ">0.9%<" in out


def test_changed_spans_count_text_runs_and_skip_measured(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for site, steps, ms in ((a, "76", "1.5"), (b, "77", "2.5")):
        (site / "p").mkdir(parents=True)
        (site / "p" / "index.html").write_text(
            f"<p>Steps: {steps}</p><p>same</p><p>{pages.measured_html(ms + ' ms')}</p>"
        )
        (site / "index.html").write_text("<p>home</p>")
    assert machines.changed_spans(a, b) == {"p/index.html": 1}
    assert machines.changed_spans(a, a) == {}
