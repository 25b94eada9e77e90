"""The explorables, driven in Chromium and checked against their snippets.

Each explorable repeats in JavaScript a construction its snippet computes in
Python. These tests press the keys and buttons a reader would, then compare
what the explorable shows (its sum at the snippet's sample points, its
largest-error readout, its piece counts) with the snippet's RESULTS, to
1e-9. They also check that the build handed the page the snippet's data,
that the static figure stands in when the module cannot run, and that axe
finds nothing serious in the live explorable.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import AXE

pytestmark = pytest.mark.browser

HINGES = "universal-approximation/build-it-yourself"
FOLD = "depth-and-linear-regions/fold-the-line"
TOL = 1e-9


def _open(chromium, page_url: str, selector: str, scheme: str = "light"):
    page = chromium.new_page(scheme)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(chromium.site_url + page_url, wait_until="load")
    # An explorable is mounted when it comes near the screen, not at load.
    assert page.locator(selector).count() == 0, "mounted before it came near the screen"
    page.evaluate(
        """() => { for (const node of document.querySelectorAll('.wr-explorable-data'))
                document.getElementById(node.dataset.wrFor).scrollIntoView(); }"""
    )
    page.wait_for_selector(selector, timeout=15000)
    return page, errors


def _page_data(page, name: str) -> dict:
    target = "snippet-" + name.replace("/", "-")
    raw = page.get_attribute(
        f'.wr-explorable-data[data-wr-for="{target}"]', "data-wr-data"
    )
    assert raw, f"the page has no data for the explorable {name}"
    return json.loads(raw)


# ---------------------------------------------------------------- build it yourself


def _hinges_shown(page) -> dict:
    return page.evaluate(
        """() => {
        const root = document.querySelector('.wr-ex--hinges');
        const out = root.querySelector('.wr-ex__error');
        return {sums: JSON.parse(root.dataset.sumAtSamples),
                error: parseFloat(out.dataset.value), errorText: out.textContent,
                state: JSON.parse(root.dataset.state)};
    }"""
    )


def _assert_hinges_state(page, expected: dict) -> None:
    shown = _hinges_shown(page)
    where = f"state '{expected['name']}'"
    assert shown["state"]["target"] == expected["target"], where
    np.testing.assert_allclose(
        shown["state"]["knots"], expected["knots"], rtol=0, atol=TOL, err_msg=where
    )
    np.testing.assert_allclose(
        shown["state"]["weights"],
        expected["weights"],
        rtol=TOL,
        atol=TOL,
        err_msg=where,
    )
    assert abs(shown["state"]["bias"] - expected["bias"]) <= TOL, where
    np.testing.assert_allclose(
        shown["sums"], expected["sum_at_samples"], rtol=0, atol=TOL, err_msg=where
    )
    assert abs(shown["error"] - expected["max_error"]) <= TOL, (
        f"{where}: largest error shown {shown['error']!r}, Python {expected['max_error']!r}"
    )
    # and the reader sees the same number, rounded
    assert shown["errorText"] == f"{expected['max_error']:.3f}", where


def _press(page, kind: str, index: int, key: str) -> None:
    handle = page.locator(f'.wr-ex--hinges [data-kind="{kind}"][data-index="{index}"]')
    handle.focus()
    page.keyboard.press(key)


def test_build_it_yourself_replays_the_snippet(chromium, snippet):
    ex = snippet(HINGES).results["explorable"]
    page, errors = _open(chromium, "universal-approximation/", ".wr-ex--hinges")
    try:
        assert _page_data(page, HINGES) == ex, (
            "the page's data is not the snippet's RESULTS"
        )
        states = {s["name"]: s for s in ex["states"]}
        _assert_hinges_state(page, states["start"])

        _press(page, "knot", 2, "ArrowRight")
        _assert_hinges_state(page, states["knot 3 right"])
        # the handle keeps focus and announces its new value
        focused = page.evaluate(
            "() => [document.activeElement.getAttribute('role'),"
            " document.activeElement.dataset.kind, document.activeElement.dataset.index,"
            " parseFloat(document.activeElement.getAttribute('aria-valuenow')),"
            " document.activeElement.getAttribute('aria-valuetext')]"
        )
        assert focused[:3] == ["slider", "knot", "2"]
        assert abs(focused[3] - states["knot 3 right"]["knots"][2]) <= TOL
        assert "knot at x = " in focused[4]

        _press(page, "bend", 3, "ArrowUp")
        _assert_hinges_state(page, states["bend 4 up"])

        page.click('.wr-ex--hinges button[data-action="fit"]')
        _assert_hinges_state(page, states["fit"])

        page.click('.wr-ex--hinges button[data-action="add"]')
        page.click('.wr-ex--hinges button[data-action="even"]')
        _assert_hinges_state(page, states["add unit, even knots"])

        for target in ("abs", "step", "bump"):
            page.select_option(".wr-ex--hinges select", target)
            page.click('.wr-ex--hinges button[data-action="fit"]')
            _assert_hinges_state(page, states[f"{target}, fit"])
        assert not errors, errors
    finally:
        page.close()


def test_build_it_yourself_drags_with_a_pointer(chromium, snippet):
    """A drag moves a knot; the sum shown is still the snippet's formula."""
    ex = snippet(HINGES).results["explorable"]
    page, errors = _open(chromium, "universal-approximation/", ".wr-ex--hinges")
    try:
        handle = page.locator('.wr-ex--hinges [data-kind="knot"][data-index="4"]')
        handle.scroll_into_view_if_needed()
        box = handle.bounding_box()
        before = _hinges_shown(page)["state"]["knots"][4]
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(
            box["x"] + box["width"] / 2 + 40, box["y"] + box["height"] / 2, steps=4
        )
        page.mouse.up()
        shown = _hinges_shown(page)
        state = shown["state"]
        assert state["knots"][4] > before + 0.05, "the drag did not move the knot"
        x = np.linspace(ex["x_min"], ex["x_max"], ex["n_samples"])
        knots, weights = np.array(state["knots"]), np.array(state["weights"])
        expected = state["bias"] + np.maximum(x[:, None] - knots, 0.0) @ weights
        np.testing.assert_allclose(shown["sums"], expected, rtol=0, atol=TOL)
        assert not errors, errors
    finally:
        page.close()


def test_build_it_yourself_drags_by_touch(chromium):
    """A finger on a bend handle moves it, and the page does not scroll away."""
    page, errors = _open(chromium, "universal-approximation/", ".wr-ex--hinges")
    try:
        cdp = chromium.context.new_cdp_session(page)
        cdp.send(
            "Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1}
        )
        handle = page.locator('.wr-ex--hinges [data-kind="bend"][data-index="2"]')
        handle.scroll_into_view_if_needed()
        # The theme scrolls smoothly: wait until the page has come to rest
        # (ten frames without a move), however slowly a busy machine draws.
        page.evaluate(
            """() => new Promise(done => {
                let last = NaN, still = 0;
                const tick = () => {
                    still = scrollY === last ? still + 1 : 0;
                    last = scrollY;
                    if (still >= 10) done(); else requestAnimationFrame(tick);
                };
                requestAnimationFrame(tick);
            })"""
        )
        box = handle.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        before = _hinges_shown(page)["state"]["weights"][2]
        scrolled = page.evaluate("scrollY")
        cdp.send(
            "Input.dispatchTouchEvent",
            {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]},
        )
        for step in range(1, 6):
            cdp.send(
                "Input.dispatchTouchEvent",
                {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 5 * step}]},
            )
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:  # waits for the state, not for a time (the machine may be busy)
            page.wait_for_function(
                "before => JSON.parse(document.querySelector('.wr-ex--hinges')"
                ".dataset.state).weights[2] > before",
                arg=before,
                timeout=15_000,
            )
        except PlaywrightTimeout:
            pass  # reported just below, with the message
        assert _hinges_shown(page)["state"]["weights"][2] > before, (
            "the touch did not raise the bend"
        )
        assert page.evaluate("scrollY") == scrolled, "the drag scrolled the page"
        assert not errors, errors
    finally:
        page.close()


def test_without_the_module_the_static_figure_shows(chromium):
    page = chromium.new_page("light")
    try:
        page.route("**/explorables/*.js", lambda route: route.abort())
        page.goto(chromium.site_url + "universal-approximation/", wait_until="load")
        page.wait_for_timeout(300)
        host = page.locator("#snippet-universal-approximation-build-it-yourself")
        assert host.locator(".wr-ex").count() == 0
        image = host.locator("figure.wr-figure img")
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        assert image.is_visible()
    finally:
        page.close()


# ---------------------------------------------------------------- fold the line


def _fold_shown(page) -> dict:
    return page.evaluate(
        """() => {
        const root = document.querySelector('.wr-ex--fold');
        const count = p => parseInt(root.querySelector(`output[data-panel="${p}"]`).dataset.value, 10);
        return {deep: count('deep'), shallow: count('shallow'),
                values: JSON.parse(root.dataset.values),
                shallowValues: JSON.parse(root.dataset.shallowValues),
                state: JSON.parse(root.dataset.state),
                valuetext: root.querySelector('input[type=range]').getAttribute('aria-valuetext')};
    }"""
    )


def test_fold_the_line_counts_what_the_snippet_counts(chromium, snippet):
    results = snippet(FOLD).results
    ex = results["explorable"]
    page, errors = _open(chromium, "depth-and-linear-regions/", ".wr-ex--fold")
    try:
        assert _page_data(page, FOLD) == ex, (
            "the page's data is not the snippet's RESULTS"
        )
        slider = page.locator(".wr-ex--fold input[type=range]")
        for net in ("tent", "zigzag"):
            page.check(f'.wr-ex--fold input[type=radio][value="{net}"]')
            slider.focus()
            page.keyboard.press("Home")
            for row in ex["reference"][net]:
                if row["k"] > ex["depths"][0]:
                    page.keyboard.press("ArrowRight")
                shown = _fold_shown(page)
                where = f"{net}, k = {row['k']}"
                assert shown["state"] == {"net": net, "k": row["k"]}, where
                assert shown["deep"] == row["pieces"], where
                assert shown["shallow"] == row["shallow_pieces"], where
                np.testing.assert_allclose(
                    shown["values"], row["values"], rtol=0, atol=TOL, err_msg=where
                )
                np.testing.assert_allclose(
                    shown["shallowValues"],
                    row["shallow_values"],
                    rtol=0,
                    atol=TOL,
                    err_msg=where,
                )
                assert f"{row['units']} units" in shown["valuetext"], where
        assert [r["pieces"] for r in ex["reference"]["zigzag"]] == results[
            "zigzag_pieces"
        ]
        assert not errors, errors
    finally:
        page.close()


# ---------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "page_url,selector",
    [
        ("universal-approximation/", ".wr-ex--hinges"),
        ("depth-and-linear-regions/", ".wr-ex--fold"),
    ],
)
def test_live_explorables_pass_axe(chromium, page_url, selector, scheme):
    page, errors = _open(chromium, page_url, selector, scheme)
    try:
        # a focused handle too: its ring must show
        page.locator(f"{selector} [tabindex='0'], {selector} input").first.focus()
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async sel => (await axe.run({include: [sel]}, {resultTypes: ["violations"],
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                "wcag22aa", "best-practice"]}}))
              .violations.map(v => ({id: v.id, impact: v.impact,
                                     nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))""",
            selector,
        )
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, f"{page_url} [{scheme}]: {serious}"
        assert not errors, errors
    finally:
        page.close()
