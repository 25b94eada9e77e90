"""Plain helpers for the browser tests: colour maths, the answers, page weight.

Nothing here drives a browser, so each piece can be tested on its own
(``test_site_check.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.utils import meta as mkdocs_meta

# ---------------------------------------------------------------- colour

# The dark-mode figure filter of site_src/assets/figures.css, in numbers.
INVERT = 0.9
HUE_ROTATE_DEG = 180.0
WCAG_AA = 4.5
# An answer page with its figures and frames, without the shared assets.
PAGE_WEIGHT_LIMIT = 1_000_000


def parse_css_colour(text: str) -> tuple[tuple[float, float, float], float]:
    """``rgb(r, g, b)`` / ``rgba(...)`` / ``#rrggbb`` -> (r, g, b in 0..1, alpha)."""
    text = text.strip()
    if text.startswith("#"):
        hexa = text[1:]
        if len(hexa) == 3:
            hexa = "".join(c * 2 for c in hexa)
        return tuple(int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4)), 1.0
    match = re.fullmatch(r"rgba?\(([^)]*)\)", text)
    if not match:
        raise ValueError(f"not a colour: {text!r}")
    parts = [p for p in re.split(r"[\s,/]+", match.group(1)) if p]
    rgb = tuple(float(p) / 255 for p in parts[:3])
    alpha = (
        float(parts[3].rstrip("%")) / (100 if parts[3].endswith("%") else 1)
        if len(parts) > 3
        else 1.0
    )
    return rgb, alpha


def relative_luminance(rgb) -> float:
    """WCAG 2 relative luminance of an sRGB colour with channels in 0..1."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a, b) -> float:
    """WCAG 2 contrast ratio of two sRGB colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over(fg, alpha: float, bg):
    """``fg`` at opacity ``alpha`` composited over ``bg``."""
    return tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg, bg))


def dark_filter(rgb, invert: float = INVERT, hue_deg: float = HUE_ROTATE_DEG):
    """CSS ``filter: invert(a) hue-rotate(h)`` applied to one sRGB colour.

    The matrices are those of the Filter Effects spec; Chromium applies the
    shorthand filters to sRGB values, which the browser test checks against
    the card background it sees on screen.
    """
    import math

    inverted = [invert * (1 - c) + (1 - invert) * c for c in rgb]
    cos, sin = math.cos(math.radians(hue_deg)), math.sin(math.radians(hue_deg))
    matrix = [
        [
            0.213 + cos * 0.787 - sin * 0.213,
            0.715 - cos * 0.715 - sin * 0.715,
            0.072 - cos * 0.072 + sin * 0.928,
        ],
        [
            0.213 - cos * 0.213 + sin * 0.143,
            0.715 + cos * 0.285 + sin * 0.140,
            0.072 - cos * 0.072 - sin * 0.283,
        ],
        [
            0.213 - cos * 0.213 - sin * 0.787,
            0.715 - cos * 0.715 + sin * 0.715,
            0.072 + cos * 0.928 + sin * 0.072,
        ],
    ]
    return tuple(
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, inverted)))) for row in matrix
    )


def dominant_colour(pixels) -> tuple[float, float, float]:
    """The most frequent colour among ``pixels`` (an array of 0..255 RGB rows).

    Around a label, most pixels are its background: text strokes cover a
    small share of their own bounding box.
    """
    import numpy as np

    rows = np.asarray(pixels, dtype=np.uint32).reshape(-1, 3)
    packed = (rows[:, 0] << 16) | (rows[:, 1] << 8) | rows[:, 2]
    values, counts = np.unique(packed, return_counts=True)
    best = int(values[counts.argmax()])
    return ((best >> 16) / 255, ((best >> 8) & 255) / 255, (best & 255) / 255)


# ---------------------------------------------------------------- the answers


@dataclass
class Answer:
    name: str  # docs/<name>.md
    title: str
    description: str
    question: str
    url: str  # relative to the site root, e.g. "why-nonlinearity/"


def answers(docs: Path) -> list[Answer]:
    """Every answer page: a page in docs/ whose front matter names its question."""
    found = []
    for path in sorted(docs.glob("*.md")):
        _, data = mkdocs_meta.get_data(path.read_text(encoding="utf-8"))
        if data.get("question"):
            name = path.stem
            found.append(
                Answer(
                    name,
                    str(data.get("title", name)),
                    str(data.get("description", "")),
                    str(data["question"]),
                    f"{name}/",
                )
            )
    return found


STOPWORDS = set(
    "about after again also because before being between could does doing each every from "
    "have into just more most much only other over same should some such than that their "
    "them then there these they this those through under very what when where which while "
    "why with would your still really even".split()
)


def search_word(answer: Answer, others: list[Answer]) -> str:
    """A word of the answer's question that the fewest other answers' titles use."""
    words = [
        w
        for w in re.findall(r"[A-Za-z]{4,}", answer.title)
        if w.lower() not in STOPWORDS
    ]
    if not words:
        raise ValueError(
            f"no searchable word in the title of {answer.name}: {answer.title!r}"
        )

    def score(word: str):
        used = sum(
            word.lower() in o.title.lower() for o in others if o.name != answer.name
        )
        return (used, -len(word))

    return min(words, key=score)


# ---------------------------------------------------------------- the site


def site_prefix(mkdocs_yml: Path) -> str:
    """The path the site is published under (from ``site_url``), e.g. ``/whyrelu/``."""
    match = re.search(r"^site_url:\s*(\S+)", mkdocs_yml.read_text(), re.M)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths relative to its root."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def is_shared_asset(path: str) -> bool:
    """The theme's and the site's shared files, loaded once for every page."""
    return path.startswith(("assets/", "search/")) or path in (
        "sitemap.xml",
        "sitemap.xml.gz",
    )


def page_weight(site: Path, page_path: str, resources: list[str]) -> dict:
    """Bytes of one page: its HTML plus the resources it alone uses.

    ``resources`` are URL paths relative to the site root (figures, frames,
    anything the page loads); shared assets are left out.
    """
    html_file = site / (
        page_path + "index.html"
        if page_path.endswith("/") or not page_path
        else page_path
    )
    own = sorted({r for r in resources if not is_shared_asset(r)})
    sizes = {}
    for resource in own:
        file = site / resource
        sizes[resource] = file.stat().st_size if file.is_file() else None
    html_bytes = html_file.stat().st_size
    return {
        "page": page_path,
        "html_bytes": html_bytes,
        "resource_bytes": sum(v for v in sizes.values() if v),
        "total_bytes": html_bytes + sum(v for v in sizes.values() if v),
        "resources": len(own),
        "missing": [r for r, v in sizes.items() if v is None],
    }


def weight_table(rows: list[dict], limit: int) -> str:
    lines = [
        f"{'page':<40} {'HTML kB':>8} {'own files kB':>12} {'files':>5} {'total kB':>9}"
    ]
    for row in rows:
        flag = "  OVER" if row["total_bytes"] > limit else ""
        lines.append(
            f"{row['page'] or '(home)':<40} {row['html_bytes'] / 1000:>8.1f} "
            f"{row['resource_bytes'] / 1000:>12.1f} {row['resources']:>5} {row['total_bytes'] / 1000:>9.1f}{flag}"
        )
    lines.append(
        f"limit: {limit / 1e6:.1f} MB per answer page (HTML + figures + frames; shared theme assets excluded)"
    )
    return "\n".join(lines)
