"""The print page, printed to PDF by headless Chromium, holds the whole FAQ.

The PDF is written to .cache/print/why-relu.pdf (look at it with any PDF
viewer, or ``pdftoppm -png`` for images of its pages). Its text is read
with ``pdftotext`` (Debian's poppler-utils).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import site_check

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / ".cache" / "print" / "why-relu.pdf"


def _squash(text: str) -> str:
    """Text without ligatures, typographic variants or any white space."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("−", "-")


@pytest.fixture(scope="module")
def printed(chromium, site_url):
    if not shutil.which("pdftotext"):
        pytest.fail(
            "pdftotext is missing: install poppler-utils (apt-get install poppler-utils)",
            pytrace=False,
        )
    page = chromium.new_page("light")
    try:
        chromium.doing = "print to PDF"
        page.goto(site_url + "print/", wait_until="load")
        page.wait_for_load_state("networkidle")
        figures = page.evaluate("""async () => {
          const images = [...document.querySelectorAll("article.wr-print-answer figure.wr-figure img")];
          for (const img of images) img.loading = "eager";
          await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
            img.addEventListener("load", done, {once: true}); img.addEventListener("error", done, {once: true}); })));
          return images.map(img => ({
            src: new URL(img.getAttribute("src"), document.baseURI).pathname,
            loaded: img.naturalWidth > 0,
            answer: img.closest("article.wr-print-answer").id,
            caption: (img.closest("figure").querySelector("figcaption strong") || {}).textContent || "",
          }));
        }""")
        PDF.parent.mkdir(parents=True, exist_ok=True)
        page.pdf(
            path=str(PDF), format="A4", print_background=True, outline=True, tagged=True
        )
    finally:
        page.close()
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(PDF), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {"text": text, "figures": figures}


def test_the_pdf_has_every_answer_title(printed, site_visits):
    text = _squash(printed["text"])
    missing = [a.title for a in site_visits.answers if _squash(a.title) not in text]
    assert not missing, f"answers missing from the PDF: {missing}"


def test_the_pdf_has_every_figure(printed, site_visits, site_dir):
    figures = printed["figures"]
    not_loaded = [f["src"] for f in figures if not f["loaded"]]
    assert not not_loaded, f"figures that did not load on the print page: {not_loaded}"
    # Every figure of every answer page is on the print page ...
    on_print = {f["src"] for f in figures}
    prefix = site_check.site_prefix(ROOT / "mkdocs.yml")
    missing = []
    for answer in site_visits.answers:
        html_text = (site_dir / answer.url / "index.html").read_text(encoding="utf-8")
        for src in re.findall(
            r'<figure class="wr-figure[^"]*"[^>]*>\s*<img[^>]*\ssrc="\.\./([^"]+)"',
            html_text,
        ):
            if prefix + src not in on_print:
                missing.append(f"{answer.url}: {src}")
    assert not missing, f"figures of the answers missing from the print page: {missing}"
    # ... and printed: its caption is in the PDF's text, and so is the longest
    # text drawn inside each SVG figure (the figure itself, not only its caption).
    text = _squash(printed["text"])
    unprinted = []
    for figure in figures:
        if figure["caption"] and _squash(figure["caption"]) not in text:
            unprinted.append(f"{figure['src']}: caption {figure['caption']!r}")
        if figure["src"].endswith(".svg"):
            svg = (site_dir / figure["src"][len(prefix) :]).read_text(encoding="utf-8")
            words = [
                re.sub(r"<[^>]+>", "", t)
                for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)
            ]
            words = [
                w
                for w in words
                if re.fullmatch(r"[A-Za-z][A-Za-z ,.()'-]{5,}", w.strip())
            ]
            if words:
                longest = max(words, key=len)
                if _squash(longest) not in text:
                    unprinted.append(f"{figure['src']}: its text {longest!r}")
    assert not unprinted, "figures not printed in the PDF:\n  " + "\n  ".join(unprinted)


def test_the_pdf_leaves_the_site_chrome_off(printed):
    text = printed["text"]
    for chrome in ("Table of contents", "Back to top", "Made with"):
        assert chrome not in text, f"the PDF prints the site's {chrome!r}"
    pages = text.count("\f")
    assert pages >= 2, "the PDF has a single page"
