"""MkDocs hook: one page with every answer, for printing or saving as PDF.

Thin on purpose: ``site_src.outputs.print`` does the work. The page (``print.md``,
published at ``print/``) is made by the build, never by hand: it lists every
answer page (a page whose front matter has ``question:``) in the order of the
navigation, with their figures and sources. Its stylesheet for paper is
``site_src/assets/print.css``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from site_src.outputs import print as printing  # noqa: E402

INTRO = (
    '<p class="wr-print-intro">Every answer of this site, with its figures and sources, '
    "on one page. To make a PDF, use your browser's <em>Print</em> command and choose "
    "<em>Save as PDF</em>; navigation, search and buttons are left off the paper.</p>"
)


def on_files(files, config):
    if files.get_file_from_path(printing.PRINT_URI) is not None:
        raise PluginError(
            f"docs/{printing.PRINT_URI} exists, but the print page is made by the build: remove it"
        )
    files.append(
        File.generated(
            config,
            printing.PRINT_URI,
            content=printing.PAGE_MARKDOWN,
            inclusion=InclusionLevel.NOT_IN_NAV,
        )
    )
    return files


# After every other hook, so that the answers' content is final.
@event_priority(-100)
def on_page_context(context, page, config, nav):
    if page.file.src_uri != printing.PRINT_URI:
        return context
    if printing.PLACEHOLDER not in page.content:
        raise PluginError(
            "the print page lost its placeholder: site_src/outputs/print.py and its page disagree"
        )
    answers = []
    toc = []
    for other in nav.pages:
        if not other.meta.get("question") or other.content is None:
            continue
        name = Path(other.file.src_uri).with_suffix("").as_posix()
        sections = []
        for top in other.toc.items:
            for child in top.children:
                sections.append((child.id, child.title))
        answers.append(
            printing.Answer(
                name=name,
                url=other.url,
                title=other.meta.get("title") or other.title or name,
                question=str(other.meta["question"]),
                html=other.content,
                sections=sections,
            )
        )
        toc.append(
            {
                "level": 2,
                "id": name,
                "name": other.meta.get("title") or other.title or name,
                "children": [
                    {"level": 3, "id": f"{name}--{sid}", "name": title, "children": []}
                    for sid, title in sections
                ],
            }
        )
    if not answers:
        raise PluginError(
            "the print page found no answer page (front matter `question:`) in the navigation"
        )
    page.content = page.content.replace(
        printing.PLACEHOLDER, printing.assemble(answers, page.url, INTRO)
    )
    page.toc = get_toc(
        [{"level": 1, "id": "print", "name": page.title, "children": toc}]
    )
    context["toc"] = page.toc
    return context
