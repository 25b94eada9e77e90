"""TeX to MathML for the spans that ``pymdownx.arithmatex`` (generic) emits."""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

_INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
_BLOCK = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)


class MathsError(Exception):
    pass


def _convert(tex: str, display: str) -> str:
    source = html.unescape(tex).strip()
    try:
        mathml = convert(source, display=display)
    except Exception as exc:  # latex2mathml raises many kinds
        raise MathsError(
            f"cannot render the maths `{source}` ({type(exc).__name__}: {exc}) — "
            "simplify the TeX (latex2mathml supports most of amsmath)"
        ) from None
    # The TeX stays as an annotation for copy and for screen readers' fallbacks.
    annotation = (
        f'<annotation encoding="application/x-tex">{html.escape(source)}</annotation>'
    )
    mathml = mathml.replace("</math>", "").rstrip()
    if mathml.endswith("</mrow>") and "<semantics>" not in mathml:
        head, _, body = mathml.partition(">")
        mathml = f"{head}><semantics>{body}{annotation}</semantics>"
    return mathml + "</math>"


def render_maths(page_html: str) -> str:
    page_html = _BLOCK.sub(
        # Wide equations scroll sideways; tabindex lets a keyboard user scroll them.
        lambda m: (
            f'<div class="arithmatex wr-maths" tabindex="0">{_convert(m.group(1), "block")}</div>'
        ),
        page_html,
    )
    return _INLINE.sub(
        lambda m: f'<span class="arithmatex">{_convert(m.group(1), "inline")}</span>',
        page_html,
    )
