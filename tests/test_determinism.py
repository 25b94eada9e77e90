"""Two runs of a snippet give the same bytes.

(Two builds give the same site: tests/test_generator.py builds the site a
second time, with MkDocs, and finds every file byte-identical apart from the
generator tag.)
"""

from __future__ import annotations

import pytest

from site_src.engine import machines, runner


def same_bytes(a: runner.Result, b: runner.Result) -> bool:
    """The same figures, byte for byte, the same RESULTS and the same output."""
    figures_a, figures_b = a.figure_paths(), b.figure_paths()
    return (
        [f.name for f in figures_a] == [f.name for f in figures_b]
        and all(x.read_bytes() == y.read_bytes() for x, y in zip(figures_a, figures_b))
        and a.results == b.results
        and a.stdout == b.stdout
    )


@pytest.mark.slow
def test_every_snippet_gives_identical_figures_twice(
    snippet_run, machine_run, tmp_path
):
    """Every snippet run a second time, byte for byte against the first.

    The second-machine check has already run every snippet again, in other
    processes, on each emulated machine it checks. A snippet whose figures,
    RESULTS and output came out byte-identical on any of them has been
    reproduced: a seedless random draw or a clock would not give the same
    bytes twice. Only the others (whose last bits every emulated machine
    moved, which the check allows within its tolerance) run again here,
    natively and uncached. Where no machine can be emulated, every snippet
    runs again.
    """
    results, stats = snippet_run
    elsewhere = [machine_run(name)[0] for name in machines.CHECKED]
    again = [
        result.path
        for name, result in results.items()
        if not result.meta.measures_time_reason
        and not any(
            name in other and same_bytes(result, other[name]) for other in elsewhere
        )
    ]
    fresh, _ = runner.run_all(
        again, cache=tmp_path, use_cache=False, strict=False, log=lambda _: None
    )
    assert len(fresh) == len(again)
    differing = [name for name, b in fresh.items() if not same_bytes(results[name], b)]
    assert not differing, (
        "not deterministic (seed it; no clock, no set ordering): "
        + ", ".join(differing)
    )
