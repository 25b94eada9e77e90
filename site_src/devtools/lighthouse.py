"""``make lighthouse``: Lighthouse's mobile performance audit of the built site.

Serves ``site/`` compressed on 127.0.0.1 (``site_src/devtools/serve_static.py``, as a
static host would) and runs the ``lighthouse`` npm package (a devDependency:
``npm ci --ignore-scripts``) with its default mobile preset (simulated slow
4G and a 4x slower CPU) in the machine's Chromium (``CHROME_PATH``, else
``WHYRELU_CHROMIUM``, else /usr/bin/chromium). Prints, per page, the score and
what it rests on, then one JSON line (``lighthouse_performance`` per page).

The score is a measurement: with simulated throttling it still moves a few
points with the machine's load (the CPU's speed is measured, and the main
thread's tasks are timed). The robust audits (render-blocking resources,
bytes transferred, requests to another host, the largest paint's element)
are what tests/browser/test_lighthouse.py asserts.

``python -m site_src.devtools.lighthouse [--site site] [--runs N] [page ...]``: pages
are site paths (default: the pages with an explorable); with ``--runs N``
each page is measured N times and the median is reported. ``--compare
OTHER_SITE`` measures a second build (a copy of ``site/`` made before a
change) in turns with the first, both served at once, so that the load of
the moment falls on both alike. Each report's JSON is kept in
``.cache/lighthouse/``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from site_src.devtools import serve_static

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ("universal-approximation/", "depth-and-linear-regions/")
REPORTS = ROOT / ".cache" / "lighthouse"
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


def chrome_path() -> str:
    for candidate in (
        os.environ.get("CHROME_PATH"),
        os.environ.get("WHYRELU_CHROMIUM"),
        "/usr/bin/chromium",
    ):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    raise SystemExit(
        "no Chromium: install it (`make browser`) or set CHROME_PATH=/path/to/chromium"
    )


def run_lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run (mobile preset, performance only); its JSON report."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(
            "no Lighthouse in node_modules: run `npm ci --ignore-scripts` (package.json lists it)"
        )
    env = dict(os.environ, CHROME_PATH=chrome_path())
    with tempfile.TemporaryDirectory(prefix="lh-profile-") as profile:
        flags = (
            "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
            f"--no-first-run --disable-background-networking --user-data-dir={profile}"
        )
        proc = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--only-categories=performance",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={flags}",
                "--quiet",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
    return json.loads(out.read_text())


def summary(report: dict, base: str) -> dict:
    """What a report says about a page: the score and the audits behind it."""
    audits = report["audits"]
    blocking = audits["render-blocking-resources"].get("details", {}).get("items", [])
    requests = audits["network-requests"]["details"]["items"]
    lcp_items = (
        audits.get("largest-contentful-paint-element", {})
        .get("details", {})
        .get("items", [])
    )
    lcp_node = ""
    for item in lcp_items:
        for sub in item.get("items", []) if item.get("type") == "table" else [item]:
            node = sub.get("node") if isinstance(sub, dict) else None
            if node:
                lcp_node = node.get("snippet", "")
                break
        if lcp_node:
            break
    return {
        "score": round(100 * report["categories"]["performance"]["score"]),
        # Lighthouse's measure of the machine's speed during the run: it
        # drops when the machine is busy, and the score with it
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
        "metrics": {
            name: round(audits[name]["numericValue"], 3 if "shift" in name else 0)
            for name in METRICS
        },
        "render_blocking": [
            {
                "url": item["url"].replace(base, ""),
                "bytes": item.get("totalBytes", 0),
                "ms": round(item.get("wastedMs", 0)),
            }
            for item in blocking
        ],
        "total_bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(requests),
        "urls": [r["url"].replace(base, "") for r in requests],
        "other_hosts": sorted(
            {
                urlsplit(r["url"]).netloc
                for r in requests
                if urlsplit(r["url"]).scheme in ("http", "https", "ws", "wss")
                and urlsplit(r["url"]).netloc != urlsplit(base).netloc
            }
        ),
        "lcp_element": lcp_node,
        "dom_elements": _dom_elements(audits),
        # main-thread time by kind of work (style and layout, script
        # evaluation, parsing...), in ms, largest first
        "main_thread": {
            item["groupLabel"]: round(item["duration"])
            for item in sorted(
                audits["mainthread-work-breakdown"].get("details", {}).get("items", []),
                key=lambda item: -item["duration"],
            )
        },
        # the scripts that kept the main thread busy, in ms (total, scripting)
        "scripts": [
            {
                "url": item["url"].replace(base, ""),
                "ms": round(item.get("total", 0)),
                "scripting": round(item.get("scripting", 0)),
            }
            for item in audits["bootup-time"].get("details", {}).get("items", [])
        ],
    }


def _dom_elements(audits: dict) -> int | None:
    """The page's element count as Lighthouse counts it (``dom-size``)."""
    audit = audits.get("dom-size") or audits.get("dom-size-insight") or {}
    value = audit.get("numericValue")
    return None if value is None else int(value)


def measure(site: Path, pages, runs: int = 1) -> dict[str, list[dict]]:
    return compare({"": site}, pages, runs)[""]


def compare(
    sites: dict[str, Path], pages, runs: int = 1
) -> dict[str, dict[str, list[dict]]]:
    """Each page of each site measured ``runs`` times, the sites in turns
    (A B, then B A...), all served at once: a change of load then falls on
    both alike. Keyed by the names given to the sites, then by page."""
    servers = {name: serve_static.start(site) for name, site in sites.items()}
    REPORTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, list[dict]]] = {name: {} for name in sites}
    try:
        for run in range(runs):
            for page in pages:
                order = list(sites) if run % 2 == 0 else list(sites)[::-1]
                for name in order:
                    base = servers[name][1]
                    stem = page.strip("/").replace("/", "-") or "home"
                    out = REPORTS / f"{name + '-' if name else ''}{stem}-{run + 1}.json"
                    load = os.getloadavg()[0]
                    report = summary(run_lighthouse(base + page, out), base)
                    report["load"] = round(load, 1)
                    results[name].setdefault(page, []).append(report)
    finally:
        for server, _ in servers.values():
            server.shutdown()
            server.server_close()
    return results


def report(page: str, runs: list[dict], label: str = "") -> float:
    """Print what a page's runs say; return the median score."""
    scores = [r["score"] for r in runs]
    median = statistics.median(scores)
    last = runs[-1]
    speed = ", ".join(str(r["benchmark_index"]) for r in runs)
    loads = ", ".join(str(r["load"]) for r in runs)
    print(
        f"{label}{page}: performance {median:g} (runs: {', '.join(map(str, scores))}; "
        f"machine benchmark index {speed}; load average {loads})"
    )
    for name in METRICS:
        values = [r["metrics"][name] for r in runs]
        print(
            f"    {name}: median {statistics.median(values):g} "
            f"(runs: {', '.join(f'{v:g}' for v in values)})"
        )
    print(
        f"    bytes transferred: {last['total_bytes']:.0f} in {last['requests']} requests"
    )
    for item in last["render_blocking"]:
        print(
            f"    render-blocking: {item['url']} ({item['bytes']} B, {item['ms']} ms)"
        )
    if last["other_hosts"]:
        print(f"    other hosts: {', '.join(last['other_hosts'])}")
    print(f"    largest paint: {last['lcp_element'][:100]}")
    print(f"    DOM elements: {last['dom_elements']}")
    print(
        "    main thread (ms): "
        + ", ".join(f"{k} {v}" for k, v in last["main_thread"].items())
    )
    for item in last["scripts"]:
        print(
            f"    script: {item['url']} ({item['ms']} ms, scripting {item['scripting']} ms)"
        )
    return median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", default=list(PAGES))
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--compare",
        type=Path,
        metavar="OTHER_SITE",
        help="also measure this other build (e.g. a copy of site/ made before a "
        "change), in turns with --site",
    )
    args = parser.parse_args(argv)
    sites = (
        {"": args.site}
        if args.compare is None
        else {
            "before": args.compare,
            "after": args.site,
        }
    )
    for site in sites.values():
        if not (site / "index.html").is_file():
            raise SystemExit(f"no built site in {site}: run `make site` first")
    results = compare(sites, args.pages, args.runs)
    line: dict = {}
    for name, pages in results.items():
        label = f"[{name}] " if name else ""
        for page, runs in pages.items():
            median = report(page, runs, label)
            if name:
                line.setdefault(name, {})[page.strip("/")] = median
            else:
                line[page.strip("/")] = median
    print(json.dumps({"lighthouse_performance": line}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
